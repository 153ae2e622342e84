internal import Bytes
public import ProtoRuntime

/// A JSON value (RFC 8259) as a claim or a JWK member holds it, kept exactly: a number keeps
/// its text, so a claim read from one token writes back unchanged into another.
///
/// ```swift
/// claims.additionalClaims["tenant"] = .string("acme")
/// claims.additionalClaims["limits"] = .object(["rps": .number("50")])
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its JSON text (`42`, `-1.5e3`).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object (written with its keys sorted, so output is deterministic).
    case object([String: JSONValue])

    /// A number from an integer.
    public init(_ value: Int64) { self = .number(String(value)) }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// Writes the value.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.writeNull()
        case .bool(let value): writer.writeBool(value)
        case .number(let text): writer.writeRawJSON(ByteBuffer(string: text))
        case .string(let value): writer.writeString(value)
        case .array(let elements):
            writer.beginArray()
            for element in elements {
                writer.beginElement()
                element.write(to: &writer)
            }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for key in members.keys.sorted() {
                writer.writeKey(key)
                members[key, default: .null].write(to: &writer)
            }
            writer.endObject()
        }
    }

    /// The value's JSON text (compact, keys sorted).
    public var jsonText: String {
        var writer = JSONWriter()
        write(to: &writer)
        return String(decoding: writer.finish().readableBytesArray, as: UTF8.self)
    }

    /// Parses one JSON value, refusing duplicate object members.
    /// - Throws: ``AuthError`` with ``AuthError/Code/malformed``.
    public init(parsing text: some Collection<UInt8>, maxDepth: Int = 32) throws(AuthError) {
        self = try JSONInput.parse(Array(text), maxDepth: maxDepth) { (scanner, input) throws(AuthError) in
            try input.readValue(&scanner)
        }
    }
}
