// A small deterministic random number generator for the seeder: the same seed gives the same
// catalogue on every platform and run (the standard library's generator is random per process).

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// 64 bits of state, a full period of 2⁶⁴, and statistically sound output for test data. Not
/// for secrets.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose output is fixed by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An element of `items`, which must not be empty (the seeder's word lists never are).
    mutating func pick<Item>(_ items: [Item]) -> Item {
        precondition(!items.isEmpty, "the seeder's word lists are not empty")
        return items[Int(next() % UInt64(items.count))]
    }

    /// `count` different elements of `items` (all of them when it has fewer).
    mutating func pick<Item: Hashable>(_ count: Int, of items: [Item]) -> [Item] {
        var chosen: [Item] = []
        var pool = items
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: Int(next() % UInt64(pool.count))))
        }
        return chosen
    }

    /// A version-4-shaped UUID in lower case, from this generator (RFC 9562 §5.4 layout).
    mutating func uuid() -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 { withUnsafeBytes(of: next().bigEndian) { bytes += $0 } }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let digits = Array("0123456789abcdef")
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
