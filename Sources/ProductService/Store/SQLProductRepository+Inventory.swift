// Stock levels and reservations. Every change of `reserved` or `on_hand` is a conditional UPDATE
// the database evaluates on the newest row version, in the same transaction as the reservation
// it belongs to, so no interleaving of any number of processes oversells a product.
internal import Storage

extension SQLProductRepository {
    func stock(productID: String, at now: UTCInstant) async throws(ProductError) -> StockLevel {
        let rows: [SQLRow]
        do {
            rows = try await database.query(
                "SELECT p.on_hand, p.reserved, (SELECT COALESCE(SUM(r.quantity), 0) FROM reservations r "
                    + "WHERE r.product_id = p.id AND r.state = ? AND r.expires_at <= ?) AS lapsed "
                    + "FROM products p WHERE p.id = ?",
                [.integer(ReservationState.held.rawValue), .integer(now.microsecondsSince1970), .text(productID)])
        } catch {
            throw .storage(error)
        }
        guard let row = rows.first else { throw .productNotFound(productID) }
        do {
            let reserved: Int64 = try row["reserved"]
            let lapsed: Int64 = try row["lapsed"]
            return StockLevel(productID: productID, onHand: try row["on_hand"], reserved: reserved - lapsed)
        } catch {
            throw .storage(error)
        }
    }

    func reserve(
        _ request: ReservationRequest, id: String, at now: UTCInstant
    ) async throws(ProductError)
        -> StockReservation
    {
        // A transaction that lost the race for the idempotency key to a concurrent one with the
        // same key rolls back and runs again, to find the winner's reservation.
        for _ in 0..<3 {
            let outcome = try await transaction { connection throws(StorageError) in
                try Self.reserve(request, id: id, at: now, on: connection)
            }
            if let reservation = outcome { return reservation }
        }
        throw ProductError(.aborted, "the idempotency key \(request.idempotencyKey) is contended; try again")
    }

    /// One attempt at a reservation: `.success(nil)` when a concurrent transaction took the key.
    private static func reserve(
        _ request: ReservationRequest, id: String, at now: UTCInstant, on connection: SQLConnection
    ) throws(StorageError) -> Result<StockReservation?, ProductError> {
        try expireLapsed(productID: request.productID, at: now, on: connection)
        if let row = try connection.queryFirst(
            "SELECT \(ProductSQL.reservationColumns) FROM reservations r WHERE r.idempotency_key = ?",
            [.text(request.idempotencyKey)])
        {
            let existing = try StockReservation(row: row)
            guard request.isRetry(of: existing) else {
                return .failure(
                    ProductError(
                        .alreadyExists,
                        "the idempotency key was used for a reservation of another product, quantity or order"))
            }
            return .success(existing)
        }
        let held = try connection.execute(
            "UPDATE products SET reserved = reserved + ? WHERE id = ? AND status = ? AND on_hand - reserved >= ?",
            [
                .integer(request.quantity), .text(request.productID), .integer(ProductStatus.active.rawValue),
                .integer(request.quantity),
            ])
        guard held == 1 else { return .failure(try refusal(request, on: connection)) }
        let reservation = StockReservation(
            id: id, productID: request.productID, quantity: request.quantity, orderID: request.orderID,
            idempotencyKey: request.idempotencyKey, state: .held, expiresAt: now.adding(request.ttl), createdAt: now)
        let inserted = try connection.execute(
            "INSERT INTO reservations (id, product_id, quantity, order_id, idempotency_key, state, expires_at, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
            [
                .text(id), .text(request.productID), .integer(request.quantity), .text(request.orderID),
                .text(request.idempotencyKey), .integer(ReservationState.held.rawValue),
                .integer(reservation.expiresAt.microsecondsSince1970), .integer(now.microsecondsSince1970),
                .integer(now.microsecondsSince1970),
            ])
        guard inserted == 1 else {
            connection.setRollbackOnly()
            return .success(nil)
        }
        return .success(reservation)
    }

    /// Why the conditional update held nothing: no such product, discontinued, or too few units.
    private static func refusal(
        _ request: ReservationRequest, on connection: SQLConnection
    ) throws(StorageError)
        -> ProductError
    {
        guard
            let row = try connection.queryFirst(
                "SELECT status, on_hand - reserved AS available FROM products WHERE id = ?", [.text(request.productID)])
        else { return .productNotFound(request.productID) }
        let status: Int64 = try row["status"]
        guard status == ProductStatus.active.rawValue else {
            return ProductError(.failedPrecondition, "the product \(request.productID) is discontinued")
        }
        let available: Int64 = try row["available"]
        return ProductError(
            .failedPrecondition, "insufficient stock: \(max(0, available)) available, \(request.quantity) asked")
    }

    func settle(
        reservationID id: String, _ settlement: ReservationSettlement, at now: UTCInstant
    )
        async throws(ProductError) -> StockReservation
    {
        let lock = database.dialect.forUpdate
        let (reservation, action) = try await transaction {
            connection throws(StorageError) -> Result<(StockReservation, SettlementAction), ProductError> in
            guard
                let row = try connection.queryFirst(
                    "SELECT \(ProductSQL.reservationColumns) FROM reservations r WHERE r.id = ?\(lock)", [.text(id)])
            else { return .failure(.reservationNotFound(id)) }
            var reservation = try StockReservation(row: row)
            let action = reservation.decide(settlement, at: now)
            switch action {
            case .unchanged, .refuse:
                break
            case .settle(let state):
                try Self.leaveHeld(reservation, for: state, at: now, on: connection)
                reservation.state = state
            case .expireAndRefuse:
                try Self.leaveHeld(reservation, for: .expired, at: now, on: connection)
                reservation.state = .expired
            }
            return .success((reservation, action))
        }
        switch action {
        case .unchanged, .settle: return reservation
        case .expireAndRefuse: throw StockReservation.expiredError(id)
        case .refuse(let error): throw error
        }
    }

    /// Moves a HELD reservation to `state` and takes its units out of the product's held units
    /// (and, for a commit, out of its units on hand).
    private static func leaveHeld(
        _ reservation: StockReservation, for state: ReservationState, at now: UTCInstant,
        on connection: SQLConnection
    ) throws(StorageError) {
        let moved = try connection.execute(
            "UPDATE reservations SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
            [
                .integer(state.rawValue), .integer(now.microsecondsSince1970), .text(reservation.id),
                .integer(ReservationState.held.rawValue),
            ])
        guard moved == 1 else {
            // The row was read under a lock (PostgreSQL) or the single writer (SQLite), so this
            // cannot happen; if it ever does, running the transaction again reads the new state.
            throw StorageError(kind: .serializationFailure, message: "the reservation left HELD concurrently")
        }
        let sold: Int64 = state == .committed ? reservation.quantity : 0
        try connection.execute(
            "UPDATE products SET reserved = reserved - ?, on_hand = on_hand - ? WHERE id = ?",
            [.integer(reservation.quantity), .integer(sold), .text(reservation.productID)])
    }
}
