extension ServiceScaffold {
    var serviceSource: String {
        let message = "\(typeName)_V1_\(typeName)"
        let prefix = "\(typeName)_V1_"
        return """
            // The \(name) service: the methods of the contract's \(typeName)Service, on a database (an
            // embedded SQLite file, or PostgreSQL when DATABASE_URL says so).
            import Foundation
            import RPC
            import Storage
            import \(typeName)Contracts

            public final class \(typeName)Service: \(prefix)\(typeName)Service.ServiceProtocol {
                /// The schema, one migration per change; never edit one that has shipped.
                static let migrations = [
                    Migration(
                        version: 1, name: "\(name)s",
                        sql: "CREATE TABLE \(name)s (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)")
                ]

                private let database: any SQLDatabase

                public init(database: any SQLDatabase) {
                    self.database = database
                }

                /// Applies the migrations; call once before serving.
                public func prepare() async throws {
                    _ = try await database.migrate(Self.migrations)
                }

                public func create\(typeName)(
                    _ request: \(prefix)Create\(typeName)Request, context: RPCServerContext
                ) async throws -> \(message) {
                    let item = \(message)(id: UUID().uuidString.lowercased(), name: request.name)
                    let createdAt = Int64(Date().timeIntervalSince1970 * 1000)
                    try await database.write { connection throws(StorageError) in
                        _ = try connection.execute(
                            "INSERT INTO \(name)s (id, name, created_at) VALUES (?, ?, ?)",
                            [.text(item.id), .text(item.name), .integer(createdAt)])
                    }
                    return item
                }

                public func get\(typeName)(
                    _ request: \(prefix)Get\(typeName)Request, context: RPCServerContext
                ) async throws -> \(message) {
                    let rows = try await database.query("SELECT id, name FROM \(name)s WHERE id = ?", [.text(request.id)])
                    guard let row = rows.first else { throw RPCStatus(.notFound, "no \(name) has id \\(request.id)") }
                    return \(message)(id: try row.decode(at: 0, as: String.self), name: try row.decode(at: 1, as: String.self))
                }

                public func list\(typeName)s(
                    _ request: \(prefix)List\(typeName)sRequest, context: RPCServerContext
                ) async throws -> \(prefix)List\(typeName)sResponse {
                    let size = request.pageSize == 0 ? 20 : Int(request.pageSize)
                    // The page token is the position of the last item sent: "created_at/id".
                    var after: (Int64, String) = (Int64.min, "")
                    if !request.pageToken.isEmpty {
                        let parts = request.pageToken.split(separator: "/", maxSplits: 1)
                        guard parts.count == 2, let time = Int64(parts[0]) else {
                            throw RPCStatus(.invalidArgument, "page_token is not a token this service gave")
                        }
                        after = (time, String(parts[1]))
                    }
                    let rows = try await database.query(
                        "SELECT id, name, created_at FROM \(name)s WHERE created_at > ? OR (created_at = ? AND id > ?) "
                            + "ORDER BY created_at, id LIMIT ?",
                        [.integer(after.0), .integer(after.0), .text(after.1), .integer(Int64(size + 1))])
                    var response = \(prefix)List\(typeName)sResponse()
                    for row in rows.prefix(size) {
                        response.\(name)s.append(
                            \(message)(id: try row.decode(at: 0, as: String.self), name: try row.decode(at: 1, as: String.self)))
                    }
                    if rows.count > size, let last = rows.prefix(size).last {
                        response.nextPageToken = "\\(try last.decode(at: 2, as: Int64.self))/\\(try last.decode(at: 0, as: String.self))"
                    }
                    return response
                }
            }

            """
    }

    var mainSource: String {
        """
        // The \(name) service as a process: gRPC and REST on one port (PORT, default any free port),
        // /health/ready, SIGTERM; data in DATA_DIR (default ./\(name)-data) or DATABASE_URL.
        import Foundation
        import Gateway
        import ServiceHost
        import Storage
        import \(typeName)Service

        let environment = HostConfiguration.processEnvironment()
        let service: \(typeName)Service
        do {
            let database = try await SQLDatabaseLocation(
                url: environment["DATABASE_URL"], dataDirectory: environment["DATA_DIR"] ?? "\(name)-data", name: "\(name)"
            ).open()
            service = \(typeName)Service(database: database)
            try await service.prepare()
        } catch {
            print("\(name)-server: \\(error)")
            exit(1)
        }
        await ProcessHost.serve(rpcServices: [service]) { try GatewayHandler(server: $0) }

        """
    }

    var testSource: String {
        let prefix = "\(typeName)_V1_"
        return """
            import PlatformTesting
            import RPC
            import Testing
            import \(typeName)Contracts
            import \(typeName)Service

            @Suite("\(typeName)Service")
            struct \(typeName)ServiceTests {
                @Test("create, get and list, on a fresh database")
                func roundTrip() async throws {
                    try await TestDatabase.withTemporary { database in
                        let service = \(typeName)Service(database: database)
                        try await service.prepare()
                        let client = \(prefix)\(typeName)Service.Client(client: TestServer.inProcess([service]))
                        let created = try await client.create\(typeName)(.init(name: "first"))
                        #expect(try await client.get\(typeName)(.init(id: created.id)).name == "first")
                        for index in 2...5 { _ = try await client.create\(typeName)(.init(name: "item \\(index)")) }
                        let page = try await client.list\(typeName)s(.init(pageSize: 3, pageToken: ""))
                        #expect(page.\(name)s.count == 3 && !page.nextPageToken.isEmpty)
                        let rest = try await client.list\(typeName)s(.init(pageSize: 3, pageToken: page.nextPageToken))
                        #expect(rest.\(name)s.count == 2 && rest.nextPageToken.isEmpty)
                    }
                }

                @Test("an unknown id is NOT_FOUND; an empty name breaks the contract's rule")
                func errors() async throws {
                    try await TestDatabase.withTemporary { database in
                        let service = \(typeName)Service(database: database)
                        try await service.prepare()
                        let client = \(prefix)\(typeName)Service.Client(client: TestServer.inProcess([service]))
                        let missing = await #expect(throws: RPCStatus.self) { try await client.get\(typeName)(.init(id: "nope")) }
                        #expect(missing?.code == .notFound)
                        let invalid = await #expect(throws: RPCStatus.self) { try await client.create\(typeName)(.init(name: "")) }
                        #expect(invalid?.code == .invalidArgument)
                    }
                }
            }

            """
    }
}
