public import ProtoRuntime

/// CEL's heterogeneous numeric comparison: an int, a uint and a double compare by their exact
/// mathematical values (cel-spec: "numeric comparisons across types"), never by converting one
/// side and losing precision; any comparison with NaN is false, except `!=`.
extension _CELRuntime {
    /// The exact order of an int and a uint: -1, 0 or 1.
    @inlinable public static func order(_ a: Int64, _ b: UInt64) -> Int {
        if a < 0 { return -1 }
        return UInt64(a) < b ? -1 : (UInt64(a) == b ? 0 : 1)
    }

    /// The exact order of an int and a double; `nil` when `b` is NaN.
    public static func order(_ a: Int64, _ b: Double) -> Int? {
        if b.isNaN { return nil }
        if b >= 9_223_372_036_854_775_808.0 { return -1 }
        if b < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = b.rounded(.towardZero)
        let integer = Int64(whole)  // exact: |whole| < 2^63 here
        if a != integer { return a < integer ? -1 : 1 }
        let fraction = b - whole
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }

    /// The exact order of a uint and a double; `nil` when `b` is NaN.
    public static func order(_ a: UInt64, _ b: Double) -> Int? {
        if b.isNaN { return nil }
        if b >= 18_446_744_073_709_551_616.0 { return -1 }
        if b < 0 { return 1 }
        let whole = b.rounded(.towardZero)
        let integer = UInt64(whole)  // exact: 0 <= whole < 2^64 here
        if a != integer { return a < integer ? -1 : 1 }
        return b - whole > 0 ? -1 : 0
    }

    /// The exact order of a uint and an int.
    @inlinable public static func order(_ a: UInt64, _ b: Int64) -> Int { -order(b, a) }
    /// The exact order of a double and an int; `nil` when `a` is NaN.
    @inlinable public static func order(_ a: Double, _ b: Int64) -> Int? { order(b, a).map { -$0 } }
    /// The exact order of a double and a uint; `nil` when `a` is NaN.
    @inlinable public static func order(_ a: Double, _ b: UInt64) -> Int? { order(b, a).map { -$0 } }

    /// The order of two strings: by Unicode code point, as CEL defines it (Swift's own `<` on
    /// `String` uses canonical equivalence, which CEL does not).
    @inlinable public static func order(_ a: String, _ b: String) -> Int {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// True when two strings hold the same code points (CEL's `==`; Swift's `==` on `String`
    /// treats canonically equivalent strings as equal, CEL does not).
    @inlinable public static func equals(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    /// True when two lists of strings hold the same code points, item by item.
    @inlinable public static func equals(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { equals($0, $1) }
    }

    /// The order of two byte strings: lexicographic by byte.
    public static func order(_ a: ByteBuffer, _ b: ByteBuffer) -> Int {
        a.withUnsafeReadableBytes { x in
            b.withUnsafeReadableBytes { y in
                for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }

    /// The order of two bools: `false < true`.
    @inlinable public static func order(_ a: Bool, _ b: Bool) -> Int { a == b ? 0 : (a ? 1 : -1) }

    /// The order of two durations.
    @inlinable public static func order(_ a: Google_Protobuf_Duration, _ b: Google_Protobuf_Duration) -> Int {
        if a.seconds != b.seconds { return a.seconds < b.seconds ? -1 : 1 }
        return a.nanos == b.nanos ? 0 : (a.nanos < b.nanos ? -1 : 1)
    }

    /// The order of two timestamps.
    @inlinable public static func order(_ a: Google_Protobuf_Timestamp, _ b: Google_Protobuf_Timestamp) -> Int {
        if a.seconds != b.seconds { return a.seconds < b.seconds ? -1 : 1 }
        return a.nanos == b.nanos ? 0 : (a.nanos < b.nanos ? -1 : 1)
    }
}
