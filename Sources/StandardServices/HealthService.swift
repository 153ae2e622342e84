public import RPC
internal import Synchronization

/// `grpc.health.v1.Health` (gRPC's health-checking protocol): `Check` answers with a service's
/// serving status, `Watch` streams it as it changes. The host sets the statuses; the empty name
/// `""` stands for the whole server.
///
/// ```swift
/// let health = HealthService()
/// health.setStatus(.serving, for: "")
/// health.setStatus(.serving, for: "order.v1.OrderService")
/// let rpc = RPCServer(services: [orders, health])
/// ```
public final class HealthService: Grpc_Health_V1_Health.ServiceProtocol {
    public typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status] = [:]
        /// Open `Watch` calls by service, each under a number of its own.
        var watchers: [String: [Int: AsyncStream<Status>.Continuation]] = [:]
        var nextWatcher = 0
    }
    private let state = Mutex(State())

    public init() {}

    /// Sets the status of `service` (`""`: the server) and tells its watchers.
    public func setStatus(_ status: Status, for service: String) {
        let watchers = state.withLock { state -> [AsyncStream<Status>.Continuation] in
            guard state.statuses[service] != status else { return [] }
            state.statuses[service] = status
            return Array(state.watchers[service, default: [:]].values)
        }
        for watcher in watchers { watcher.yield(status) }
    }

    /// Forgets `service`: checks answer `NOT_FOUND`, watchers see `SERVICE_UNKNOWN`.
    public func clearStatus(for service: String) {
        let watchers = state.withLock { state -> [AsyncStream<Status>.Continuation] in
            guard state.statuses.removeValue(forKey: service) != nil else { return [] }
            return Array(state.watchers[service, default: [:]].values)
        }
        for watcher in watchers { watcher.yield(.serviceUnknown) }
    }

    /// Marks every service `NOT_SERVING` (a server about to shut down).
    public func enterShutdown() {
        let services = state.withLock { Array($0.statuses.keys) }
        for service in services { setStatus(.notServing, for: service) }
    }

    /// The status of `service`, if set.
    public func status(of service: String) -> Status? { state.withLock { $0.statuses[service] } }

    public func check(
        _ request: Grpc_Health_V1_HealthCheckRequest, context: RPCServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = status(of: request.service) else {
            throw RPCStatus(.notFound, "unknown service \(request.service)")
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = status
        return response
    }

    public func watch(
        _ request: Grpc_Health_V1_HealthCheckRequest, responses: RPCResponseWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: RPCServerContext
    ) async throws {
        let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let service = request.service
        // Register and read the current status under one lock, so no change slips between them.
        let id = state.withLock { state in
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[service, default: [:]][id] = continuation
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.watchers[service]?[id] = nil
                if state.watchers[service]?.isEmpty == true { state.watchers[service] = nil }
            }
        }
        defer { continuation.finish() }
        // Ends when the client cancels (the stream's iteration stops with the task).
        for await status in stream {
            var response = Grpc_Health_V1_HealthCheckResponse()
            response.status = status
            try await responses.write(response)
        }
    }
}
