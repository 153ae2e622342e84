/// A JSON value, as the OpenAPI generator builds documents, with one deterministic rendering.
///
/// Objects are dictionaries; ``rendered()`` sorts their keys by UTF-8 bytes, so the same document
/// always gives the same text (as Python's `json.dumps(value, indent=2, sort_keys=True,
/// ensure_ascii=False)` plus a newline would):
///
/// ```swift
/// let schema: JSONValue = ["type": "string", "format": "date-time"]
/// schema.rendered()  // "{\n  \"format\": \"date-time\",\n  \"type\": \"string\"\n}\n"
/// ```
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The object's members, or `nil` when this is not an object.
    package var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The member `key` of an object (`nil` for other values or a missing key).
    package subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Pretty JSON: two-space indent, keys sorted by their UTF-8 bytes, `": "` between key and
    /// value, and a trailing newline.
    package func rendered() -> String {
        var output = ""
        write(into: &output, indent: "")
        output += "\n"
        return output
    }

    private func write(into output: inout String, indent: String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .number(let value): output += Self.numberText(value)
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            let inner = indent + "  "
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += inner
                item.write(into: &output, indent: inner)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            let inner = indent + "  "
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            output += "{\n"
            for (index, key) in keys.enumerated() {
                output += inner
                Self.writeString(key, into: &output)
                output += ": "
                members[key, default: .null].write(into: &output, indent: inner)
                output += index == keys.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    /// Integral values within ±2^53 print without a fraction (as JSON readers keep them), others
    /// in Swift's shortest round-tripping form. JSON has no NaN or infinities: they print as
    /// `null`, and the generator never builds them.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return String(value)
    }

    /// A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped, the rest
    /// as UTF-8.
    static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members: [String: JSONValue] = [:]
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
}
