public import ProtoRuntime

/// CEL's string and bytes functions. CEL strings are sequences of Unicode code points, so sizes
/// count code points (`size("héllo") == 5`, one emoji is one code point) and matching works on
/// code points, never on Swift's grapheme clusters or canonical equivalence.
extension _CELRuntime {
    /// `size(string)`: the number of Unicode code points.
    @inlinable public static func size(_ text: String) -> Int64 { Int64(text.unicodeScalars.count) }

    /// `size(bytes)`: the number of bytes.
    @inlinable public static func size(_ bytes: ByteBuffer) -> Int64 { Int64(bytes.readableBytes) }

    /// `string.startsWith(prefix)`, by code point.
    @inlinable public static func startsWith(_ text: String, _ prefix: String) -> Bool {
        StringRules.hasPrefix(text, prefix)
    }

    /// `string.endsWith(suffix)`, by code point.
    @inlinable public static func endsWith(_ text: String, _ suffix: String) -> Bool {
        StringRules.hasSuffix(text, suffix)
    }

    /// `string.contains(part)`, by code point.
    public static func contains(_ text: String, _ part: String) -> Bool { StringRules.contains(text, part) }

    /// `bytes.startsWith(prefix)` (a protovalidate extension).
    public static func startsWith(_ bytes: ByteBuffer, _ prefix: ByteBuffer) -> Bool {
        bytes.readableBytesView.starts(with: prefix.readableBytesView)
    }

    /// `bytes.endsWith(suffix)` (a protovalidate extension).
    public static func endsWith(_ bytes: ByteBuffer, _ suffix: ByteBuffer) -> Bool {
        let count = suffix.readableBytes
        return bytes.readableBytes >= count
            && bytes.readableBytesView.suffix(count).elementsEqual(suffix.readableBytesView)
    }

    /// `bytes.contains(part)` (a protovalidate extension), searched where the bytes are.
    public static func contains(_ bytes: ByteBuffer, _ part: ByteBuffer) -> Bool {
        bytes.withUnsafeReadableBytes { whole in
            part.withUnsafeReadableBytes { part in
                StringRules.contains(
                    whole.assumingMemoryBound(to: UInt8.self), part.assumingMemoryBound(to: UInt8.self))
            }
        }
    }

    /// `bytes + bytes`.
    public static func concatenate(_ a: ByteBuffer, _ b: ByteBuffer) -> ByteBuffer {
        ByteBuffer(bytes: a.readableBytesArray + b.readableBytesArray)
    }

    /// `value in list` for strings, by code point.
    @inlinable public static func contains(_ list: [String], _ value: String) -> Bool {
        list.contains { equals($0, value) }
    }

    /// `list.unique()` (a protovalidate extension): true when no two items are equal.
    @inlinable public static func unique<T: Hashable>(_ list: [T]) -> Bool {
        StringRules.isUnique(list)
    }

    /// `list.unique()` for strings: equal means the same code points.
    public static func unique(_ list: [String]) -> Bool {
        StringRules.isUnique(list)
    }

    /// `double.isInf(sign)` (a protovalidate extension): infinite with the given sign, or either
    /// sign when `sign` is 0.
    @inlinable public static func isInf(_ value: Double, sign: Int64) -> Bool {
        guard value.isInfinite else { return false }
        return sign == 0 || (sign > 0) == (value > 0)
    }

    /// The compiled regular expression a `matches` call uses: the result of compiling its pattern,
    /// where a syntax error (only possible for a pattern computed at run time; the generator
    /// rejects invalid literal patterns) is an evaluation error.
    @inlinable public static func regex<Regex, Failure: Error>(
        _ compiled: Result<Regex, Failure>
    ) throws(CELEvaluationError) -> Regex {
        switch compiled {
        case .success(let regex): return regex
        case .failure(let error):
            throw CELEvaluationError(code: .invalidArgument, message: "invalid regular expression", cause: "\(error)")
        }
    }

    /// `map[key]`: the value, or an error when the map has no such key.
    @inlinable public static func value<T>(_ value: T?, key: @autoclosure () -> String) throws(CELEvaluationError) -> T
    {
        guard let value else { throw CELEvaluationError(code: .noSuchKey, message: "no such key: \(key())") }
        return value
    }

    /// `list[index]`: the item, or an error when the index is out of range.
    @inlinable public static func item<T>(_ list: [T], _ index: Int64) throws(CELEvaluationError) -> T {
        guard index >= 0, index < Int64(list.count) else {
            throw CELEvaluationError(code: .outOfRange, message: "index out of range: \(index)")
        }
        return list[Int(index)]
    }
}
