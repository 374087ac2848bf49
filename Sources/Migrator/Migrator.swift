import ArgumentParser

/// The `migrator` command: applies the versioned SQL in `sql/` to the database in `DATABASE_URL`.
@main
struct Migrator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrator",
        abstract: "Apply, revert and inspect the schema migrations in sql/<backend>/.",
        discussion: """
            The database comes from --database-url, else DATABASE_URL in the environment, else \
            DATABASE_URL in ./.env, else sqlite:///./test.db.

            Exit codes: 0 success or nothing to do; 1 a database, migration or configuration \
            error (message on stderr); 2 `status --exit-code` found pending, changed or missing \
            versions; 64 a usage error.
            """,
        subcommands: [Up.self, Down.self, Redo.self, Status.self, New.self, Wait.self, Copy.self]
    )
}
