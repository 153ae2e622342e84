import ProductService
import Synchronization

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    /// 2025-06-15T15:06:40Z, a fixed start.
    static let start = UTCInstant(secondsSince1970: 1_750_000_000)

    private let time = Mutex(ManualClock.start)

    /// The clock the service reads.
    var productClock: ProductClock { ProductClock { self.time.withLock { $0 } } }

    /// The time now.
    var now: UTCInstant { time.withLock { $0 } }

    /// Moves the time forward by `duration`.
    func advance(by duration: Duration) {
        time.withLock { $0 = $0.adding(duration) }
    }
}
