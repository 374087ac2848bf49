@testable import Storage
import Testing

/// `DATABASE_URL` parsing by SQLAlchemy's rules.
@Suite("DATABASE_URL")
struct DatabaseURLTests {
    @Test(
        "SQLite locations",
        arguments: [
            ("sqlite:///./test.db", SQLiteLocation.file("./test.db")),
            ("sqlite:///test.db", .file("test.db")),
            ("sqlite:////var/lib/app/users.db", .file("/var/lib/app/users.db")),
            ("sqlite://", .memory),
            ("sqlite:///:memory:", .memory),
            ("sqlite+pysqlite:///data/x.db", .file("data/x.db")),
            ("SQLite:///Upper.db", .file("Upper.db")),
        ]
    )
    func sqlite(_ string: String, location: SQLiteLocation) throws {
        #expect(try DatabaseURL(parsing: string) == .sqlite(location, poolSize: nil))
    }

    @Test("PostgreSQL variants are accepted", arguments: [
        "postgresql://user:pw@localhost:5432/db",
        "postgres://user:pw@localhost/db",
        "postgresql+psycopg2://user:pw@db.internal/app",
        "postgresql://h1:5432,h2:5432/db?target_session_attrs=read-write",
        "postgresql://app:p%40ss%3Aword@localhost/db?sslmode=disable&connect_timeout=3&application_name=auth",
        "postgresql:///db",
    ])
    func postgres(_ string: String) throws {
        guard case .postgres = try DatabaseURL(parsing: string) else {
            Issue.record("\(string) did not select PostgreSQL")
            return
        }
    }

    @Test("the pool size comes from the URL")
    func poolSize() throws {
        #expect(try DatabaseURL(parsing: "postgresql://u@h/db?pool_size=7&sslmode=disable").requestedPoolSize == 7)
        #expect(try DatabaseURL(parsing: "sqlite:///x.db?pool_size=3").requestedPoolSize == 3)
        #expect(try DatabaseURL(parsing: "postgresql://u@h/db").requestedPoolSize == nil)
        #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: "postgresql://u@h/db?pool_size=0") }
    }

    @Test("bad URLs are one-line errors", arguments: [
        ("mysql://root@localhost/db", "unknown scheme 'mysql'"),
        ("not a url", "expected scheme://"),
        ("", "expected scheme://"),
        ("sqlite://host/x.db", "no host"),
        ("sqlite:///x.db?mode=ro", "unsupported SQLite URL parameter"),
        ("postgresql://u@h/db?bogus_option=1", "malformed PostgreSQL URL"),
    ])
    func invalid(_ string: String, expected: String) {
        let error = #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: string) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
    }

    @Test("passwords never show, encoded or decoded")
    func redaction() throws {
        let url = try DatabaseURL(parsing: "postgresql://app:s3cr%40t-pw@db:5432/users")
        #expect(url.redacted == "postgresql://app:***@db:5432/users")
        let error = #expect(throws: DatabaseURLError.self) {
            try DatabaseURL(parsing: "postgresql://app:bad%zzsecret@db/users")
        }
        #expect(error?.message.contains("secret") == false)
    }

    @Test(
        "the redacted URL is rebuilt from libpq's options: no form of password shows",
        arguments: [
            ("postgresql://app:s3cret@db:5432/users?application_name=a@b", "postgresql://app:***@db:5432/users?application_name=a@b"),
            ("postgresql://app:s3cret@db?application_name=x@y", "postgresql://app:***@db/?application_name=x@y"),
            ("postgresql://app:s3%2Fc%3Fret@db/users", "postgresql://app:***@db/users"),
            ("postgresql://app@db/users?password=s3cret&sslmode=require", "postgresql://app:***@db/users?sslmode=require"),
            ("postgresql://app:s3cret@h1:5432,h2:5433/users?target_session_attrs=read-write&pool_size=3",
             "postgresql://app:***@h1:5432,h2:5433/users?target_session_attrs=read-write"),
        ])
    func redactionForms(_ text: String, expected: String) throws {
        let url = try DatabaseURL(parsing: text)
        #expect(url.redacted == expected)
        #expect(!url.redacted.contains("s3") && !url.redacted.contains("cret"))
    }

    @Test("key=value conninfo is redacted the same way")
    func keyValueRedaction() throws {
        let options = try PostgresURL.options(of: "host=db port=5432 user=app password='s3 cret' dbname=users sslpassword=k3y", scrubbing: nil)
        #expect(PostgresURL.display(options) == "postgresql://app:***@db:5432/users?sslpassword=***")
    }
}
