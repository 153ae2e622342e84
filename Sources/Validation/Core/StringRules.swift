internal import Glibc
public import ProtoRuntime

/// String and byte comparisons for generated validators, by code units: protovalidate compares
/// strings by their bytes, while Swift's `String` operations equate canonically equivalent
/// strings (`"é"` and `"e\u{301}"`).
public enum StringRules {
    /// Byte-wise equality: the lengths first, then one `memcmp` over the contiguous bytes.
    public static func equals(_ value: String, _ other: String) -> Bool {
        guard value.utf8.count == other.utf8.count else { return false }
        var value = value
        var other = other
        return value.withUTF8 { left in
            other.withUTF8 { right in
                guard let a = left.baseAddress, let b = right.baseAddress else { return true }  // both empty
                return memcmp(a, b, left.count) == 0
            }
        }
    }

    /// True when `value` equals one of `list`, byte-wise.
    @inlinable
    public static func isIn(_ value: String, _ list: [String]) -> Bool {
        list.contains { equals(value, $0) }
    }

    /// Byte-wise prefix test.
    @inlinable
    public static func hasPrefix(_ value: String, _ prefix: String) -> Bool {
        value.utf8.starts(with: prefix.utf8)
    }

    /// Byte-wise suffix test.
    @inlinable
    public static func hasSuffix(_ value: String, _ suffix: String) -> Bool {
        let bytes = value.utf8
        let tail = suffix.utf8
        guard tail.count <= bytes.count else { return false }
        return bytes.suffix(tail.count).elementsEqual(tail)
    }

    /// The number of Unicode code points (protovalidate's string length): the UTF-8 bytes that
    /// do not continue a sequence, counted over the contiguous bytes.
    public static func codePoints(_ value: String) -> Int {
        var value = value
        return value.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// True when `value` has fewer than `bound` code points. A code point takes one to four
    /// bytes, so the UTF-8 length alone often decides.
    @inlinable
    public static func hasFewerCodePoints(_ value: String, than bound: UInt64) -> Bool {
        let bytes = UInt64(value.utf8.count)
        if bytes < bound { return true }
        if bytes / 4 >= bound { return false }
        return UInt64(codePoints(value)) < bound
    }

    /// True when `value` has more than `bound` code points.
    @inlinable
    public static func hasMoreCodePoints(_ value: String, than bound: UInt64) -> Bool {
        let bytes = UInt64(value.utf8.count)
        if bytes <= bound { return false }
        if (bytes + 3) / 4 > bound { return true }
        return UInt64(codePoints(value)) > bound
    }

    /// Byte-wise substring search (an empty needle is contained in every string).
    public static func contains(_ value: String, _ needle: String) -> Bool {
        var value = value
        var needle = needle
        return value.withUTF8 { haystack in needle.withUTF8 { contains(haystack, $0) } }
    }

    /// Byte-wise search of `needle` in `haystack`, over the bytes where they are (no copies).
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first && haystack[start..<start + needle.count].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    /// True when every item of `list` differs from the others (byte-wise for strings). Short
    /// lists, the common case, compare pairwise without allocating.
    public static func isUnique(_ list: [String]) -> Bool {
        if list.count <= 16 {
            for index in list.indices.dropLast() {
                for other in list.indices[(index + 1)...] where equals(list[index], list[other]) { return false }
            }
            return true
        }
        var seen = Set<[UInt8]>()
        for item in list where !seen.insert(Array(item.utf8)).inserted { return false }
        return true
    }

    /// True when every item of `list` differs from the others. Floating-point items compare by
    /// value through their `Hashable` conformance: `0.0` and `-0.0` are equal (and hash alike),
    /// and NaN differs from everything, itself included.
    public static func isUnique<T: Hashable>(_ list: [T]) -> Bool {
        var seen = Set<T>()
        for item in list where !seen.insert(item).inserted { return false }
        return true
    }
}

/// Byte rules for generated validators.
public enum ByteRules {
    /// The bytes as a string, when they are valid UTF-8 (`bytes.pattern` needs text).
    public static func text(_ value: ByteBuffer) -> String? {
        String(validating: value.readableBytesArray, as: UTF8.self)
    }

    /// True when `value` starts with `prefix`.
    public static func hasPrefix(_ value: ByteBuffer, _ prefix: [UInt8]) -> Bool {
        value.readableBytesView.starts(with: prefix)
    }

    /// True when `value` ends with `suffix`.
    public static func hasSuffix(_ value: ByteBuffer, _ suffix: [UInt8]) -> Bool {
        let bytes = value.readableBytesView
        return suffix.count <= bytes.count && bytes.suffix(suffix.count).elementsEqual(suffix)
    }

    /// True when `value` contains `needle`.
    public static func contains(_ value: ByteBuffer, _ needle: [UInt8]) -> Bool {
        value.withUnsafeReadableBytes { raw in
            needle.withUnsafeBufferPointer { StringRules.contains(raw.assumingMemoryBound(to: UInt8.self), $0) }
        }
    }

    /// True when `value` equals one of `list`.
    public static func isIn(_ value: ByteBuffer, _ list: [[UInt8]]) -> Bool {
        list.contains { value.readableBytesView.elementsEqual($0) }
    }

    /// True when `value` equals `other`.
    public static func equals(_ value: ByteBuffer, _ other: [UInt8]) -> Bool {
        value.readableBytesView.elementsEqual(other)
    }
}
