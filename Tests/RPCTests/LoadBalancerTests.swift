import InteropContracts
import InteropServices
import Synchronization
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

/// Every call to the endpoint listed last among the ready ones; records what the channel tells it.
final class PickLast: RPCLoadBalancer {
    struct Log {
        var endpointLists: [[RPCEndpoint.ID]] = []
        var states: [RPCEndpoint.ID: [RPCConnectivityState]] = [:]
        var picks: [(endpoint: RPCEndpoint.ID, shard: String?)] = []
        var outcomes: [RPCCallOutcome] = []
    }
    let log = Mutex(Log())

    func endpointsChanged(_ endpoints: [RPCEndpoint]) {
        log.withLock { $0.endpointLists.append(endpoints.map(\.id)) }
    }

    func endpointStateChanged(_ endpoint: RPCEndpoint) {
        log.withLock { $0.states[endpoint.id, default: []].append(endpoint.state) }
    }

    func connectionPlan(for endpoints: [RPCEndpoint]) -> RPCConnectionPlan {
        .connectingAll(endpoints)
    }

    func pick(_ call: RPCPickInfo, among ready: [RPCEndpoint]) -> RPCEndpoint.ID? {
        guard let last = ready.last else { return nil }
        log.withLock { $0.picks.append((last.id, call.metadata["x-shard"])) }
        return last.id
    }

    func callFinished(_ outcome: RPCCallOutcome) {
        log.withLock { $0.outcomes.append(outcome) }
    }
}

/// The ready endpoint with the fewest calls in flight (the first of those on a tie).
struct FewestInFlight: RPCLoadBalancer {
    func connectionPlan(for endpoints: [RPCEndpoint]) -> RPCConnectionPlan {
        .connectingAll(endpoints)
    }

    func pick(_ call: RPCPickInfo, among ready: [RPCEndpoint]) -> RPCEndpoint.ID? {
        ready.min { $0.inFlightCalls < $1.inFlightCalls }?.id
    }
}

/// Holds every `EmptyCall` until `count` of them have arrived (on any server it guards), so
/// they are all in flight together.
struct Barrier: RPCServerInterceptor {
    let count: Int
    let arrived = Locked(0)
    func intercept(_ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void) async throws {
        if context.method == Grpc_Testing_TestService.Method.emptyCall {
            arrived.withLock { $0 += 1 }
            let patience = ContinuousClock.now + testPatience
            while arrived.withLock({ $0 }) < count, ContinuousClock.now < patience {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        try await next(context)
    }
}

@Suite("load balancers: pick_first, round_robin and custom ones plugged into a channel")
struct LoadBalancerTests {
    /// Waits (polling) until every address of `channel` is connected.
    static func waitUntilConnected(_ channel: RPCChannel) async throws {
        let patience = ContinuousClock.now + testPatience
        while ContinuousClock.now < patience {
            let subchannels = channel.state.withLock { $0.subchannels }
            if subchannels.allSatisfy({ channel.endpoint(of: $0).endpoint.state == .ready }) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    static func server(_ interceptors: [any RPCServerInterceptor]) -> RPCServer {
        var configuration = RPCServer.Configuration()
        configuration.interceptors = interceptors
        return RPCServer(services: [InteropTestService()], configuration: configuration)
    }

    static func endpoints(_ addresses: String...) -> [RPCEndpoint] {
        addresses.map { RPCEndpoint(id: RPCEndpoint.ID($0), state: .ready) }
    }

    @Test("pick_first takes the first ready endpoint and connects one at a time; round_robin turns and connects all")
    func builtIns() {
        let endpoints = Self.endpoints("10.0.0.1:1", "10.0.0.2:1", "10.0.0.3:1")
        let ids = endpoints.map(\.id)
        let call = RPCPickInfo(method: Grpc_Testing_TestService.Method.emptyCall, metadata: Metadata())
        let pickFirst = RPCLoadBalancingPolicy.pickFirst.makeBalancer()
        #expect((0..<3).map { _ in pickFirst.pick(call, among: endpoints) } == [ids[0], ids[0], ids[0]])
        #expect(pickFirst.connectionPlan(for: endpoints) == RPCConnectionPlan(inOrder: ids, inBackground: []))
        let roundRobin = RPCLoadBalancingPolicy.roundRobin.makeBalancer()
        #expect((0..<4).map { _ in roundRobin.pick(call, among: endpoints) } == [ids[0], ids[1], ids[2], ids[0]])
        #expect(roundRobin.connectionPlan(for: endpoints) == RPCConnectionPlan(inOrder: ids, inBackground: ids))
        #expect(RPCLoadBalancingPolicy.pickFirst.name == "pick_first")
        #expect(RPCLoadBalancingPolicy.roundRobin.name == "round_robin")
    }

    @Test("a custom balancer picks every call's address and hears of endpoints, states and outcomes")
    func customBalancer() async throws {
        let first = FailFirst(0, with: .ok)
        let second = FailFirst(0, with: .ok)
        let balancer = PickLast()
        try await withLoopbackServer(Self.server([first])) { a, group in
            try await withLoopbackServer(Self.server([second])) { b, _ in
                var configuration = RPCChannel.Configuration()
                configuration.loadBalancing = RPCLoadBalancingPolicy(name: "pick_last") { balancer }
                let channel = try RPCChannel(target: "ipv4:\(a),\(b)", configuration: configuration, group: group)
                defer { channel.close() }
                let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: channel))
                _ = try await test.emptyCall(Grpc_Testing_Empty())  // on a, unless b was quick to connect
                try await Self.waitUntilConnected(channel)  // b connects in the background
                let before = (first.attempts.withLock { $0 }, second.attempts.withLock { $0 })
                #expect(before.0 + before.1 == 1)
                var options = RPCCallOptions()
                options.metadata.add("x-shard", "7")
                for _ in 0..<10 { _ = try await test.emptyCall(Grpc_Testing_Empty(), options: options) }
                #expect(first.attempts.withLock { $0 } == before.0)
                #expect(second.attempts.withLock { $0 } == before.1 + 10)

                let (idA, idB) = (RPCEndpoint.ID(a.description), RPCEndpoint.ID(b.description))
                let log = balancer.log.withLock { $0 }
                #expect(log.endpointLists == [[idA, idB]])
                #expect(log.states[idA]?.last == .ready && log.states[idB]?.last == .ready)
                #expect(log.picks.map(\.endpoint).suffix(10) == Array(repeating: idB, count: 10))
                #expect(log.picks.count == 11)
                #expect(log.picks.last?.shard == "7")
                #expect(log.outcomes.count == 11)
                #expect(log.outcomes.allSatisfy { $0.status.code == .ok })
                #expect(log.outcomes.filter { $0.endpoint == idB }.count == before.1 + 10)
            }
        }
    }

    @Test("endpoints carry their in-flight calls: a fewest-in-flight balancer spreads overlapping calls")
    func inFlightCounts() async throws {
        let first = FailFirst(0, with: .ok)
        let second = FailFirst(0, with: .ok)
        let barrier = Barrier(count: 6)
        try await withLoopbackServer(Self.server([first, barrier])) { a, group in
            try await withLoopbackServer(Self.server([second, barrier])) { b, _ in
                var configuration = RPCChannel.Configuration()
                configuration.loadBalancing = RPCLoadBalancingPolicy(name: "fewest_in_flight") { FewestInFlight() }
                let channel = try RPCChannel(target: "ipv4:\(a),\(b)", configuration: configuration, group: group)
                defer { channel.close() }
                let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: channel))
                _ = try await test.unaryCall(Grpc_Testing_SimpleRequest())  // not held
                try await Self.waitUntilConnected(channel)  // both connected, nothing in flight
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<6 { group.addTask { _ = try await test.emptyCall(Grpc_Testing_Empty()) } }
                    try await group.waitForAll()
                }
                let (x, y) = (first.attempts.withLock { $0 }, second.attempts.withLock { $0 })
                #expect(x + y == 7 && min(x, y) >= 2, "fewest in flight: \(x) and \(y)")
                #expect(
                    channel.state.withLock { $0.subchannels }.allSatisfy { $0.state.withLock { $0.inFlightCalls } == 0 }
                )
            }
        }
    }
}
