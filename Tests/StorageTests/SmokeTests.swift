import Storage
import Testing

@Suite("smoke")
struct SmokeTests {
    @Test("sqlite basics")
    func basics() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(SQLiteConfiguration(directory: directory.path + "/data", name: "t"))
        try await database.write { c throws(StorageError) in
            try c.execute(script: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            try c.execute("INSERT INTO t (name) VALUES (?)", ["a"])
        }
        let rows = try await database.query("SELECT id, name FROM t")
        #expect(rows.count == 1)
        let name: String = try rows[0]["name"]
        #expect(name == "a")
        await database.close()
    }
}
