import Storage
import Testing

@Suite("Typed rows and parameter binding")
struct SQLRowTests {
    static func schema(_ dialect: SQLDialect) -> String {
        """
        CREATE TABLE samples (
            id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b \(dialect.blobType), f BOOLEAN
        )
        """
    }

    static let everyByte = (0...255).map { UInt8($0) }

    @Test("every type round-trips, NULL included", arguments: Driver.allCases)
    func roundTrip(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute(script: Self.schema(connection.dialect))
                let insert = "INSERT INTO samples (id, i, r, t, b, f) VALUES (?, ?, ?, ?, ?, ?)"
                try connection.execute(
                    insert, [1, .integer(.max), 0.1, "héllo 👋 ünïcode", .blob(Self.everyByte), true])
                try connection.execute(insert, [2, .integer(.min), -1e300, "", .blob([]), false])
                try connection.execute(insert, [3, nil, nil, nil, nil, nil])
                try connection.execute(insert, [4, 0, .real(.infinity), "'; DROP TABLE samples; --", .blob([0]), nil])
            }
            let rows = try await database.query("SELECT id, i, r, t, b, f FROM samples ORDER BY id")
            try #require(rows.count == 4)
            #expect(try rows[0]["i"] as Int64 == .max)
            #expect(try rows[0]["r"] as Double == 0.1)
            #expect(try rows[0]["t"] as String == "héllo 👋 ünïcode")
            #expect(try rows[0]["b"] as [UInt8] == Self.everyByte)
            #expect(try rows[0]["f"] as Bool == true)
            #expect(try rows[1].decode("i", as: Int64.self) == .min)
            #expect(try rows[1].decode("r", as: Double.self) == -1e300)
            #expect(try rows[1].decode("t", as: String.self) == "")
            #expect(try rows[1].decode("b", as: [UInt8].self) == [])
            #expect(try rows[1].decode("f", as: Bool.self) == false)
            for column in ["i", "r", "t", "b", "f"] {
                #expect(try rows[2].value(column) == .null)
            }
            #expect(try rows[2]["i"] as Int64? == nil)
            #expect(try rows[2]["r"] as Double? == nil)
            #expect(try rows[2]["t"] as String? == nil)
            #expect(try rows[2]["b"] as [UInt8]? == nil)
            #expect(try rows[2]["f"] as Bool? == nil)
            #expect(try rows[3]["r"] as Double == .infinity)
            #expect(try rows[3]["t"] as String == "'; DROP TABLE samples; --")
            #expect(try rows[3].decode(at: 0, as: Int.self) == 4)
            #expect(try rows[3].decode(at: 1, as: Int32.self) == 0)
            #expect(rows[0].columnNames == ["id", "i", "r", "t", "b", "f"])
        }
    }

    @Test("a type mismatch names the column; NULL is not a String", arguments: Driver.allCases)
    func mismatches(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            let rows = try await database.query("SELECT 'text' AS word, CAST(NULL AS TEXT) AS absent, 7 AS seven")
            let row = try #require(rows.first)
            let text = await expectStorageError(.typeMismatch) { try row.decode("word", as: Int64.self) }
            #expect(text?.message.contains("\"word\"") == true)
            #expect(text?.message.contains("Int64") == true)
            let null = await expectStorageError(.typeMismatch) { try row.decode("absent", as: String.self) }
            #expect(null?.message.contains("NULL") == true)
            await expectStorageError(.typeMismatch) { try row.decode("seven", as: String.self) }
            await expectStorageError(.typeMismatch) { try row.decode("seven", as: Bool.self) }
            await expectStorageError(.columnNotFound) { try row.decode("missing", as: String.self) }
            await expectStorageError(.columnNotFound) { try row.decode(at: 3, as: String.self) }
            // Names match ignoring ASCII case, as PostgreSQL folds them.
            #expect(try row.decode("WORD", as: String.self) == "text")
            #expect(try row.decode("seven", as: Double.self) == 7)
        }
    }

    @Test("SQLite text that is not UTF-8 is refused as a String, kept as bytes")
    func invalidUTF8OnSQLite() async throws {
        try await withDatabase(.sqlite) { database in
            let rows = try await database.query("SELECT CAST(x'ff61' AS TEXT) AS broken")
            let row = try #require(rows.first)
            let error = await expectStorageError(.invalidText) { try row.decode("broken", as: String.self) }
            #expect(error?.message.contains("\"broken\"") == true)
            await expectStorageError(.invalidText) { try row.value("broken") }
            await expectStorageError(.invalidText) { try row.decode("broken", as: String?.self) }
            #expect(try row.decode("broken", as: [UInt8].self) == [0xff, 0x61])
        }
    }

    @Test("PostgreSQL refuses bytes that are not UTF-8 as text")
    func invalidUTF8OnPostgres() async throws {
        try await withDatabase(.postgresql) { database in
            let error = await expectStorageError(.invalidValue) {
                try await database.query("SELECT convert_from(?, 'UTF8')", [.blob([0xff, 0x61])])
            }
            #expect(error?.sqlState == "22021")
        }
    }

    @Test("text with a NUL character is refused before it reaches the database", arguments: Driver.allCases)
    func nulInText(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            let error = await expectStorageError(.invalidValue) {
                try await database.query("SELECT ?", ["a\u{0}b"])
            }
            #expect(error?.message.contains("parameter 1") == true)
        }
    }

    @Test("a wrong number of parameters is an invalid statement", arguments: Driver.allCases)
    func parameterCount(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            await expectStorageError(.invalidStatement) { try await database.query("SELECT ?, ?", [1]) }
            await expectStorageError(.invalidStatement) { try await database.query("SELECT 1", [1]) }
        }
    }

    @Test("SQL-looking strings are stored verbatim", arguments: Driver.allCases)
    func sqlLookingStrings(driver: Driver) async throws {
        let strings = [
            "Robert'); DROP TABLE names;--", "' OR '1'='1", "\" OR \"\"=\"", "?", "$1", "$$ $tag$ $$", "-- comment",
            "/* comment */", "\\x00\\'", "%_%", "E'\\''", "SELECT * FROM names WHERE name = ?",
        ]
        try await withDatabase(driver) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute("CREATE TABLE names (id BIGINT PRIMARY KEY, name TEXT NOT NULL)")
                for (index, string) in strings.enumerated() {
                    try connection.execute(
                        "INSERT INTO names (id, name) VALUES (?, ?)", [SQLValue(index), SQLValue(string)])
                }
            }
            let rows = try await database.query("SELECT name FROM names ORDER BY id")
            #expect(try rows.map { try $0.decode("name", as: String.self) } == strings)
            // A placeholder inside a literal is not a placeholder.
            let literal = try await database.query("SELECT '?' AS mark, ? AS value /* ? */ -- ?", ["x"])
            #expect(try literal.first?.decode("mark", as: String.self) == "?")
            #expect(try literal.first?.decode("value", as: String.self) == "x")
        }
    }
}
