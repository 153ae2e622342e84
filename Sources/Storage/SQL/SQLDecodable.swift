/// A Swift type a column can be read as (``SQLRow/decode(_:as:)``).
///
/// The standard conformances and what they accept:
///
/// | type | accepts |
/// | --- | --- |
/// | `Int64`, `Int`, `Int32` | `integer` (in range) |
/// | `Double` | `real`, `integer` |
/// | `String` | `text` |
/// | `[UInt8]` | `blob` |
/// | `Bool` | `bool`, `integer` 0 or 1 (SQLite stores booleans as integers) |
/// | `SQLValue` | anything |
/// | `Optional` of any of these | `NULL` as `nil`, otherwise as the wrapped type |
///
/// Conversions that would lose or invent information (text to a number, a real to an integer)
/// are refused: a type mismatch between the schema and the code is a bug to see, not to paper
/// over.
public protocol SQLDecodable {
    /// The value as this type, or `nil` when it has another type (the row turns that into
    /// ``StorageError/Kind/typeMismatch`` naming the column).
    static func decode(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLDecodable {
    /// The value itself.
    public static func decode(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLDecodable {
    /// An `integer`.
    public static func decode(_ value: SQLValue) -> Int64? {
        if case .integer(let integer) = value { return integer }
        return nil
    }
}

extension Int: SQLDecodable {
    /// An `integer`.
    public static func decode(_ value: SQLValue) -> Int? {
        if case .integer(let integer) = value { return Int(exactly: integer) }
        return nil
    }
}

extension Int32: SQLDecodable {
    /// An `integer` in `Int32`'s range.
    public static func decode(_ value: SQLValue) -> Int32? {
        if case .integer(let integer) = value { return Int32(exactly: integer) }
        return nil
    }
}

extension Double: SQLDecodable {
    /// A `real`, or an `integer` (SQLite returns a whole number in a `REAL` column's expression as
    /// an integer; PostgreSQL's `numeric` sums of integers are integers too).
    public static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }
}

extension String: SQLDecodable {
    /// `text`.
    public static func decode(_ value: SQLValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Array: SQLDecodable where Element == UInt8 {
    /// A `blob`.
    public static func decode(_ value: SQLValue) -> [UInt8]? {
        if case .blob(let bytes) = value { return bytes }
        return nil
    }
}

extension Bool: SQLDecodable {
    /// A `bool`, or the `integer` 0 or 1.
    public static func decode(_ value: SQLValue) -> Bool? {
        switch value {
        case .bool(let bool): bool
        case .integer(0): false
        case .integer(1): true
        default: nil
        }
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    /// `nil` for `NULL`, otherwise the wrapped type's reading.
    public static func decode(_ value: SQLValue) -> Wrapped?? {
        if value.isNull { return .some(.none) }
        guard let wrapped = Wrapped.decode(value) else { return .none }
        return .some(wrapped)
    }
}
