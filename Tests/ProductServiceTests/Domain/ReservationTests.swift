import Testing

@testable import ProductService

@Suite("Reservation rules")
struct ReservationTests {
    static let now = UTCInstant(secondsSince1970: 1_750_000_000)

    static func reservation(_ state: ReservationState, expiresIn seconds: Int64 = 60) -> StockReservation {
        StockReservation(
            id: "r1", productID: "p1", quantity: 2, orderID: "o1", idempotencyKey: "k1", state: state,
            expiresAt: now.adding(.seconds(seconds)), createdAt: now)
    }

    @Test(
        "settling decides from the state and the time",
        arguments: [
            (ReservationState.held, ReservationSettlement.release, SettlementAction.settle(.released)),
            (.held, .commit, .settle(.committed)),
            (.released, .release, .unchanged),
            (.committed, .commit, .unchanged),
        ])
    func settle(state: ReservationState, settlement: ReservationSettlement, expected: SettlementAction) {
        #expect(Self.reservation(state).decide(settlement, at: Self.now) == expected)
    }

    @Test("a settled or expired reservation refuses the other transition with FAILED_PRECONDITION")
    func refusals() {
        let cases: [(ReservationState, ReservationSettlement)] = [
            (.released, .commit), (.committed, .release), (.expired, .release), (.expired, .commit),
        ]
        for (state, settlement) in cases {
            guard case .refuse(let error) = Self.reservation(state).decide(settlement, at: Self.now) else {
                Issue.record("\(state) + \(settlement) was not refused")
                continue
            }
            #expect(error.code == .failedPrecondition, "\(state) + \(settlement)")
        }
        guard case .refuse(let expired) = Self.reservation(.expired).decide(.commit, at: Self.now) else { return }
        #expect(expired.message.contains("expired"))
    }

    @Test("a HELD reservation lapses at its expiry instant, not a microsecond before")
    func lapse() {
        let held = Self.reservation(.held, expiresIn: 60)
        let justBefore = Self.now.adding(.seconds(60)).adding(.microseconds(-1))
        #expect(held.decide(.commit, at: justBefore) == .settle(.committed))
        #expect(held.decide(.commit, at: Self.now.adding(.seconds(60))) == .expireAndRefuse)
        #expect(held.decide(.release, at: Self.now.adding(.seconds(3600))) == .expireAndRefuse)
        #expect(!held.hasLapsed(at: justBefore) && held.hasLapsed(at: Self.now.adding(.seconds(60))))
        #expect(!Self.reservation(.committed, expiresIn: -10).hasLapsed(at: Self.now))
    }

    @Test("a request is checked: positive quantity, an order and a key, 0 < ttl <= the maximum")
    func request() throws {
        func make(
            quantity: Int64 = 1, order: String = "o", key: String = "k", ttl: Duration? = nil
        ) throws(ProductError)
            -> ReservationRequest
        {
            try ReservationRequest(
                productID: "p", quantity: quantity, orderID: order, idempotencyKey: key, ttl: ttl,
                defaultTTL: .seconds(900), maximumTTL: .seconds(86_400))
        }
        #expect(try make().ttl == .seconds(900))
        #expect(try make(ttl: .seconds(86_400)).ttl == .seconds(86_400))
        for bad in [
            { try make(quantity: 0) }, { try make(quantity: -3) }, { try make(order: "") }, { try make(key: "") },
        ] {
            #expect(throws: ProductError.self) { try bad() }
        }
        for ttl: Duration in [.zero, .seconds(-1), .seconds(86_400) + .nanoseconds(1)] {
            let error = #expect(throws: ProductError.self) { try make(ttl: ttl) }
            #expect(error?.code == .invalidArgument && error?.message.hasPrefix("ttl") == true)
        }
    }

    @Test("a retry is the same product, quantity and order; the ttl may differ")
    func retry() throws {
        let existing = Self.reservation(.held)
        func request(product: String = "p1", quantity: Int64 = 2, order: String = "o1") throws -> ReservationRequest {
            try ReservationRequest(
                productID: product, quantity: quantity, orderID: order, idempotencyKey: "k1", ttl: .seconds(5),
                defaultTTL: .seconds(900), maximumTTL: .seconds(86_400))
        }
        #expect(try request().isRetry(of: existing))
        #expect(try !request(product: "p2").isRetry(of: existing))
        #expect(try !request(quantity: 3).isRetry(of: existing))
        #expect(try !request(order: "o2").isRetry(of: existing))
    }

    @Test("available stock is on hand minus held, never negative")
    func stock() {
        #expect(StockLevel(productID: "p", onHand: 10, reserved: 3).available == 7)
        #expect(StockLevel(productID: "p", onHand: 2, reserved: 5).available == 0)
    }
}
