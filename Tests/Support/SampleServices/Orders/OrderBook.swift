// The orders, in memory: creation with idempotency keys, and the lifecycle transitions that the
// API drives by hand until the saga exists.
internal import OrderContracts
internal import RPC
internal import Synchronization

/// The order service's store and rules: every method is one transition under one lock.
final class OrderBook: Sendable {
    /// A state change: which states it leaves from, where it goes, and what to say otherwise.
    struct Transition: Sendable {
        var from: [Order_V1_OrderStatus]
        var to: Order_V1_OrderStatus
        var refusal: String

        /// Cancelling undoes an order that has not shipped.
        static let cancel = Transition(
            from: [.pending, .reserved, .paid, .confirmed], to: .cancelled,
            refusal: "the order has shipped or is final")
        /// Shipping needs a confirmed order. Nothing confirms orders before the saga exists, so a
        /// PENDING order ships too; drop `.pending` here when the saga lands.
        static let ship = Transition(from: [.confirmed, .pending], to: .shipped, refusal: "the order is not confirmed")
        /// Completing needs a shipped order.
        static let complete = Transition(from: [.shipped], to: .completed, refusal: "the order has not shipped")
    }

    private struct State {
        var orders: [String: (order: Order_V1_Order, sequence: Int)] = [:]
        /// (user id, idempotency key) → order id.
        var keys: [IdempotencyKey: String] = [:]
        var sequence = 0
    }

    private struct IdempotencyKey: Hashable {
        var userID: String
        var key: String
    }

    private let clock: SampleClock
    private let state = Mutex(State())

    /// An empty book stamping orders with `clock`.
    init(clock: SampleClock) {
        self.clock = clock
    }

    /// The order `userID` created earlier with the idempotency key `key`, if any.
    func order(userID: String, idempotencyKey key: String) -> Order_V1_Order? {
        guard !key.isEmpty else { return nil }
        return state.withLock { state in
            state.keys[IdempotencyKey(userID: userID, key: key)].flatMap { state.orders[$0]?.order }
        }
    }

    /// Stores `order` as new, PENDING, with an id, unless `userID` made one with `key` meanwhile:
    /// then that one is the answer (the same key always yields the first order).
    func insert(_ order: Order_V1_Order, idempotencyKey key: String) -> Order_V1_Order {
        let now = clock.now()
        return state.withLock { state in
            let slot = IdempotencyKey(userID: order.userID, key: key)
            if !key.isEmpty, let id = state.keys[slot], let existing = state.orders[id] { return existing.order }
            var order = order
            order.id = RandomIdentifiers.uuid()
            order.status = .pending
            order.createdAt = now
            order.updatedAt = now
            state.sequence += 1
            state.orders[order.id] = (order, state.sequence)
            if !key.isEmpty { state.keys[slot] = order.id }
            return order
        }
    }

    /// The order with `id`.
    func order(_ id: String) throws(RPCStatus) -> Order_V1_Order {
        guard let order = state.withLock({ $0.orders[id]?.order }) else { throw Self.notFound(id) }
        return order
    }

    /// The orders of `userID` (everyone's when `nil`) with `status` (any when `nil`), newest first.
    func list(userID: String?, status: Order_V1_OrderStatus?) -> [Order_V1_Order] {
        state.withLock { state in
            state.orders.values
                .filter { (userID == nil || $0.order.userID == userID) && (status == nil || $0.order.status == status) }
                .sorted { $0.sequence > $1.sequence }.map(\.order)
        }
    }

    /// Moves the order `id` through `transition`, recording `reason` when it is not empty.
    /// - Throws: `NOT_FOUND`, or `FAILED_PRECONDITION` from a state the transition does not leave.
    func apply(
        _ transition: Transition, to id: String, reason: String = "", trackingNumber: String = ""
    ) throws(RPCStatus) -> Order_V1_Order {
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            guard var entry = state.orders[id] else { throw Self.notFound(id) }
            guard transition.from.contains(entry.order.status) else {
                let current = entry.order.status.protoName ?? "\(entry.order.status.rawValue)"
                throw RPCStatus(.failedPrecondition, "\(transition.refusal) (it is \(current))")
            }
            entry.order.status = transition.to
            if !reason.isEmpty { entry.order.failureReason = reason }
            if !trackingNumber.isEmpty { entry.order.trackingNumber = trackingNumber }
            entry.order.updatedAt = now
            state.orders[id] = entry
            return entry.order
        }
    }

    private static func notFound(_ id: String) -> RPCStatus {
        RPCStatus(.notFound, "no order has the id \(id)")
    }
}
