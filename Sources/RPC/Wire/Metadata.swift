internal import Bytes
internal import ProtoRuntime

/// gRPC metadata: ordered key–value pairs sent as HTTP/2 headers or trailers. Keys are lower-case;
/// keys ending in `-bin` carry bytes, base64 on the wire (sent unpadded, read padded or not).
///
/// ```swift
/// var metadata = Metadata()
/// metadata.add("x-request-id", "r-42")
/// metadata.add("trace-proto-bin", bytes: [0x0a, 0x01])
/// ```
public struct Metadata: Sendable, Hashable, Sequence {
    /// One value: text, or bytes for a `-bin` key.
    public enum Value: Sendable, Hashable {
        case text(String)
        case bytes([UInt8])
    }

    /// One pair.
    public struct Entry: Sendable, Hashable {
        /// The key, lower-case.
        public var key: String
        /// The value.
        public var value: Value
    }

    private var entries: [Entry] = []

    /// Empty metadata.
    public init() {}

    /// How many pairs.
    public var count: Int { entries.count }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// Whether `key` names binary values.
    public static func isBinary(_ key: String) -> Bool { key.hasSuffix("-bin") }

    /// Adds a text value. A `-bin` key gets the text's UTF-8 bytes.
    public mutating func add(_ key: String, _ value: String) {
        let key = key.lowercased()
        entries.append(Entry(key: key, value: Self.isBinary(key) ? .bytes(Array(value.utf8)) : .text(value)))
    }

    /// Adds a binary value (its key should end in `-bin`, or it is sent as text, decoded as UTF-8).
    public mutating func add(_ key: String, bytes: [UInt8]) {
        let key = key.lowercased()
        entries.append(
            Entry(key: key, value: Self.isBinary(key) ? .bytes(bytes) : .text(String(decoding: bytes, as: UTF8.self))))
    }

    /// The first text value of `key`.
    public subscript(key: String) -> String? {
        let key = key.lowercased()
        for entry in entries where entry.key == key {
            if case .text(let text) = entry.value { return text }
        }
        return nil
    }

    /// Every value of `key`, in order.
    public func values(of key: String) -> [Value] {
        let key = key.lowercased()
        return entries.filter { $0.key == key }.map(\.value)
    }

    /// Appends a pair whose key is already lower-case (header names on HTTP/2 are), without
    /// lower-casing it again: the transports' fast path.
    package mutating func append(lowercasedKey key: String, _ value: Value) {
        entries.append(Entry(key: key, value: value))
    }

    /// Removes every value of `key`.
    public mutating func remove(_ key: String) {
        let key = key.lowercased()
        entries.removeAll { $0.key == key }
    }

    // MARK: On the wire

    /// Headers the gRPC protocol owns: not metadata, never copied into it or from it.
    package static func isReserved(_ name: String) -> Bool {
        if name.hasPrefix(":") || name.hasPrefix("grpc-") { return true }
        switch name {
        case "content-type", "te", "content-length", "connection", "transfer-encoding", "keep-alive", "upgrade",
            "host":
            return true
        default:
            return false
        }
    }

    /// Bytes as a `-bin` header value: base64 without padding.
    package static func encodeBinary(_ bytes: [UInt8]) -> String {
        var encoded = ByteBuffer(capacity: (bytes.count + 2) / 3 * 4)
        bytes.withUnsafeBytes { Base64.encode($0, into: &encoded) }
        var text = encoded.readableBytesArray
        while text.last == UInt8(ascii: "=") { text.removeLast() }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of a `-bin` header value: comma-separated parts, each base64 padded or not;
    /// parts that are not base64 are left out.
    package static func decodeBinary(_ value: String) -> [[UInt8]] {
        value.split(separator: ",", omittingEmptySubsequences: false).compactMap { part in
            let text = part.trimmingSpaces
            return Array(text.utf8).withUnsafeBytes { Base64.decode($0) }?.readableBytesArray
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
