import Settings
import Testing

/// `.env` files as python-dotenv reads them.
@Suite(".env parsing")
struct DotEnvTests {
    @Test("values, quotes, export and comments")
    func parse() {
        let parsed = DotEnv.parse("""
            # a comment
            SECRET_KEY=abc123
            export ALGORITHM = HS256
            DATABASE_URL="sqlite:///./test.db"
            QUOTED='single # not a comment'
            ESCAPED="line\\nbreak"
            TRAILING=value # comment
            EMPTY=
            not a variable
            SECRET_KEY=last-wins
            """)
        #expect(parsed == [
            "SECRET_KEY": "last-wins", "ALGORITHM": "HS256", "DATABASE_URL": "sqlite:///./test.db",
            "QUOTED": "single # not a comment", "ESCAPED": "line\nbreak", "TRAILING": "value", "EMPTY": "",
        ])
    }
}
