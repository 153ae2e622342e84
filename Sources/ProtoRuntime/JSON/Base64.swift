/// Base64 for `bytes` in JSON: writes the standard alphabet with padding (RFC 4648 §4) and reads
/// both the standard and the URL-safe alphabet (§5), padded or not, as the proto3 JSON mapping asks.
public enum Base64 {
    @usableFromInline static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends the base64 text of `bytes` to `buffer`.
    @inlinable
    public static func encode(_ bytes: UnsafeRawBufferPointer, into buffer: inout ByteBuffer) {
        let count = bytes.count
        guard count > 0 else { return }
        let outputCount = (count + 2) / 3 * 4
        _ = alphabet.withUnsafeBufferPointer { table in
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: outputCount) { out in
                var input = 0
                var output = 0
                while input + 3 <= count {
                    let chunk = UInt32(bytes[input]) << 16 | UInt32(bytes[input + 1]) << 8 | UInt32(bytes[input + 2])
                    out[output] = table[Int(chunk >> 18 & 63)]
                    out[output + 1] = table[Int(chunk >> 12 & 63)]
                    out[output + 2] = table[Int(chunk >> 6 & 63)]
                    out[output + 3] = table[Int(chunk & 63)]
                    input += 3
                    output += 4
                }
                let rest = count - input
                if rest > 0 {
                    let b0 = UInt32(bytes[input])
                    let b1 = rest > 1 ? UInt32(bytes[input + 1]) : 0
                    let chunk = b0 << 16 | b1 << 8
                    out[output] = table[Int(chunk >> 18 & 63)]
                    out[output + 1] = table[Int(chunk >> 12 & 63)]
                    out[output + 2] = rest > 1 ? table[Int(chunk >> 6 & 63)] : UInt8(ascii: "=")
                    out[output + 3] = UInt8(ascii: "=")
                    output += 4
                }
                return output
            }
        }
    }

    /// The value of one base64 character in either alphabet, or `nil`.
    @inlinable
    static func value(of char: UInt8) -> UInt32? {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(char - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(char - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(char - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// Decodes base64 text (either alphabet, padding optional); `nil` if it is not base64.
    public static func decode(_ text: UnsafeRawBufferPointer) -> ByteBuffer? {
        var length = text.count
        // Up to two padding characters, only at the end.
        while length > 0 && text[length - 1] == UInt8(ascii: "=") && text.count - length < 2 { length -= 1 }
        guard length % 4 != 1 else { return nil }
        if length < text.count && text.count % 4 != 0 { return nil }  // padded text must be whole quads
        var output = ByteBuffer(capacity: length * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<length {
            guard let value = value(of: text[index]) else { return nil }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.writeInteger(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // Leftover bits of the last character are ignored, not required to be zero: protobuf's
        // own parsers accept `"-_"` as one byte, and so must we to read what they accept.
        return output
    }
}
