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

    @Test("a quoted value ends at its closing quote; a comment after it is not part of it")
    func quotedWithComment() {
        let parsed = DotEnv.parse(#"""
            PLAIN="v" # c
            QUOTES_IN_COMMENT="v" # say "hi"
            ESCAPED_QUOTE="a\"b" # c
            SINGLE='s' # c
            """#)
        #expect(parsed == ["PLAIN": "v", "QUOTES_IN_COMMENT": "v", "ESCAPED_QUOTE": "a\"b", "SINGLE": "s"])
    }
}
