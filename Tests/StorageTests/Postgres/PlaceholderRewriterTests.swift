import Testing

@testable import Storage

@Suite("PostgreSQL placeholder rewriting")
struct PlaceholderRewriterTests {
    @Test(
        "? outside literals, identifiers and comments becomes $n",
        arguments: [
            ("SELECT ?", "SELECT $1", 1),
            ("INSERT INTO t (a, b) VALUES (?, ?)", "INSERT INTO t (a, b) VALUES ($1, $2)", 2),
            ("SELECT '?', ?", "SELECT '?', $1", 1),
            ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1),
            ("SELECT E'\\' ?', ?", "SELECT E'\\' ?', $1", 1),
            ("SELECT e'a\\\\', ?", "SELECT e'a\\\\', $1", 1),
            ("SELECT 'a\\', ?", "SELECT 'a\\', $1", 1),
            ("SELECT \"col?\" FROM \"t\"\"?\" WHERE x = ?", "SELECT \"col?\" FROM \"t\"\"?\" WHERE x = $1", 1),
            ("SELECT ? -- what?\n, ?", "SELECT $1 -- what?\n, $2", 2),
            ("SELECT /* ? /* nested ? */ still ? */ ?", "SELECT /* ? /* nested ? */ still ? */ $1", 1),
            ("SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1", 1),
            ("SELECT $tag$ ? $$ ? $tag$, ?", "SELECT $tag$ ? $$ ? $tag$, $1", 1),
            ("SELECT a$b, ?", "SELECT a$b, $1", 1),
            ("SELECT ??", "SELECT $1$2", 2),
            ("SELECT x - ?", "SELECT x - $1", 1),
            ("SELECT 'unterminated ?", "SELECT 'unterminated ?", 0),
            ("SELECT ?, 'é?' , ?", "SELECT $1, 'é?' , $2", 2),
        ])
    func rewrites(sql: String, expected: String, count: Int) throws {
        let rewritten = try PlaceholderRewriter.rewrite(sql)
        #expect(rewritten.text == expected)
        #expect(rewritten.parameterCount == count)
    }

    @Test("PostgreSQL's own $n placeholders pass through and are counted")
    func numbered() throws {
        let rewritten = try PlaceholderRewriter.rewrite("SELECT $2, $1, '$9'")
        #expect(rewritten.text == "SELECT $2, $1, '$9'")
        #expect(rewritten.parameterCount == 2)
    }

    @Test("mixing ? and $n is refused")
    func mixed() {
        #expect(throws: StorageError.self) { try PlaceholderRewriter.rewrite("SELECT ?, $1") }
    }

    @Test("rewritten statements run on PostgreSQL")
    func runs() async throws {
        try await withDatabase(.postgresql) { database in
            let rows = try await database.query(
                "SELECT ? AS a, '?' AS b, $tag$?$tag$ AS c, E'\\'?' AS d /* ? */, CAST(? AS BIGINT) AS e", ["x", 5])
            let row = try #require(rows.first)
            #expect(try row["a"] as String == "x")
            #expect(try row["b"] as String == "?")
            #expect(try row["c"] as String == "?")
            #expect(try row["d"] as String == "'?")
            #expect(try row["e"] as Int64 == 5)
        }
    }
}
