internal import Synchronization

/// gRPC's `pick_first`: every call on the first ready endpoint in the resolver's order; endpoints
/// are connected one at a time, in order, until one is.
struct PickFirstBalancer: RPCLoadBalancer {
    func connectionPlan(for endpoints: [RPCEndpoint]) -> RPCConnectionPlan {
        .connectingFirst(endpoints)
    }

    func pick(_ call: RPCPickInfo, among ready: [RPCEndpoint]) -> RPCEndpoint.ID? {
        ready.first?.id
    }
}

/// gRPC's `round_robin`: calls in turn over the ready endpoints; every endpoint is connected.
final class RoundRobinBalancer: RPCLoadBalancer {
    private let next = Atomic<Int>(0)

    func connectionPlan(for endpoints: [RPCEndpoint]) -> RPCConnectionPlan {
        .connectingAll(endpoints)
    }

    func pick(_ call: RPCPickInfo, among ready: [RPCEndpoint]) -> RPCEndpoint.ID? {
        guard !ready.isEmpty else { return nil }
        let turn = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return ready[Int(UInt(bitPattern: turn) % UInt(ready.count))].id
    }
}
