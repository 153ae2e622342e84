/// Values to and from PostgreSQL's wire formats.
///
/// Results are read in text format, not binary: every type has a text form, so a column of a type
/// this driver does not decode (`numeric`, `timestamptz`, `uuid`, `jsonb`, an enum) still reads
/// as a `String` instead of failing, while parsing the few numeric forms costs little next to a
/// round trip. Parameters go as text too, except blobs (binary `bytea`, no hex doubling), so
/// the server infers each parameter's type from where it stands.
enum PostgresCells {
    // Type OIDs from pg_type.dat.
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let oid: UInt32 = 26
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let numeric: UInt32 = 1700

    /// The text form of a parameter (`nil` for NULL and for a blob, which goes in binary).
    static func text(of value: SQLValue) -> String? {
        switch value {
        case .null, .blob: nil
        case .integer(let integer): String(integer)
        case .real(let real): text(of: real)
        case .text(let text): text
        case .bool(let bool): bool ? "true" : "false"
        }
    }

    private static func text(of real: Double) -> String {
        if real.isNaN { return "NaN" }
        if real.isInfinite { return real < 0 ? "-Infinity" : "Infinity" }
        return "\(real)"  // the shortest text that reads back as the same double
    }

    /// A cell from its text form and its column's type.
    static func cell(_ bytes: UnsafeBufferPointer<UInt8>, type: UInt32) -> SQLCell {
        switch type {
        case bool:
            return .value(.bool(bytes.first == UInt8(ascii: "t")))
        case int8, int2, int4, oid:
            if let integer = Int64(ascii: bytes) { return .value(.integer(integer)) }
        case float4, float8:
            if let real = Double(String(decoding: bytes, as: UTF8.self)) { return .value(.real(real)) }
        case numeric:
            // A numeric sum or average of integers reads like SQLite's: an integer when it is one.
            if let integer = Int64(ascii: bytes) { return .value(.integer(integer)) }
            if let real = Double(String(decoding: bytes, as: UTF8.self)) { return .value(.real(real)) }
        case bytea:
            if let blob = hexBytea(bytes) { return .value(.blob(blob)) }
        default:
            break
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .invalidText(Array(bytes)) }
        return .value(.text(text))
    }

    /// `bytea` in the hex output format (`\x0a1b…`, the default `bytea_output`).
    static func hexBytea(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0
        else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexDigit(bytes[index]), let low = hexDigit(bytes[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Int64 {
    /// An optionally signed decimal integer in ASCII, without overflow.
    init?(ascii bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let isNegative = bytes.first == UInt8(ascii: "-")
        if isNegative || bytes.first == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                isNegative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        self = value
    }
}
