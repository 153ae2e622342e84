import Bytes
import RPC
import RestTestbed
import ServiceHost
import StandardServices
import Testing
import Transport

@testable import Gateway

/// Refuses calls without an `authorization` metadata entry, as an authenticating interceptor would.
struct RequireAuthorization: RPCServerInterceptor {
    func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws {
        guard context.metadata["authorization"] != nil else { throw RPCStatus(.unauthenticated, "sign in first") }
        try await next(context)
    }
}

@Suite("Hosting: interceptors see REST calls; ProcessHost serves gRPC and REST on one port")
struct GatewayHostingTests {
    @Test("a server interceptor refuses a REST call as it refuses a gRPC one: 401, handler not run")
    func interceptors() async throws {
        var rpc = RPCServer.Configuration()
        rpc.interceptors = [RequireAuthorization()]
        try await withTestbed(rpc: rpc) { testbed in
            let anonymous = try await testbed.send("GET", "/v1/shelves/1/books/1")
            #expect(anonymous.status == 401)
            #expect(try anonymous.status().message == "sign in first")
            #expect(testbed.service.handledCount == 0)
            let signedIn = try await testbed.send(
                "GET", "/v1/shelves/1/books/1", headers: ["authorization": "Bearer x"])
            #expect(signedIn.status == 200)
            #expect(testbed.service.handledCount == 1)
        }
    }

    @Test("ProcessHost(rpcServices:handler:) puts the gateway on the listener, health included")
    func processHost() async throws {
        let configuration = HostConfiguration.defaults {
            $0.shutdown.signals = []
            $0.isAddressAnnounced = false
            $0.eventLoopCount = 1
        }
        let host = try ProcessHost(rpcServices: [LibraryService()], configuration: configuration) { server in
            try GatewayHandler(server: server, services: [Room619_Testing_Library_V1_Library.descriptor])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await host.run() }
            let address = try await host.listeningAddress()
            let curl = try await Curl.run(["http://\(address)/v1/shelves/1/books/2"])
            #expect(curl.statusCode == 200)
            #expect(curl.body.contains(#""title":"SPQR""#))
            let h2c = try await Curl.run(["--http2-prior-knowledge", "http://\(address)/v1/shelf/3"])
            #expect(h2c.body == #"{"name":"shelves/3","theme":"theme-3"}"#)
            #expect(host.health?.status(of: "room619.testing.library.v1.Library") == .serving)
            host.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }
}

@Suite("Content types that go to gRPC")
struct GRPCContentTypeTests {
    @Test(
        "application/grpc in any case, with or without a suffix, goes to gRPC; JSON and short types do not",
        arguments: [
            ("application/grpc", true), ("Application/GRPC+proto", true), ("application/grpc;charset=x", true),
            ("application/json", false), ("application/grp", false), ("", false), ("text/grpc", false),
        ])
    func grpcContentTypes(contentType: String, isGRPC: Bool) {
        #expect(GatewayHandler.isGRPC(contentType) == isGRPC)
    }
}
