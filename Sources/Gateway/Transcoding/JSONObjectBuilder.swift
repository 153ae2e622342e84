internal import Bytes

/// A JSON object built member by member from field paths (`page.size` → `{"page":{"size":…}}`),
/// the form path variables and query parameters take before the generated codec decodes them.
///
/// Values arrive as finished JSON text (``JSONText``), so the builder never parses anything; it
/// only nests and orders members, and refuses a path that is both a value and an object.
struct JSONObjectBuilder: Sendable {
    enum Node: Sendable {
        /// One JSON value.
        case value(JSONText)
        /// A JSON array of values (a repeated field set by repeating its parameter).
        case array([JSONText])
        /// A nested object.
        case object(JSONObjectBuilder)
        /// A JSON value given whole (a request body bound to a field).
        case raw(ByteBuffer)
    }

    /// The members in the order set (one array: one allocation for the usual one-member object).
    private(set) var members: [(key: String, node: Node)] = []

    /// Whether no member was set.
    var isEmpty: Bool { members.isEmpty }

    /// Sets the member at `path` (non-empty); a repeated value appends to an array.
    /// - Returns: `false` when the path is taken by something of another shape (a value where an
    ///   object is, or a second value for a singular member).
    @discardableResult
    mutating func set(_ path: ArraySlice<String>, _ node: Node) -> Bool {
        guard let key = path.first else { return false }
        let position = members.firstIndex { $0.key == key }
        if path.count == 1 {
            guard let position else {
                members.append((key, node))
                return true
            }
            guard case .array(let existing) = members[position].node, case .array(let more) = node else { return false }
            members[position].node = .array(existing + more)
            return true
        }
        var child = JSONObjectBuilder()
        if let position {
            guard case .object(let existing) = members[position].node else { return false }
            child = existing
        }
        guard child.set(path.dropFirst(), node) else { return false }
        if let position {
            members[position].node = .object(child)
        } else {
            members.append((key, .object(child)))
        }
        return true
    }

    /// The object as JSON text.
    func write(into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "{"))
        for (position, member) in members.enumerated() {
            if position > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            JSONText.string(member.key).write(into: &buffer)
            buffer.writeInteger(UInt8(ascii: ":"))
            switch member.node {
            case .value(let text): text.write(into: &buffer)
            case .raw(let bytes): buffer.writeBuffer(bytes)
            case .object(let object): object.write(into: &buffer)
            case .array(let values):
                buffer.writeInteger(UInt8(ascii: "["))
                for (index, value) in values.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                    value.write(into: &buffer)
                }
                buffer.writeInteger(UInt8(ascii: "]"))
            }
        }
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    /// The object as JSON bytes.
    var buffer: ByteBuffer {
        var buffer = ByteBuffer()
        write(into: &buffer)
        return buffer
    }
}

/// One finished JSON value: a literal written as is (`true`, `12`) or a string, escaped on write.
struct JSONText: Sendable, Hashable {
    private enum Form: Sendable, Hashable {
        case literal(String)
        case string(String)
    }
    private let form: Form

    /// A literal that is already JSON (the caller checked it: `true`, `-3`).
    static func literal(_ text: String) -> JSONText { JSONText(form: .literal(text)) }
    /// A string, escaped when written.
    static func string(_ text: String) -> JSONText { JSONText(form: .string(text)) }

    func write(into buffer: inout ByteBuffer) {
        switch form {
        case .literal(let text): _ = buffer.writeString(text)
        case .string(let text): Self.writeQuoted(text, into: &buffer)
        }
    }

    /// `text` as a JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped.
    /// Text that needs no escape (the usual path value or parameter) is written in one copy.
    static func writeQuoted(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            _ = buffer.writeString(text)
        } else {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    buffer.writeInteger(UInt8(ascii: "\\"))
                    buffer.writeInteger(byte)
                case 0..<0x20:
                    _ = buffer.writeString("\\u00")
                    buffer.writeInteger(hexDigit(byte >> 4))
                    buffer.writeInteger(hexDigit(byte & 0xF))
                default:
                    buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
