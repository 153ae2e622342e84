/// One row of a query result, read by column name or index as a Swift type.
///
/// ```swift
/// for row in try connection.query("SELECT id, name, price_cents, discontinued_at FROM products") {
///     let id: Int64 = try row["id"]
///     let name = try row.decode("name", as: String.self)
///     let price = try row.decode(at: 2, as: Int.self)
///     let discontinued: Int64? = try row["discontinued_at"]  // nil for NULL
/// }
/// ```
///
/// Reading a value as a type it does not have throws ``StorageError/Kind/typeMismatch`` naming
/// the column (NULL as a non-optional type is a mismatch too), text that is not valid UTF-8 read
/// as `String` throws ``StorageError/Kind/invalidText``, and an unknown column throws
/// ``StorageError/Kind/columnNotFound``. Names match exactly first, then ignoring ASCII case, as
/// PostgreSQL folds unquoted names to lower case and SQLite keeps them as written.
public struct SQLRow: Sendable {
    let columns: SQLColumns
    let cells: [SQLCell]

    init(columns: SQLColumns, cells: [SQLCell]) {
        self.columns = columns
        self.cells = cells
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.names }

    /// The number of columns.
    public var count: Int { cells.count }

    /// The value of the column at `index` (0-based).
    ///
    /// - Throws: ``StorageError/Kind/columnNotFound`` for an index out of range,
    ///   ``StorageError/Kind/invalidText`` for text that is not valid UTF-8.
    public func value(at index: Int) throws(StorageError) -> SQLValue {
        try decode(at: index, as: SQLValue.self)
    }

    /// The value of the named column.
    public func value(_ column: String) throws(StorageError) -> SQLValue {
        try decode(column, as: SQLValue.self)
    }

    /// Reads the named column as `type`.
    public func decode<Value: SQLDecodable>(
        _ column: String, as type: Value.Type = Value.self
    ) throws(StorageError)
        -> Value
    {
        guard let index = columns.index(of: column) else {
            throw StorageError(
                kind: .columnNotFound,
                message:
                    "no column \"\(column)\" in a row of \(columns.names.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return try decode(at: index, as: type)
    }

    /// Reads the column at `index` (0-based) as `type`.
    public func decode<Value: SQLDecodable>(
        at index: Int, as type: Value.Type = Value.self
    ) throws(StorageError)
        -> Value
    {
        guard cells.indices.contains(index) else {
            throw StorageError(kind: .columnNotFound, message: "no column \(index) in a row of \(cells.count) columns")
        }
        let name = columns.names[index]
        switch cells[index] {
        case .value(let value):
            guard let decoded = Value.decode(value) else {
                let found = value.isNull ? "is NULL" : "holds \(value.typeName)"
                throw StorageError(kind: .typeMismatch, message: "column \"\(name)\" \(found), read as \(Value.self)")
            }
            return decoded
        case .invalidText(let bytes):
            // Bytes may still be read as bytes; anything that wants text gets the typed error.
            if let decoded = Value.decode(.blob(bytes)), !(decoded is SQLValue) { return decoded }
            throw StorageError(
                kind: .invalidText,
                message: "column \"\(name)\" holds text that is not valid UTF-8 (\(bytes.count) bytes)")
        }
    }

    /// Reads the named column as the type the context asks for: `let id: Int64 = try row["id"]`.
    public subscript<Value: SQLDecodable>(column: String) -> Value {
        get throws(StorageError) { try decode(column, as: Value.self) }
    }

    /// Reads the column at `index` as the type the context asks for.
    public subscript<Value: SQLDecodable>(index: Int) -> Value {
        get throws(StorageError) { try decode(at: index, as: Value.self) }
    }
}

/// One cell as a driver read it: a value, or text bytes that are not UTF-8 (kept so that the
/// error happens when, and only if, someone reads them as text).
enum SQLCell: Sendable, Hashable {
    case value(SQLValue)
    case invalidText([UInt8])
}

/// The column names of one result, shared by its rows.
final class SQLColumns: Sendable {
    let names: [String]
    private let exact: [String: Int]
    private let folded: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        // The first column of a name wins, as in SQL's own name resolution of a result.
        for (index, name) in names.enumerated().reversed() {
            exact[name] = index
            folded[Self.fold(name)] = index
        }
        self.exact = exact
        self.folded = folded
    }

    func index(of name: String) -> Int? {
        exact[name] ?? folded[Self.fold(name)]
    }

    /// ASCII lower case: the folding PostgreSQL applies to unquoted names.
    private static func fold(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
