import Storage
import Testing

@Suite("Full-text search")
struct FullTextSearchTests {
    static let index = FullTextIndex(
        name: "products_search", table: "products",
        columns: [.init("name", weight: .a), .init("tags", weight: .b), .init("description", weight: .d)])

    static let migrations = [
        Migration(
            version: 1, name: "products",
            sql: "CREATE TABLE products (id BIGINT PRIMARY KEY, name TEXT NOT NULL, tags TEXT, description TEXT)"),
        Migration(version: 2, name: "search") { dialect in dialect.createFullTextIndex(index) },
    ]

    static let products: [(Int64, String, String, String)] =
        [
            (1, "Desk lamp", "lighting", "Adjustable arm."),
            (2, "Notebook", "office paper", "Lined pages; pairs well with a lamp."),
            (3, "Café crème mug", "kitchen", "Morning coffee."),
            (4, "Crème BRÛLÉE torch", "kitchen", "Caramelise sugar."),
            (5, "Stapler", "office", "Staples paper."),
            (6, "Office chair", "furniture", "Ergonomic."),
        ] + (100..<120).map { ($0, "Filler \($0)", "misc", "Nothing to see.") }

    static func search(_ database: any SQLDatabase, _ text: String) async throws -> [Int64] {
        let dialect = database.dialect
        guard let match = dialect.fullTextQuery(text) else { return [] }
        let clause = dialect.fullTextSearch(index, tableAlias: "p")
        let rows = try await database.query(
            "SELECT p.id, \(clause.rank) AS score FROM products p \(clause.join) ORDER BY score DESC, p.id LIMIT ?",
            [match, 20])
        return try rows.map { try $0.decode("id") }
    }

    @Test("case- and accent-insensitive, prefix on the last word, ranked by column weight", arguments: Driver.allCases)
    func search(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.migrate(Self.migrations)
            try await database.write { connection throws(StorageError) in
                for (id, name, tags, description) in Self.products {
                    try connection.execute(
                        "INSERT INTO products (id, name, tags, description) VALUES (?, ?, ?, ?)",
                        [.integer(id), .text(name), .text(tags), .text(description)])
                }
            }
            // A match in the name beats one in the tags, which beats one in the description.
            #expect(try await Self.search(database, "lamp") == [1, 2])
            #expect(try await Self.search(database, "paper") == [2, 5])
            let office = try await Self.search(database, "office")
            #expect(office.first == 6 && Set(office.dropFirst()) == [2, 5], "\(office)")
            #expect(try await Self.search(database, "LAMP desk") == [1])
            // Accents and case fold both ways (equal matches may come in either order).
            #expect(Set(try await Self.search(database, "creme")) == [3, 4])
            #expect(try await Self.search(database, "CAFE") == [3])
            #expect(try await Self.search(database, "brulee torch") == [4])
            #expect(try await Self.search(database, "CRÈME brûlée") == [4])
            // The last word is a prefix; the others are whole words.
            #expect(try await Self.search(database, "desk la") == [1])
            #expect(try await Self.search(database, "noteb") == [2])
            #expect(try await Self.search(database, "lam desk").isEmpty)
            // Query syntax in the text is just words.
            #expect(try await Self.search(database, "lamp OR \"torch\" -desk* NEAR(x) AND:").isEmpty)
            #expect(try await Self.search(database, "'); DROP TABLE products; --").isEmpty)
            #expect(try await Self.search(database, "  ¿?  ").isEmpty)
        }
    }

    @Test(
        "the index follows inserts, updates and deletes, and indexes rows that were there", arguments: Driver.allCases)
    func maintenance(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.migrate([Self.migrations[0]])
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO products (id, name) VALUES (1, 'Old lantern')")
            }
            try await database.migrate(Self.migrations)
            #expect(try await Self.search(database, "lantern") == [1])
            try await database.write { connection throws(StorageError) in
                try connection.execute("UPDATE products SET name = 'Brass compass' WHERE id = 1")
                try connection.execute("INSERT INTO products (id, name, tags) VALUES (2, 'Sextant', 'brass')")
            }
            #expect(try await Self.search(database, "lantern").isEmpty)
            #expect(try await Self.search(database, "brass") == [1, 2])
            try await database.write { connection throws(StorageError) in
                try connection.execute("DELETE FROM products WHERE id = 1")
            }
            #expect(try await Self.search(database, "brass") == [2])
        }
    }

    @Test("search text becomes a query of quoted words")
    func queryText() {
        #expect(SQLDialect.sqlite.fullTextQuery("Desk  la") == .text("\"Desk\" \"la\"*"))
        #expect(SQLDialect.postgresql.fullTextQuery("Desk  la") == .text("'Desk' & 'la':*"))
        #expect(SQLDialect.sqlite.fullTextQuery("a\"b'c") == .text("\"a\" \"b\" \"c\"*"))
        #expect(SQLDialect.sqlite.fullTextQuery(" -*() ") == nil)
        let many = (0..<40).map { "w\($0)" }.joined(separator: " ")
        guard case .text(let bounded) = SQLDialect.postgresql.fullTextQuery(many) else {
            Issue.record("expected a query")
            return
        }
        #expect(bounded.split(separator: "&").count == 16)
    }
}
