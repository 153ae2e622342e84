public import RPC
internal import Synchronization
public import Transport

/// A client transport over pooled HTTP/2 connections: resolves its target, connects lazily,
/// balances calls over the addresses with its ``RPCLoadBalancer`` (`pick_first`, `round_robin`
/// or your own), and reconnects with exponential backoff (gRPC's connection-backoff: 1 s, ×1.6,
/// ±20 % jitter, at most 120 s).
///
/// ```swift
/// let channel = try RPCChannel(target: "dns:///orders.internal:50051", group: group)
/// let orders = Order_V1_OrderService.Client(client: RPCClient(transport: channel))
/// ```
public final class RPCChannel: RPCClientTransport {
    public struct Configuration: Sendable {
        /// How calls are spread over the resolved addresses: ``RPCLoadBalancingPolicy/pickFirst``
        /// (the default, as in gRPC), ``RPCLoadBalancingPolicy/roundRobin``, or your own
        /// ``RPCLoadBalancer``.
        public var loadBalancing: RPCLoadBalancingPolicy = .pickFirst
        /// The backoff before reconnecting to an address that failed.
        public var initialBackoff: Duration = .seconds(1)
        public var maxBackoff: Duration = .seconds(120)
        public var backoffMultiplier = 1.6
        public var backoffJitter = 0.2
        /// The HTTP/2 connections' settings (connect timeout, windows, observer).
        public var http2 = HTTP2ClientConnection.Configuration()
        /// The `:authority` of requests; default the target's host and port.
        public var authority: String?

        public init() {}
    }

    public let resolver: any RPCNameResolver
    public let configuration: Configuration
    let group: EventLoopGroup
    let authority: String
    /// Picks each call's address and says which to connect (``Configuration/loadBalancing``).
    let balancer: any RPCLoadBalancer

    /// One address and its connection.
    final class Subchannel: Sendable {
        let address: SocketAddress
        /// The address as the balancer knows it.
        let id: RPCEndpoint.ID
        struct State {
            var connection: HTTP2ClientConnection?
            var connecting: Task<Result<HTTP2ClientConnection, RPCStatus>, Never>?
            var failures = 0
            var retryAt: ContinuousClock.Instant?
            var lastError: RPCStatus?
            /// Calls picked for this address that have not ended.
            var inFlightCalls = 0
            /// The connectivity the balancer was last told of.
            var reportedState = RPCConnectivityState.idle
        }
        let state = Mutex(State())

        init(address: SocketAddress) {
            self.address = address
            self.id = RPCEndpoint.ID(address.description)
        }
    }

    struct State {
        var subchannels: [Subchannel] = []
        var resolved = false
        var closed = false
    }
    let state = Mutex(State())

    /// A channel to the addresses `resolver` gives.
    public init(
        resolver: any RPCNameResolver, authority: String, configuration: Configuration = Configuration(),
        group: EventLoopGroup
    ) {
        self.resolver = resolver
        self.configuration = configuration
        self.group = group
        self.authority = configuration.authority ?? authority
        self.balancer = configuration.loadBalancing.makeBalancer()
    }

    /// A channel to a gRPC target: `host:port`, `dns:///host:port`, `ipv4:1.2.3.4:50051,1.2.3.5:50051`
    /// or `ipv6:[::1]:50051`.
    /// - Throws: ``RPCStatus`` `INVALID_ARGUMENT` for a target it cannot read.
    public convenience init(
        target: String, configuration: Configuration = Configuration(), group: EventLoopGroup
    ) throws(RPCStatus) {
        let (resolver, authority) = try Self.parse(target: target)
        self.init(resolver: resolver, authority: authority, configuration: configuration, group: group)
    }

    static func parse(target: String) throws(RPCStatus) -> (any RPCNameResolver, String) {
        func hostPort(_ text: Substring) throws(RPCStatus) -> (String, Int) {
            var host: Substring
            var port: Substring
            if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
                host = text[text.index(after: text.startIndex)..<close]
                port = text[close...].dropFirst()
                guard port.hasPrefix(":") else { throw RPCStatus(.invalidArgument, "no port in target \(target)") }
                port = port.dropFirst()
            } else {
                guard let colon = text.lastIndex(of: ":") else {
                    throw RPCStatus(.invalidArgument, "no port in target \(target)")
                }
                host = text[..<colon]
                port = text[text.index(after: colon)...]
            }
            guard !host.isEmpty, let number = Int(port), (1...65535).contains(number) else {
                throw RPCStatus(.invalidArgument, "bad host or port in target \(target)")
            }
            return (String(host), number)
        }
        if target.hasPrefix("ipv4:") || target.hasPrefix("ipv6:") {
            var addresses: [SocketAddress] = []
            for item in target.dropFirst(5).split(separator: ",") {
                let (host, port) = try hostPort(item)
                addresses.append(SocketAddress(host: host, port: port))
            }
            return (StaticResolver(addresses), addresses.first?.description ?? target)
        }
        var rest = Substring(target)
        if rest.hasPrefix("dns:///") {
            rest = rest.dropFirst(7)
        } else if rest.hasPrefix("dns:") {
            rest = rest.dropFirst(4)
        }
        let (host, port) = try hostPort(rest)
        return (DNSResolver(host: host, port: port), "\(host):\(port)")
    }

    // MARK: RPCClientTransport

    public nonisolated(nonsending) func openStream(
        _ request: RPCClientStreamRequest
    ) async throws(RPCStatus) -> any RPCClientStream {
        let head = HTTP2ClientCallStream.requestHead(request, authority: authority)
        let call = RPCPickInfo(method: request.method, metadata: request.metadata)
        // A stream the server refused (REFUSED_STREAM, or past its GOAWAY) was never processed:
        // trying it again is always safe (gRPC's transparent retry).
        var refusals = 0
        while true {
            let (connection, subchannel) = try await pick(
                call, deadline: request.deadline, waitForReady: request.waitForReady)
            let tracker = CallTracker(subchannel: subchannel, balancer: balancer)
            do {
                let stream = try await connection.openStream(head)
                if let deadline = request.deadline {
                    stream.setTimeout(max(ContinuousClock.now.duration(to: deadline), .zero))
                }
                return HTTP2ClientCallStream(
                    stream: stream, compression: request.compression,
                    maxReceiveMessageSize: request.maxReceiveMessageSize,
                    maxSendMessageSize: request.maxSendMessageSize,
                    onEnd: tracker.end)
            } catch {
                tracker.end(HTTP2ClientCallStream.status(for: error))
                refusals += 1
                guard refusals < 3, error.code == .refused || error.code == .connectionClosed else {
                    throw HTTP2ClientCallStream.status(for: error)
                }
            }
        }
    }

    /// Closes every connection gracefully (in-flight calls finish); later calls fail.
    public func close() {
        let subchannels = state.withLock { state in
            state.closed = true
            return state.subchannels
        }
        for subchannel in subchannels {
            let connection = subchannel.state.withLock { state in
                state.connecting?.cancel()
                return state.connection
            }
            connection?.close()
        }
    }

    // MARK: Picking a connection

    /// A connection per the load-balancing policy, and its subchannel. With `waitForReady`, a
    /// channel that cannot connect now is tried again whenever its next connection attempt is
    /// due, until the deadline.
    func pick(
        _ call: RPCPickInfo, deadline: ContinuousClock.Instant?, waitForReady: Bool
    ) async throws(RPCStatus) -> (HTTP2ClientConnection, Subchannel) {
        while true {
            do {
                return try await pickOnce(call, deadline: deadline)
            } catch  where waitForReady && error.code == .unavailable && !state.withLock({ $0.closed }) {
                var wake = nextAttempt()
                if let deadline { wake = min(wake, deadline) }
                guard (try? await Task.sleep(until: wake, clock: .continuous)) != nil else {
                    throw RPCStatus(.cancelled, "the call was cancelled while waiting for a connection")
                }
                if let deadline, wake >= deadline {
                    throw RPCStatus(
                        .deadlineExceeded, "the deadline passed while waiting for a connection (\(error.message))")
                }
            }
        }
    }

    /// When the next connection attempt is due: the earliest end of an address's backoff, or one
    /// initial backoff from now when there is none (the name did not resolve).
    private func nextAttempt() -> ContinuousClock.Instant {
        let subchannels = state.withLock { $0.subchannels }
        let due = subchannels.compactMap { subchannel in subchannel.state.withLock { $0.retryAt } }
        return due.min() ?? ContinuousClock.now.advanced(by: configuration.initialBackoff)
    }

    /// A ready connection the balancer picks or, when there is none, one the balancer's
    /// connection plan brings up (connecting or reconnecting as needed).
    private func pickOnce(
        _ call: RPCPickInfo, deadline: ContinuousClock.Instant?
    ) async throws(RPCStatus) -> (HTTP2ClientConnection, Subchannel) {
        if let picked = readyPick(call) { return picked }
        let subchannels = try await resolvedSubchannels()
        let plan = balancer.connectionPlan(for: subchannels.map { endpoint(of: $0).endpoint })
        var lastError = RPCStatus(.unavailable, "no address could be connected")
        for subchannel in Self.subchannels(plan.inOrder, in: subchannels) {
            if let deadline, ContinuousClock.now >= deadline {
                throw RPCStatus(.deadlineExceeded, "the deadline passed while connecting")
            }
            switch await connect(subchannel) {
            case .success(let connection):
                // Bring the others up in the background so later calls can spread.
                for other in Self.subchannels(plan.inBackground, in: subchannels) where other !== subchannel {
                    Task { _ = await connect(other) }
                }
                return readyPick(call) ?? (connection, subchannel)
            case .failure(let error):
                lastError = error
            }
        }
        // Every address failed: look the name up again next time.
        state.withLock { $0.resolved = false }
        throw lastError
    }

    private func resolvedSubchannels() async throws(RPCStatus) -> [Subchannel] {
        let (closed, resolved, existing) = state.withLock { ($0.closed, $0.resolved, $0.subchannels) }
        if closed { throw RPCStatus(.unavailable, "the channel is closed") }
        if resolved { return existing }
        let addresses = try await resolver.resolve()
        let subchannels = state.withLock { state in
            // Keep the subchannels (and connections) of addresses still resolved.
            let kept = state.subchannels.filter { addresses.contains($0.address) }
            let added = addresses.filter { address in !kept.contains { $0.address == address } }.map(Subchannel.init)
            let removed = state.subchannels.filter { !addresses.contains($0.address) }
            for subchannel in removed { subchannel.state.withLock { $0.connection }?.close() }
            // Preference order is the resolver's.
            state.subchannels = addresses.compactMap { address in
                kept.first { $0.address == address } ?? added.first { $0.address == address }
            }
            state.resolved = true
            return state.subchannels
        }
        balancer.endpointsChanged(subchannels.map { endpoint(of: $0).endpoint })
        return subchannels
    }

    /// The subchannel's connection, connecting if it has none (one attempt at a time; while in
    /// backoff after a failure, the last error).
    private func connect(_ subchannel: Subchannel) async -> Result<HTTP2ClientConnection, RPCStatus> {
        enum Step {
            case ready(HTTP2ClientConnection)
            case wait(Task<Result<HTTP2ClientConnection, RPCStatus>, Never>)
            case backoff(RPCStatus)
        }
        let step = subchannel.state.withLock { state -> Step in
            if let connection = state.connection, connection.isAvailable { return .ready(connection) }
            if let connecting = state.connecting { return .wait(connecting) }
            if let retryAt = state.retryAt, ContinuousClock.now < retryAt, let error = state.lastError {
                return .backoff(error)
            }
            let task = Task { await self.dial(subchannel) }
            state.connecting = task
            return .wait(task)
        }
        _ = endpoint(of: subchannel)  // tells the balancer it is connecting
        switch step {
        case .ready(let connection): return .success(connection)
        case .backoff(let error): return .failure(error)
        case .wait(let task): return await task.value
        }
    }

    private func dial(_ subchannel: Subchannel) async -> Result<HTTP2ClientConnection, RPCStatus> {
        let result: Result<HTTP2ClientConnection, RPCStatus>
        do {
            let connection = try await HTTP2ClientConnection.connect(
                to: subchannel.address, loop: group.next(), configuration: configuration.http2)
            result = .success(connection)
        } catch {
            result = .failure(RPCStatus(.unavailable, "could not connect to \(subchannel.address): \(error)"))
        }
        let closed = state.withLock { $0.closed }
        subchannel.state.withLock { state in
            state.connecting = nil
            switch result {
            case .success(let connection):
                state.connection = connection
                state.failures = 0
                state.retryAt = nil
                state.lastError = nil
            case .failure(let error):
                state.failures += 1
                state.lastError = error
                state.retryAt = ContinuousClock.now.advanced(by: backoff(afterFailures: state.failures))
            }
        }
        if closed, case .success(let connection) = result { connection.close() }
        _ = endpoint(of: subchannel)  // tells the balancer it is ready or failed
        return result
    }

    /// gRPC's connection backoff after `failures` failed attempts in a row.
    func backoff(afterFailures failures: Int) -> Duration {
        let bound = exponentialBackoff(
            initial: configuration.initialBackoff, multiplier: configuration.backoffMultiplier,
            maximum: configuration.maxBackoff, steps: failures - 1)
        return bound * (1 + configuration.backoffJitter * Double.random(in: -1...1))
    }
}
