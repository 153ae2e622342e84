import Foundation
import PostgresCluster
import Testing

@testable import Storage

@Suite("PostgreSQL configuration")
struct PostgresConfigurationTests {
    @Test(
        "the password never shows",
        arguments: [
            ("postgres://app:s3cret@db:5432/shop", "postgres://app:***@db:5432/shop"),
            ("postgresql://app:s3cret@db/shop?sslmode=require", "postgresql://app:***@db/shop?sslmode=require"),
            (
                "postgres://app@db/shop?password=s3cret&sslmode=verify-full",
                "postgres://app@db/shop?password=***&sslmode=verify-full"
            ),
            ("postgres://db/shop", "postgres://db/shop"),
        ])
    func redaction(url: String, expected: String) {
        var configuration = PostgresConfiguration(url: url)
        configuration.schema = "product"
        #expect(configuration.redactedURL == expected)
        #expect(!configuration.description.contains("s3cret"))
        #expect(!SQLDatabaseLocation.postgresql(configuration).description.contains("s3cret"))
    }

    @Test("a malformed configuration is refused before connecting")
    func validation() async {
        var badSchema = PostgresConfiguration(url: "postgres://localhost/db")
        badSchema.schema = "Robert; DROP"
        await expectStorageError(.invalidConfiguration) { try await PostgresDatabase.open(badSchema) }
        await expectStorageError(.invalidConfiguration) {
            try await PostgresDatabase.open(PostgresConfiguration(url: "mysql://localhost/db"))
        }
        await expectStorageError(.invalidConfiguration) {
            try await PostgresDatabase.open(PostgresConfiguration(url: "postgres://localhost/db?nonsense=1"))
        }
        var noConnections = PostgresConfiguration(url: "postgres://localhost/db")
        noConnections.connections = 0
        await expectStorageError(.invalidConfiguration) { try await PostgresDatabase.open(noConnections) }
        await expectStorageError(.invalidConfiguration) {
            try SQLDatabaseLocation(url: "sqlite:///tmp/x", dataDirectory: "/tmp", name: "x")
        }
    }

    @Test("wrong credentials and an unreachable server fail with connectionFailed")
    func connectionFailures() async throws {
        let cluster = try await PostgresCluster.shared()
        let wrong = cluster.url().replacingOccurrences(of: ":\(cluster.password)@", with: ":wrong@")
        let error = await expectStorageError(.connectionFailed) {
            try await PostgresDatabase.open(PostgresConfiguration(url: wrong))
        }
        #expect(error?.message.contains("password authentication failed") == true, "\(String(describing: error))")
        #expect(error.map { !$0.description.contains("wrong") } == true)
        // URL parameters reach libpq: this server has no TLS, so requiring it fails.
        let tls = await expectStorageError(.connectionFailed) {
            try await PostgresDatabase.open(PostgresConfiguration(url: cluster.url() + "?sslmode=require"))
        }
        #expect(tls?.message.contains("SSL") == true, "\(String(describing: tls))")
        var closedPort = PostgresConfiguration(url: "postgres://room619:x@127.0.0.1:1/postgres")
        closedPort.connectTimeout = .seconds(2)
        await expectStorageError(.connectionFailed) { try await PostgresDatabase.open(closedPort) }
    }

    @Test("a statement past the statement timeout fails with timeout")
    func statementTimeout() async throws {
        let cluster = try await PostgresCluster.shared()
        var configuration = PostgresConfiguration(url: cluster.url())
        configuration.statementTimeout = .milliseconds(50)
        let database = try await PostgresDatabase.open(configuration)
        let error = await expectStorageError(.timeout) { try await database.query("SELECT pg_sleep(2)") }
        #expect(error?.sqlState == "57014")
        #expect(try await database.query("SELECT 1").count == 1)  // the connection is still good
        await database.close()
    }

    @Test("a service may own a database of its own instead of a schema")
    func ownDatabase() async throws {
        let cluster = try await PostgresCluster.shared()
        let name = "svc_" + String(UInt32.random(in: 0 ... .max), radix: 36)
        let url = try await cluster.createDatabase(name)
        let location = try SQLDatabaseLocation(url: url, dataDirectory: "unused", name: name, schema: .some(nil))
        let database = try await location.open()
        let current: String = try await database.query("SELECT current_database()")[0][0]
        #expect(current == name)
        try await database.migrate([Migration(version: 1, name: "t", sql: "CREATE TABLE t (x BIGINT)")])
        let schema: String = try await database.query(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 't'")[0][0]
        #expect(schema == "public")
        await database.close()
    }

    @Test(
        "SQLSTATEs map to kinds",
        arguments: [
            ("23505", StorageError.Kind.uniqueViolation), ("23503", .foreignKeyViolation), ("23514", .checkViolation),
            ("23502", .notNullViolation), ("23P01", .constraintViolation), ("40001", .serializationFailure),
            ("40P01", .serializationFailure), ("42601", .invalidStatement), ("42P01", .invalidStatement),
            ("42501", .permissionDenied), ("22P02", .invalidValue), ("22003", .invalidValue), ("25006", .readOnly),
            ("57014", .timeout), ("57P01", .connectionFailed), ("08006", .connectionFailed), ("53100", .storageFailure),
            ("XX000", .storageFailure), ("P0001", .unknown),
        ])
    func sqlStates(state: String, kind: StorageError.Kind) {
        #expect(PostgresErrors.kind(of: state, message: "") == kind)
    }

    @Test("a DATABASE_URL chooses PostgreSQL with the service's schema; none chooses SQLite")
    func location() throws {
        let none = try SQLDatabaseLocation(url: nil, dataDirectory: "data", name: "user")
        #expect(none == .sqlite(SQLiteConfiguration(directory: "data", name: "user")))
        let empty = try SQLDatabaseLocation(url: "", dataDirectory: "data", name: "user")
        #expect(empty.description == "sqlite data/user.sqlite3")
        guard
            case .postgresql(let configuration) = try SQLDatabaseLocation(
                url: "postgres://u:p@h/db", dataDirectory: "data", name: "user")
        else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(configuration.schema == "user")
        guard
            case .postgresql(let own) = try SQLDatabaseLocation(
                url: "postgres://u:p@h/db", dataDirectory: "data", name: "user", schema: .some(nil))
        else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(own.schema == nil)
    }

    @Test("the schema option gives each service its own tables, even one named like a keyword")
    func schemas() async throws {
        let cluster = try await PostgresCluster.shared()
        let suffix = String(UInt32.random(in: 0 ... .max), radix: 36)
        var user = PostgresConfiguration(url: cluster.url())
        user.schema = "user"  // a reserved word in PostgreSQL
        var product = PostgresConfiguration(url: cluster.url())
        product.schema = "product_\(suffix)"
        let userDatabase = try await PostgresDatabase.open(user)
        let productDatabase = try await PostgresDatabase.open(product)
        let table = "items_\(suffix)"
        for database in [userDatabase, productDatabase] {
            try await database.write { connection throws(StorageError) in
                try connection.execute("CREATE TABLE \(table) (name TEXT)")
            }
        }
        try await userDatabase.write { connection throws(StorageError) in
            try connection.execute("INSERT INTO \(table) (name) VALUES ('only in user')")
        }
        let inUser = try await userDatabase.query("SELECT count(*) FROM \(table)").first?.decode(at: 0, as: Int64.self)
        let inProduct = try await productDatabase.query("SELECT count(*) FROM \(table)").first?.decode(
            at: 0, as: Int64.self)
        let path = try await productDatabase.query("SELECT current_schema()").first?.decode(at: 0, as: String.self)
        #expect(inUser == 1)
        #expect(inProduct == 0)
        #expect(path == "product_\(suffix)")
        try await userDatabase.write { connection throws(StorageError) in
            try connection.execute("DROP TABLE \(table)")
        }
        await userDatabase.close()
        await productDatabase.close()
    }
}
