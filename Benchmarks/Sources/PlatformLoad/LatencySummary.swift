// Latency samples summarized as the benchmark scripts report them.

/// The count, rate and percentiles of a set of call durations.
///
/// Percentiles are nearest-rank (the smallest sample at or above the given fraction of the
/// sorted samples), as wrk reports them; with no samples every figure is 0.
struct LatencySummary: Sendable, Equatable {
    /// How many calls succeeded in the measured window.
    var count: Int
    /// Calls per second over the window.
    var perSecond: Double
    /// The median duration, in milliseconds.
    var p50Milliseconds: Double
    /// The 99th percentile duration, in milliseconds.
    var p99Milliseconds: Double
    /// The longest duration, in milliseconds.
    var maxMilliseconds: Double

    /// The summary of `nanoseconds` (call durations) measured over `seconds`.
    init(nanoseconds: [Int64], seconds: Double) {
        let sorted = nanoseconds.sorted()
        count = sorted.count
        perSecond = seconds > 0 ? Double(sorted.count) / seconds : 0
        p50Milliseconds = Self.percentile(50, of: sorted)
        p99Milliseconds = Self.percentile(99, of: sorted)
        maxMilliseconds = Double(sorted.last ?? 0) / 1e6
    }

    /// The nearest-rank `percent` percentile of `sorted`, in milliseconds.
    static func percentile(_ percent: Double, of sorted: [Int64]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        let index = min(max(rank - 1, 0), sorted.count - 1)
        return Double(sorted[index]) / 1e6
    }
}

extension Duration {
    /// The duration in whole nanoseconds (a call's duration is far below the overflow).
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
