internal import Gateway
public import RPC
internal import RPCHTTP2
internal import ServiceHost
public import Transport

/// Runs services for a test: in process (no sockets: an ``RPC/RPCClient`` straight into an
/// ``RPC/RPCServer``) or on a loopback port (gRPC and REST through the gateway, as deployed).
///
/// ```swift
/// let client = TestServer.inProcess([service])
/// let items = Inventory_V1_InventoryService.Client(client: client)
///
/// try await TestServer.withLoopback([service]) { server in
///     // curl server.baseURL + "/v1/items/1", or server.client over HTTP/2
/// }
/// ```
public enum TestServer {
    /// A client calling `services` in this process, through `interceptors` and the generated
    /// validators, as a remote call would.
    public static func inProcess(
        _ services: [any RPCService], interceptors: [any RPCServerInterceptor] = []
    ) -> RPCClient {
        var configuration = RPCServer.Configuration()
        configuration.interceptors = interceptors
        return RPCClient(
            transport: InProcessTransport(server: RPCServer(services: services, configuration: configuration)))
    }

    /// A running loopback server, as the body of ``withLoopback(_:interceptors:_:)`` sees it.
    public struct Loopback: Sendable {
        /// Where it listens (`127.0.0.1:PORT`).
        public let address: SocketAddress
        /// A gRPC client over HTTP/2 to it.
        public let client: RPCClient
        /// `http://127.0.0.1:PORT`, for REST.
        public var baseURL: String { "http://\(address)" }
    }

    /// Serves `services` (gRPC and REST on one port, health, `/health/ready`) on 127.0.0.1 on a
    /// free port while `body` runs, then shuts the server down gracefully.
    public static func withLoopback<Result: Sendable>(
        _ services: [any RPCService], interceptors: [any RPCServerInterceptor] = [],
        _ body: (Loopback) async throws -> Result
    ) async throws -> Result {
        let configuration = HostConfiguration.defaults {
            $0.listen.host = "127.0.0.1"
            $0.listen.port = 0
            $0.eventLoopCount = 1
            $0.shutdown.signals = []
            $0.shutdown.gracePeriod = .seconds(5)
            $0.isAddressAnnounced = false
            $0.rpc.interceptors = interceptors
        }
        let host = try ProcessHost(rpcServices: services, configuration: configuration) {
            try GatewayHandler(server: $0)
        }
        let running = Task { try await host.run() }
        let outcome: Swift.Result<Result, any Error>
        do {
            let address = try await host.listeningAddress()
            let loops = try EventLoopGroup(loopCount: 1)
            let channel = try RPCChannel(target: "ipv4:\(address)", group: loops)
            do {
                outcome = .success(try await body(Loopback(address: address, client: RPCClient(transport: channel))))
            } catch {
                outcome = .failure(error)
            }
            channel.close()
            loops.shutdown()
        } catch {
            outcome = .failure(error)
        }
        host.beginGracefulShutdown()
        try await running.value
        return try outcome.get()
    }
}
