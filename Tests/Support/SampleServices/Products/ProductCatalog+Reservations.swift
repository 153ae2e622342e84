// The inventory holds of the catalog: reserve, release, commit and expiry, each one transition
// under the catalog's lock, so no interleaving of calls oversells a product.
internal import ProductContracts
internal import ProtoRuntime
internal import RPC
internal import Synchronization

extension ProductCatalog {
    /// How long a hold lasts when the request gives no `ttl`: 15 minutes.
    static let defaultReservationSeconds: Int64 = 15 * 60
    /// The longest hold a request may ask for: 24 hours.
    static let maximumReservationSeconds: Int64 = 24 * 60 * 60

    /// Holds `request.quantity` units of `request.productID`, or returns the reservation
    /// `request.idempotencyKey` already made.
    ///
    /// - Throws: `INVALID_ARGUMENT` for a quantity or `ttl` out of range (validation refuses them
    ///   first), `NOT_FOUND` for an unknown product, `FAILED_PRECONDITION` for a discontinued one
    ///   or one with fewer units available than asked, `ALREADY_EXISTS` for a key used with
    ///   another product, quantity or order.
    func reserve(_ request: Product_V1_ReserveStockRequest) throws(RPCStatus) -> Product_V1_Reservation {
        let ttl = try Self.holdSeconds(request.ttl)
        guard request.quantity > 0 else {
            throw RPCStatus(.invalidArgument, "quantity must be positive, got \(request.quantity)")
        }
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            state.expireReservations(at: now)
            if let known = state.reservationKeys[request.idempotencyKey], let reservation = state.reservations[known] {
                guard reservation.productID == request.productID, reservation.quantity == request.quantity,
                    reservation.orderID == request.orderID
                else {
                    throw RPCStatus(
                        .alreadyExists,
                        "the idempotency key was used for a reservation of another product, quantity or order")
                }
                return reservation
            }
            guard var entry = state.entries[request.productID] else { throw Self.notFound(request.productID) }
            guard entry.product.status == .active else {
                throw RPCStatus(.failedPrecondition, "the product \(request.productID) is discontinued")
            }
            guard entry.available >= request.quantity else {
                throw RPCStatus(
                    .failedPrecondition,
                    "insufficient stock: \(entry.available) available, \(request.quantity) asked")
            }
            entry.held += request.quantity
            state.entries[request.productID] = entry
            let reservation = Product_V1_Reservation(
                id: RandomIdentifiers.uuid(), productID: request.productID, quantity: request.quantity,
                orderID: request.orderID, state: .held, expiresAt: now.adding(seconds: ttl.seconds, nanos: ttl.nanos),
                createdAt: now)
            state.reservations[reservation.id] = reservation
            state.reservationKeys[request.idempotencyKey] = reservation.id
            state.heldReservations.insert(reservation.id)
            return reservation
        }
    }

    /// Gives the units of the reservation `id` back: HELD becomes RELEASED; RELEASED stays.
    /// - Throws: `NOT_FOUND`, or `FAILED_PRECONDITION` when it is COMMITTED or EXPIRED.
    func release(_ id: String) throws(RPCStatus) -> Product_V1_Reservation {
        try finish(id, as: .released)
    }

    /// Sells the units of the reservation `id`: HELD becomes COMMITTED and the units leave the
    /// stock; COMMITTED stays.
    /// - Throws: `NOT_FOUND`, or `FAILED_PRECONDITION` when it is RELEASED or EXPIRED.
    func commit(_ id: String) throws(RPCStatus) -> Product_V1_Reservation {
        try finish(id, as: .committed)
    }

    /// Moves the reservation `id` from HELD to `final` (RELEASED or COMMITTED).
    private func finish(
        _ id: String, as final: Product_V1_ReservationState
    ) throws(RPCStatus) -> Product_V1_Reservation {
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            state.expireReservations(at: now)
            guard var reservation = state.reservations[id] else {
                throw RPCStatus(.notFound, "no reservation has the id \(id)")
            }
            switch reservation.state {
            case final:
                return reservation
            case .held:
                reservation.state = final
                state.settle(reservation)
                if final == .committed { state.entries[reservation.productID]?.stock -= reservation.quantity }
                return reservation
            case .expired:
                throw RPCStatus(
                    .failedPrecondition, "the reservation \(id) expired; its units went back to the available stock")
            default:
                throw RPCStatus(
                    .failedPrecondition, "the reservation \(id) is \(reservation.state.protoName ?? "final") already")
            }
        }
    }

    /// The hold a `ttl` asks for, as seconds and nanoseconds.
    /// - Throws: `INVALID_ARGUMENT` unless 0 < ttl ≤ 24 h.
    private static func holdSeconds(
        _ ttl: Google_Protobuf_Duration?
    ) throws(RPCStatus) -> (seconds: Int64, nanos: Int32) {
        guard let ttl else { return (defaultReservationSeconds, 0) }
        let isPositive = ttl.seconds > 0 || (ttl.seconds == 0 && ttl.nanos > 0)
        let isWithinLimit =
            ttl.seconds < maximumReservationSeconds
            || (ttl.seconds == maximumReservationSeconds && ttl.nanos == 0)
        guard isPositive, isWithinLimit, ttl.nanos >= 0 else {
            throw RPCStatus(.invalidArgument, "ttl must be more than 0 s and at most 24 h, got \(ttl.seconds) s")
        }
        return (ttl.seconds, ttl.nanos)
    }
}

extension ProductCatalog.State {
    /// Marks every HELD reservation whose `expires_at` is not after `now` EXPIRED, giving its
    /// units back (what the real service's sweeper does; here it runs before each read and change).
    mutating func expireReservations(at now: Google_Protobuf_Timestamp) {
        for id in heldReservations {
            guard var reservation = reservations[id], let expiry = reservation.expiresAt, !now.isBefore(expiry)
            else { continue }
            reservation.state = .expired
            settle(reservation)
        }
    }

    /// Stores `reservation`, which just left HELD, and gives its units back to the available stock.
    mutating func settle(_ reservation: Product_V1_Reservation) {
        reservations[reservation.id] = reservation
        heldReservations.remove(reservation.id)
        entries[reservation.productID]?.held -= reservation.quantity
    }
}
