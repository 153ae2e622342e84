internal import ProtoRuntime

/// Whether two messages hold the same values.
///
/// `==` is `false` for a NaN, even against itself, so equal hashes stand in for equality then
/// (hashing uses the bit pattern); a message that lost or changed a field hashes differently.
/// Callers that need more also compare deterministic binary encodings (`-0.0` is `== 0.0`).
func isSame<M: Message>(_ lhs: M, _ rhs: M) -> Bool {
    lhs == rhs || lhs.hashValue == rhs.hashValue
}

/// The binary encoding with sorted map keys (partial: JSON does not check proto2 `required`),
/// trapping if encoding fails.
func encodeDeterministically<M: Message>(_ message: M) -> [UInt8] {
    do {
        return try message.serializedBytes(options: BinaryEncodingOptions(deterministic: true), partial: true)
    } catch {
        failCheck(M.self, "a decoded message does not encode to binary: \(error)")
    }
}

/// Traps with `message` unless `condition` holds.
func require<M: Message>(_ condition: Bool, _ type: M.Type, _ message: @autoclosure () -> String) {
    if !condition { failCheck(type, message()) }
}

/// Traps, naming the message type: a fuzz harness reports a broken invariant by crashing.
func failCheck<M: Message>(_ type: M.Type, _ message: String) -> Never {
    fatalError("[\(M.protoMessageName)] \(message)")
}

/// Up to the first 256 bytes in hex, for trap messages.
func hex(_ bytes: [UInt8]) -> String {
    let digits = bytes.prefix(256).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }
    return digits.joined() + (bytes.count > 256 ? "… (\(bytes.count) bytes)" : "")
}

/// Up to the first 1024 bytes as text (invalid UTF-8 repaired), for trap messages.
func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.prefix(1024), as: UTF8.self) + (bytes.count > 1024 ? "… (\(bytes.count) bytes)" : "")
}
