// A hold on units of a product for an order, and the rules of its life: HELD, then exactly one of
// RELEASED, COMMITTED or EXPIRED.

/// Where a reservation is in its life (the contract's `ReservationState` without `UNSPECIFIED`).
enum ReservationState: Int64, Sendable, Hashable, CustomStringConvertible {
    /// The units are out of the available stock, not yet sold.
    case held = 1
    /// Given back by a release.
    case released = 2
    /// Sold by a commit: the units left the stock.
    case committed = 3
    /// Neither committed nor released before it expired: the units went back.
    case expired = 4

    var description: String {
        switch self {
        case .held: "HELD"
        case .released: "RELEASED"
        case .committed: "COMMITTED"
        case .expired: "EXPIRED"
        }
    }
}

/// A reservation as stored.
struct StockReservation: Sendable, Hashable {
    /// The server-assigned id: a random UUID in lower case.
    var id: String
    var productID: String
    var quantity: Int64
    var orderID: String
    /// The caller's key: the same key returns this reservation again.
    var idempotencyKey: String
    var state: ReservationState
    /// When a HELD reservation expires: it is expired at this instant and after.
    var expiresAt: UTCInstant
    var createdAt: UTCInstant

    /// Whether a HELD reservation has run out of time at `now`.
    func hasLapsed(at now: UTCInstant) -> Bool {
        state == .held && now >= expiresAt
    }
}

/// What a ReserveStock request asks for, checked.
struct ReservationRequest: Sendable, Hashable {
    var productID: String
    var quantity: Int64
    var orderID: String
    var idempotencyKey: String
    /// How long the hold lasts.
    var ttl: Duration

    /// A request, checked against the service's limits.
    ///
    /// - Parameters:
    ///   - ttl: The hold asked for, or `nil` for `defaultTTL`.
    /// - Throws: ``ProductError/Code/invalidArgument`` for a quantity that is not positive, an
    ///   empty order or key, or a `ttl` that is not more than zero and at most `maximumTTL`.
    init(
        productID: String, quantity: Int64, orderID: String, idempotencyKey: String, ttl: Duration?,
        defaultTTL: Duration, maximumTTL: Duration
    ) throws(ProductError) {
        guard quantity > 0 else { throw .invalid("quantity", "must be positive, got \(quantity)") }
        guard !orderID.isEmpty else { throw .invalid("order_id", "must not be empty") }
        guard !idempotencyKey.isEmpty else { throw .invalid("idempotency_key", "must not be empty") }
        let hold = ttl ?? defaultTTL
        guard hold > .zero, hold <= maximumTTL else {
            throw .invalid("ttl", "must be more than 0 s and at most \(maximumTTL), got \(hold)")
        }
        self.productID = productID
        self.quantity = quantity
        self.orderID = orderID
        self.idempotencyKey = idempotencyKey
        self.ttl = hold
    }

    /// Whether `existing`, found under this request's key, was made by the same request: the
    /// same product, quantity and order (the `ttl` of a retry may differ; the first one counts).
    func isRetry(of existing: StockReservation) -> Bool {
        existing.productID == productID && existing.quantity == quantity && existing.orderID == orderID
    }
}

/// How a reservation leaves HELD at a caller's request.
enum ReservationSettlement: Sendable, Hashable {
    /// ReleaseReservation: the units go back to the available stock.
    case release
    /// CommitReservation: the units are sold and leave the stock.
    case commit

    /// The state it leads to.
    var finalState: ReservationState {
        switch self {
        case .release: .released
        case .commit: .committed
        }
    }
}

/// What settling a reservation does, decided from its state and the time alone (no I/O): the
/// store carries it out in the transaction that read the reservation.
enum SettlementAction: Sendable, Hashable {
    /// It is in the asked-for state already: answer it unchanged (an idempotent repeat).
    case unchanged
    /// Move it to `state`; the product's held units drop by the quantity and, for a commit, its
    /// units on hand too.
    case settle(ReservationState)
    /// It lapsed while HELD and nobody marked it: mark it EXPIRED (giving its units back), keep
    /// that, and refuse the request.
    case expireAndRefuse
    /// Refuse: it is settled another way.
    case refuse(ProductError)
}

extension StockReservation {
    /// What `settlement` does to this reservation at `now`.
    func decide(_ settlement: ReservationSettlement, at now: UTCInstant) -> SettlementAction {
        let target = settlement.finalState
        switch state {
        case target:
            return .unchanged
        case .held where hasLapsed(at: now):
            return .expireAndRefuse
        case .held:
            return .settle(target)
        case .expired:
            return .refuse(Self.expiredError(id))
        case .released, .committed:
            return .refuse(ProductError(.failedPrecondition, "the reservation \(id) is \(state) already"))
        }
    }

    /// `FAILED_PRECONDITION`: the reservation `id` expired.
    static func expiredError(_ id: String) -> ProductError {
        ProductError(.failedPrecondition, "the reservation \(id) expired; its units went back to the available stock")
    }
}

/// A product's stock: units on hand and units held by unexpired HELD reservations.
struct StockLevel: Sendable, Hashable {
    var productID: String
    /// Units in the store, sold ones excluded.
    var onHand: Int64
    /// Units held by HELD reservations that have not lapsed.
    var reserved: Int64

    /// What a reservation may take: never negative.
    var available: Int64 { max(0, onHand - reserved) }
}
