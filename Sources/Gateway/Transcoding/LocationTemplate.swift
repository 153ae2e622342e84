internal import Bytes

/// A `Location` header template over response fields (`/v1/orders/{id}`,
/// `/v1/{shelf.name}/books/{id}`), parsed once per route; each variable's value is
/// percent-encoded as one path segment (so a `/` inside a value stays inside its segment).
struct LocationTemplate: Sendable {
    private enum Part: Sendable {
        case literal(String)
        case field([FieldSchema])
    }
    private let parts: [Part]

    /// The template `text` against the response message; `nil` when a variable names no field
    /// or the braces do not pair up.
    init?(_ text: String, response: MessageSchema, schemas: SchemaIndex) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let path = rest[rest.index(after: open)..<close].split(separator: ".", omittingEmptySubsequences: false)
            guard let chain = FieldPath.resolve(path.map(String.init), in: response, schemas: schemas) else {
                return nil
            }
            parts.append(.field(chain))
            rest = rest[rest.index(after: close)...]
        }
        guard !rest.contains("}") else { return nil }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The header value, with values read from the encoded response (a field left out of the
    /// JSON as a default is empty, or `0` for a number).
    func render(from response: ByteBuffer) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text):
                result += text
            case .field(let chain):
                let fallback: String
                if case .scalar(let scalar) = chain.last?.kind, scalar != .string, scalar != .bytes, scalar != .bool {
                    fallback = "0"
                } else {
                    fallback = ""
                }
                result += Self.encodeSegment(JSONInspection.leafText(chain[...], of: response) ?? fallback)
            }
        }
        return result
    }

    /// RFC 3986 `pchar`s without `/`: unreserved and sub-delims, `:` and `@` stay; every other
    /// byte is `%XX`.
    static func encodeSegment(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isSegmentCharacter(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSegmentCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "-._~!$&'()*+,;=:@".utf8.contains(byte)
        }
    }
}
