internal import Bytes

/// A `Location` header template over response fields (`/v1/orders/{id}`,
/// `/v1/{shelf.name}/books/{id}`), parsed once per route. A value's `/` stays a path separator,
/// so a resource name fills its segments (`/v1/{name}` → `/v1/shelves/1/books/2`, as AIP-style
/// names expect); each segment is percent-encoded, and a `.` or `..` segment is escaped, so a value
/// can never climb out of the template's prefix.
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
                result += Self.encodeSegments(JSONInspection.leafText(chain[...], of: response) ?? fallback)
            }
        }
        return result
    }

    /// `text` split at `/`, each segment encoded with ``encodeSegment(_:)``; `.` and `..` segments
    /// become `%2E` and `%2E%2E`.
    static func encodeSegments(_ text: String) -> String {
        text.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment == "." || segment == ".."
                ? String(repeating: "%2E", count: segment.count) : encodeSegment(String(segment))
        }.joined(separator: "/")
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
