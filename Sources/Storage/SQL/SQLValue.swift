/// A value bound to a `?` placeholder of a statement.
///
/// The six cases are the values both drivers store the same way. Literals make the common case
/// short, and ``init(_:)`` converts any ``SQLValueConvertible`` (optionals become `NULL`):
///
/// ```swift
/// try connection.execute(
///     "INSERT INTO products (id, name, price_cents, image, active) VALUES (?, ?, ?, ?, ?)",
///     [SQLValue(id), "Desk lamp", 2_499, .blob(thumbnail), true])
/// ```
///
/// How each case reaches the database: SQLite binds them natively (a `bool` as the integer 0 or
/// 1, as SQLite has no boolean type). PostgreSQL gets text parameters whose type the server infers
/// from where the placeholder stands (a `bool` as `true`/`false`, an infinite `real` as
/// `Infinity`), and blobs in binary. Text containing a NUL character is refused by both drivers
/// with ``StorageError/Kind/invalidValue``: PostgreSQL cannot store it, and SQLite would store a
/// string that C code reads shorter.
public enum SQLValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit integer (`INTEGER`/`BIGINT`).
    case integer(Int64)
    /// A double-precision float (`REAL`/`DOUBLE PRECISION`).
    case real(Double)
    /// UTF-8 text (`TEXT`).
    case text(String)
    /// Bytes (`BLOB`/`BYTEA`).
    case blob([UInt8])
    /// A boolean (`BOOLEAN`; stored as 0 or 1 by SQLite).
    case bool(Bool)

    /// Converts a Swift value: `SQLValue(user.email)`, `SQLValue(product.discount)` (`NULL` for
    /// `nil`).
    public init<Value: SQLValueConvertible>(_ value: Value) {
        self = value.sqlValue
    }

    /// Whether this is ``null``.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the case, for error messages: `integer`, `text`.
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        case .bool: "bool"
        }
    }
}

extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    /// `nil` binds `NULL`.
    public init(nilLiteral: ()) { self = .null }
    /// An integer literal binds an ``integer(_:)``.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A float literal binds a ``real(_:)``.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// A string literal binds ``text(_:)``.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `true`/`false` bind a ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// A Swift type that binds as an ``SQLValue``.
///
/// The standard conformances: the integer types, `Double`, `Float`, `String`, `Substring`,
/// `[UInt8]`, `Bool`, `SQLValue` itself, and `Optional` of any of them (`nil` is `NULL`).
public protocol SQLValueConvertible {
    /// The value to bind.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLValueConvertible {
    /// Itself.
    public var sqlValue: SQLValue { self }
}

extension Int64: SQLValueConvertible {
    /// ``SQLValue/integer(_:)``.
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLValueConvertible {
    /// ``SQLValue/integer(_:)`` (`Int` is 64 bits on every platform room619 runs on).
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int32: SQLValueConvertible {
    /// ``SQLValue/integer(_:)``.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension UInt32: SQLValueConvertible {
    /// ``SQLValue/integer(_:)``.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLValueConvertible {
    /// ``SQLValue/real(_:)``.
    public var sqlValue: SQLValue { .real(self) }
}

extension Float: SQLValueConvertible {
    /// ``SQLValue/real(_:)``.
    public var sqlValue: SQLValue { .real(Double(self)) }
}

extension String: SQLValueConvertible {
    /// ``SQLValue/text(_:)``.
    public var sqlValue: SQLValue { .text(self) }
}

extension Substring: SQLValueConvertible {
    /// ``SQLValue/text(_:)``.
    public var sqlValue: SQLValue { .text(String(self)) }
}

extension Bool: SQLValueConvertible {
    /// ``SQLValue/bool(_:)``.
    public var sqlValue: SQLValue { .bool(self) }
}

extension Array: SQLValueConvertible where Element == UInt8 {
    /// ``SQLValue/blob(_:)``.
    public var sqlValue: SQLValue { .blob(self) }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    /// The wrapped value's, or ``SQLValue/null``.
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
