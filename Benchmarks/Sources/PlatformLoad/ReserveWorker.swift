// One worker of the reserve/release load: reserve a unit, release it, repeat, timing each call.
internal import ProductContracts
internal import ProtoRuntime
internal import RPC

/// What one worker measured: the durations of its calls after the warm-up, and its failures.
struct WorkerTally: Sendable {
    /// ReserveStock durations, in nanoseconds.
    var reserve: [Int64] = []
    /// ReleaseReservation durations, in nanoseconds.
    var release: [Int64] = []
    /// Failed calls after the warm-up, by `rpc:STATUS` (`reserve:FAILED_PRECONDITION`).
    var errors: [String: Int] = [:]

    /// Adds `other`'s samples and failures to these.
    mutating func merge(_ other: WorkerTally) {
        reserve += other.reserve
        release += other.release
        errors.merge(other.errors, uniquingKeysWith: +)
    }
}

/// Reserves one unit of a product and releases it again, one call at a time, until `end`.
///
/// Each worker owns its products (no other worker reserves them), so a product's available
/// stock never drops below what the worker holds and every call should succeed: a failure is
/// the platform's, and is reported. Each reservation has its own idempotency key and order id.
struct ReserveWorker: Sendable {
    /// The generated client, over the shared channel.
    let client: Product_V1_ProductService.Client
    /// The call options: the service token in `authorization`.
    let options: RPCCallOptions
    /// The products this worker reserves, in turn.
    let productIDs: [String]
    /// Unique among workers and runs: the start of each idempotency key.
    let keyPrefix: String

    /// Runs until `end`, keeping samples of the calls started at or after `warmUpEnd`.
    func run(warmUpEnd: ContinuousClock.Instant, end: ContinuousClock.Instant) async -> WorkerTally {
        var tally = WorkerTally()
        tally.reserve.reserveCapacity(100_000)
        tally.release.reserveCapacity(100_000)
        var sequence = 0
        while true {
            let start = ContinuousClock.now
            guard start < end else { break }
            let measured = start >= warmUpEnd
            sequence += 1
            let productID = productIDs[sequence % productIDs.count]
            let reservation: Product_V1_Reservation
            do {
                reservation = try await client.reserveStock(reserveRequest(productID, sequence), options: options)
            } catch {
                if measured { tally.errors["reserve:\(Self.statusName(error))", default: 0] += 1 }
                continue
            }
            let reserved = ContinuousClock.now
            if measured { tally.reserve.append(start.duration(to: reserved).nanoseconds) }
            var release = Product_V1_ReleaseReservationRequest()
            release.reservationID = reservation.id
            do {
                _ = try await client.releaseReservation(release, options: options)
                if measured { tally.release.append(reserved.duration(to: .now).nanoseconds) }
            } catch {
                if measured { tally.errors["release:\(Self.statusName(error))", default: 0] += 1 }
            }
        }
        return tally
    }

    /// The request for the `sequence`th reservation: one unit, held for a minute at most.
    private func reserveRequest(_ productID: String, _ sequence: Int) -> Product_V1_ReserveStockRequest {
        var request = Product_V1_ReserveStockRequest()
        request.productID = productID
        request.quantity = 1
        request.orderID = "\(keyPrefix)-\(sequence)"
        request.idempotencyKey = "\(keyPrefix)-\(sequence)"
        var ttl = Google_Protobuf_Duration()
        ttl.seconds = 60
        request.ttl = ttl
        return request
    }

    /// The gRPC status name of a failed call (`UNAVAILABLE`), or `OTHER`.
    static func statusName(_ error: any Error) -> String {
        guard let status = error as? RPCStatus else { return "OTHER" }
        return status.code.name
    }
}
