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

    /// The value of each byte as a base64 character in either alphabet; 0xFF for other bytes.
    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Decodes base64 text (either alphabet, padding optional); `nil` if it is not base64.
    public static func decode(_ text: UnsafeRawBufferPointer) -> ByteBuffer? {
        var length = text.count
        // Up to two padding characters, only at the end.
        while length > 0 && text[length - 1] == UInt8(ascii: "=") && text.count - length < 2 { length -= 1 }
        guard length % 4 != 1 else { return nil }
        if length < text.count && text.count % 4 != 0 { return nil }  // padded text must be whole quads
        let outputCount = length / 4 * 3 + max(0, length % 4 - 1)
        var output = ByteBuffer(capacity: outputCount)
        guard outputCount > 0 else { return output }
        var invalid: UInt8 = 0
        _ = decodeTable.withUnsafeBufferPointer { table in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: outputCount) { out -> Int in
                var input = 0
                var written = 0
                while input + 4 <= length {
                    let a = table[Int(text[input])]
                    let b = table[Int(text[input + 1])]
                    let c = table[Int(text[input + 2])]
                    let d = table[Int(text[input + 3])]
                    invalid |= a | b | c | d
                    let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[written] = UInt8(truncatingIfNeeded: chunk >> 16)
                    out[written + 1] = UInt8(truncatingIfNeeded: chunk >> 8)
                    out[written + 2] = UInt8(truncatingIfNeeded: chunk)
                    input += 4
                    written += 3
                }
                // Leftover bits of the last character are ignored, not required to be zero:
                // protobuf's own parsers accept `"-_"` as one byte, and so must we.
                let rest = length - input
                if rest >= 2 {
                    let a = table[Int(text[input])]
                    let b = table[Int(text[input + 1])]
                    let c = rest == 3 ? table[Int(text[input + 2])] : 0
                    invalid |= a | b | c
                    let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                    out[written] = UInt8(truncatingIfNeeded: chunk >> 16)
                    written += 1
                    if rest == 3 {
                        out[written] = UInt8(truncatingIfNeeded: chunk >> 8)
                        written += 1
                    }
                }
                return written
            }
        }
        // Valid values are below 64; 0xFF marks a byte outside both alphabets.
        return invalid & 0xC0 == 0 ? output : nil
    }
}
