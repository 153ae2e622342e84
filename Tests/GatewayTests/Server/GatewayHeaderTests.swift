import Bytes
import Foundation
import RPC
import RPCHTTP2
import RestTestbed
import Testing
import Transport

@testable import Gateway

@Suite("Headers to metadata and back; gRPC on the same port")
struct GatewayHeaderTests {
    @Test("Authorization, Grpc-Metadata-* and the allow-list become metadata; nothing else does")
    func incoming() async throws {
        try await withTestbed(configuration: .defaults { $0.headers.forwarded = ["x-request-id"] }) { testbed in
            let response = try await testbed.send(
                "GET", "/v1/whoami",
                headers: [
                    "authorization": "Bearer t", "grpc-metadata-x-user": "alice", "x-request-id": "r-1",
                    "x-other": "dropped", "grpc-metadata-grpc-status": "0",
                ])
            #expect(response.status == 200)
            let metadata = try #require(try response.json()["metadata"] as? [String: String])
            #expect(metadata == ["authorization": "Bearer t", "x-user": "alice", "x-request-id": "r-1"])
            #expect(try response.json()["hasDeadline"] as? Bool == false)
        }
    }

    @Test("response metadata goes out as Grpc-Metadata-* and Grpc-Trailer-* headers")
    func outgoing() async throws {
        try await withTestbed { testbed in
            for version in [HTTPClient.Configuration.Version.http1_1, .http2PriorKnowledge] {
                let response = try await testbed.send("GET", "/v1/whoami", over: version)
                #expect(response.headers["grpc-metadata-x-served-by"] == "testbed")
                #expect(response.headers["grpc-trailer-x-checksum"] == "abc")
            }
        }
    }

    @Test("grpc-timeout or the configured default sets the call's deadline")
    func deadlines() async throws {
        try await withTestbed { testbed in
            let timed = try await testbed.send("GET", "/v1/whoami", headers: ["grpc-timeout": "5S"])
            #expect(try timed.json()["hasDeadline"] as? Bool == true)
        }
        try await withTestbed(configuration: .defaults { $0.defaultTimeout = .seconds(5) }) { testbed in
            let defaulted = try await testbed.send("GET", "/v1/whoami")
            #expect(try defaulted.json()["hasDeadline"] as? Bool == true)
        }
    }

    @Test("gRPC clients reach the same handlers on the same port, through the same validation")
    func grpcSamePort() async throws {
        try await withTestbed { testbed in
            let group = try EventLoopGroup(loopCount: 1)
            defer { group.shutdown() }
            let channel = try RPCChannel(target: "ipv4:\(testbed.address)", group: group)
            defer { channel.close() }
            let library = Room619_Testing_Library_V1_Library.Client(client: RPCClient(transport: channel))
            let book = try await library.getBook(Room619_Testing_Library_V1_GetBookRequest(name: "shelves/1/books/2"))
            #expect(book.title == "SPQR")
            let invalid = await #expect(throws: RPCStatus.self) {
                _ = try await library.createBook(
                    Room619_Testing_Library_V1_CreateBookRequest(parent: "shelves/1", book: .init(title: "")))
            }
            #expect(invalid?.code == .invalidArgument)
            // REST sees what gRPC created.
            _ = try await library.createBook(
                Room619_Testing_Library_V1_CreateBookRequest(parent: "shelves/8", book: .init(title: "Via gRPC")))
            let rest = try await testbed.send("GET", "/v1/shelves/8/books/b1")
            #expect(try rest.json()["title"] as? String == "Via gRPC")
        }
    }

    @Test("a route that names a missing field fails at start-up, naming route and field")
    func badRoute() throws {
        let broken = RPCServiceDescriptor(
            name: "room619.testing.library.v1.Library", methods: [], file: "x",
            fileDescriptors: Room619_Testing_Library_V1_Library.descriptor.fileDescriptors,
            httpRoutes: [
                RPCHTTPRoute(
                    method: Room619_Testing_Library_V1_Library.Method.getBook, httpMethod: "GET", path: "/v1/{nme}",
                    requestType: "room619.testing.library.v1.GetBookRequest",
                    responseType: "room619.testing.library.v1.Book")
            ])
        let error = #expect(throws: GatewayError.self) {
            _ = try GatewayHandler(server: RPCServer(services: []), services: [broken])
        }
        #expect(error?.code == .invalidRoute)
        #expect(error?.message == "GET /v1/{nme}: room619.testing.library.v1.GetBookRequest has no field 'nme'")
    }

    @Test("a hand-built route to an internal method fails at start-up: internal methods stay off the REST edge")
    func internalMethodRoute() throws {
        let getBook = Room619_Testing_Library_V1_Library.Method.getBook
        let internalGetBook = RPCMethodDescriptor(
            service: getBook.service, method: getBook.method, kind: getBook.kind, access: .internal)
        let exposed = RPCServiceDescriptor(
            name: "room619.testing.library.v1.Library", methods: [internalGetBook], file: "x",
            fileDescriptors: Room619_Testing_Library_V1_Library.descriptor.fileDescriptors,
            httpRoutes: [
                RPCHTTPRoute(
                    method: getBook, httpMethod: "GET", path: "/v1/{name=shelves/*/books/*}",
                    requestType: "room619.testing.library.v1.GetBookRequest",
                    responseType: "room619.testing.library.v1.Book")
            ])
        let error = #expect(throws: GatewayError.self) {
            _ = try GatewayHandler(server: RPCServer(services: []), services: [exposed])
        }
        #expect(error?.code == .invalidRoute)
        #expect(error?.message.contains("is internal") == true, "\(String(describing: error))")
    }

    @Test("two services whose routes match the same requests fail at start-up, naming both")
    func conflictingServices() throws {
        let library = Room619_Testing_Library_V1_Library.descriptor
        let getBook = try #require(
            library.httpRoutes.first { $0.method == Room619_Testing_Library_V1_Library.Method.getBook })
        // Another service (another .proto file, so the generator never saw both) binding the same path.
        let other = RPCServiceDescriptor(
            name: "room619.testing.library.v1.Mirror", methods: [], file: "mirror.proto",
            fileDescriptors: library.fileDescriptors, httpRoutes: [getBook])
        let error = #expect(throws: GatewayError.self) {
            _ = try GatewayHandler(server: RPCServer(services: []), services: [library, other])
        }
        #expect(error?.code == .conflictingRoutes)
        #expect(error?.message.contains("GET \(getBook.path)") == true)
    }
}
