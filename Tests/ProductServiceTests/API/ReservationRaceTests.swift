import CommonContracts
import ProductContracts
import ProductService
import ProtoRuntime
import RPC
import Storage
import Testing

@Suite("Product service: concurrent reservations")
struct ReservationRaceTests {
    /// Two clients: on PostgreSQL each reaches its own ProductService on its own connection pool
    /// (two replicas on one database); on SQLite both reach the one service.
    static func replicas(
        _ harness: ProductHarness
    ) async throws -> (clients: [Product_V1_ProductService.Client], close: () async -> Void) {
        guard harness.driver == .postgresql else { return ([harness.products, harness.products], {}) }
        let second = try await harness.test.open()
        let replica = try ProductService(database: second, clock: harness.clock.productClock)
        try await replica.migrate()
        return ([harness.products, ProductHarness.client(for: replica)], { await second.close() })
    }

    @Test(
        "64 concurrent reservations of the last units: never oversold, each settled once, totals reconcile",
        arguments: Driver.allCases)
    func lastUnits(driver: Driver) async throws {
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0 ... .max, using: &generator)
        print("reservation race on \(driver): seed \(seed)")
        var random = SeededRandomForTests(seed: seed)
        let quantities = (0..<64).map { _ in Int32(1 + random.next() % 3) }
        let initial: Int32 = 40
        try await ProductHarness.with(driver, connections: 8) { harness in
            let (clients, close) = try await Self.replicas(harness)
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: initial)
            let outcomes = try await withThrowingTaskGroup(of: (Int32, Product_V1_Reservation?).self) { group in
                for (index, quantity) in quantities.enumerated() {
                    let client = clients[index % 2]
                    group.addTask {
                        let request = ProductHarness.reservation(
                            mug.id, quantity: quantity, order: "o-\(index)", key: "k-\(index)")
                        do {
                            return (quantity, try await client.reserveStock(request))
                        } catch let status as RPCStatus where status.code == .failedPrecondition {
                            return (quantity, nil)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let held = outcomes.compactMap(\.1)
            let heldUnits = held.map(\.quantity).reduce(0, +)
            let stock = try await harness.stock(mug.id)
            #expect(heldUnits <= initial && stock.reserved == heldUnits && stock.available == initial - heldUnits)
            // Stock only went down, so every refusal saw fewer units than it asked for.
            for (quantity, reservation) in outcomes where reservation == nil { #expect(stock.available < quantity) }
            #expect(held.count < 64, "64 reservations of 1–3 units cannot all fit in \(initial)")
            #expect(Set(held.map(\.id)).count == held.count)

            // Settle each one twice at once, from both replicas: commit the even orders, release the odd.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, reservation) in held.enumerated() {
                    for client in clients {
                        group.addTask {
                            if index % 2 == 0 {
                                let done = try await client.commitReservation(
                                    Product_V1_CommitReservationRequest(reservationID: reservation.id))
                                #expect(done.state == .committed)
                            } else {
                                let done = try await client.releaseReservation(
                                    Product_V1_ReleaseReservationRequest(reservationID: reservation.id))
                                #expect(done.state == .released)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let sold = held.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.quantity).reduce(0, +)
            #expect(
                try await harness.stock(mug.id)
                    == Product_V1_StockLevel(productID: mug.id, available: initial - sold, reserved: 0))
            try await Self.reconcile(harness.database, productID: mug.id, initial: Int64(initial))
            await close()
        }
    }

    @Test("16 concurrent retries of one key, on both replicas, make one reservation", arguments: Driver.allCases)
    func sameKey(driver: Driver) async throws {
        try await ProductHarness.with(driver, connections: 8) { harness in
            let (clients, close) = try await Self.replicas(harness)
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 10)
            let request = ProductHarness.reservation(mug.id, quantity: 3, order: "o-1", key: "order-o-1")
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<16 {
                    let client = clients[index % 2]
                    group.addTask { try await client.reserveStock(request).id }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 7, reserved: 3))
            try await Self.reconcile(harness.database, productID: mug.id, initial: 10)
            await close()
        }
    }

    /// The stored counters agree with the reservations: held units are the HELD reservations' sum,
    /// and the units on hand are the initial stock less the COMMITTED ones.
    static func reconcile(_ database: any SQLDatabase, productID: String, initial: Int64) async throws {
        let rows = try await database.query(
            "SELECT p.on_hand, p.reserved, "
                + "(SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE product_id = p.id AND state = 1) AS held, "
                + "(SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE product_id = p.id AND state = 3) AS sold "
                + "FROM products p WHERE p.id = ?", [.text(productID)])
        let row = try #require(rows.first)
        let onHand: Int64 = try row["on_hand"]
        let reserved: Int64 = try row["reserved"]
        let held: Int64 = try row["held"]
        let sold: Int64 = try row["sold"]
        #expect(
            reserved == held && onHand == initial - sold && onHand >= reserved, "\(onHand) \(reserved) \(held) \(sold)")
    }
}

/// SplitMix64 for the tests' own random choices (printed seed, reproducible).
struct SeededRandomForTests: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
