import ProductContracts
import ProductService
import ProtoRuntime
import RPC
import Storage
import Testing

@Suite("Reservation sweeper")
struct ReservationSweeperTests {
    @Test("a sweep marks lapsed HELD reservations EXPIRED in batches and leaves the rest", arguments: Driver.allCases)
    func sweep(driver: Driver) async throws {
        let configuration = try ProductServiceConfiguration.defaults { $0.reservations.sweepBatchSize = 2 }
        try await ProductHarness.with(driver, configuration: configuration) { harness in
            let products = harness.products
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 20)
            var lapsing: [Product_V1_Reservation] = []
            for index in 0..<5 {
                lapsing.append(
                    try await products.reserveStock(
                        ProductHarness.reservation(mug.id, key: "lapse-\(index)", ttlSeconds: 60)))
            }
            let lasting = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 2, ttlSeconds: 3600))
            let settled = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 3, ttlSeconds: 60))
            _ = try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: settled.id))
            let sweeper = harness.service.makeSweeper()
            #expect(try await sweeper.sweep() == 0)
            harness.clock.advance(by: .seconds(61))
            #expect(try await sweeper.sweep() == 5)
            #expect(try await sweeper.sweep() == 0)
            #expect(
                sweeper.statistics.sweeps == 3 && sweeper.statistics.expired == 5 && sweeper.statistics.failures == 0)
            for (index, reservation) in lapsing.enumerated() {
                let again = try await products.reserveStock(ProductHarness.reservation(mug.id, key: "lapse-\(index)"))
                #expect(again.id == reservation.id && again.state == .expired)
            }
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 15, reserved: 2))
            let kept = try await products.releaseReservation(
                Product_V1_ReleaseReservationRequest(reservationID: lasting.id))
            #expect(kept.state == .released)
            try await ReservationRaceTests.reconcile(harness.database, productID: mug.id, initial: 20)
        }
    }

    @Test("run sweeps every interval and stops gracefully", arguments: Driver.allCases)
    func run(driver: Driver) async throws {
        let configuration = try ProductServiceConfiguration.defaults {
            $0.reservations.sweepInterval = .milliseconds(20)
        }
        try await ProductHarness.with(driver, configuration: configuration) { harness in
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 4)
            _ = try await harness.products.reserveStock(ProductHarness.reservation(mug.id, quantity: 4, ttlSeconds: 1))
            let sweeper = harness.service.makeSweeper()
            #expect(sweeper.name == "reservation-sweeper")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sweeper.run() }
                harness.clock.advance(by: .seconds(2))
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(10)
                while sweeper.statistics.expired == 0, clock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(sweeper.statistics.expired == 1)
                let stopping = clock.now
                sweeper.beginGracefulShutdown()
                try await group.waitForAll()
                #expect(clock.now - stopping < .seconds(2))
            }
            let rows = try await harness.database.query("SELECT reserved FROM products WHERE id = ?", [.text(mug.id)])
            #expect(try rows.first?.decode("reserved", as: Int64.self) == 0)
        }
    }

    @Test("a sweep after the database closed fails with UNAVAILABLE, is counted, and does not stop run")
    func failure() async throws {
        try await ProductHarness.with(.sqlite) { harness in
            var configuration = ProductServiceConfiguration.Reservations()
            configuration.sweepInterval = .milliseconds(10)
            let sweeper = ReservationSweeper(
                database: harness.database, clock: harness.clock.productClock, configuration: configuration)
            await harness.database.close()
            let error = await #expect(throws: ProductError.self) { try await sweeper.sweep() }
            #expect(error?.code == .unavailable && error?.cause?.kind == .closed)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sweeper.run() }
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(10)
                while sweeper.statistics.failures < 3, clock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
                sweeper.beginGracefulShutdown()
                try await group.waitForAll()
            }
            #expect(sweeper.statistics.failures >= 3 && sweeper.statistics.lastFailure?.code == .unavailable)
        }
    }

    @Test("two sweepers on two pools expire each hold once")
    func twoSweepers() async throws {
        try await ProductHarness.with(.postgresql) { harness in
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 200)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        _ = try await harness.products.reserveStock(
                            ProductHarness.reservation(mug.id, quantity: 2, key: "k-\(index)", ttlSeconds: 30))
                    }
                }
                try await group.waitForAll()
            }
            harness.clock.advance(by: .seconds(30))
            let second = try await harness.test.open()
            var configuration = ProductServiceConfiguration.Reservations()
            configuration.sweepBatchSize = 10
            let sweepers = [
                ReservationSweeper(
                    database: harness.database, clock: harness.clock.productClock, configuration: configuration),
                ReservationSweeper(database: second, clock: harness.clock.productClock, configuration: configuration),
            ]
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for sweeper in sweepers { group.addTask { try await sweeper.sweep() } }
                return try await group.reduce(0, +)
            }
            await second.close()
            #expect(counts == 100)
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 200, reserved: 0)
            )
            try await ReservationRaceTests.reconcile(harness.database, productID: mug.id, initial: 200)
        }
    }
}
