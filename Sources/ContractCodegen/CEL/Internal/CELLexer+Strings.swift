/// String and bytes literals: `"…"`, `'…'`, `"""…"""`, `'''…'''`, with the `r` (raw) and `b`
/// (bytes) prefixes. In a string, `\x`, octal and `\u` escapes name code points; in bytes, `\x` and
/// octal escapes name single bytes and `\u` the UTF-8 encoding of a code point.
extension CELLexer {
    mutating func quoted(prefix: (raw: Bool, bytes: Bool)) throws(CELCompileError) -> CELToken.Kind {
        let start = index
        guard let quote = peek() else { throw error("unterminated string", at: start) }
        let isTriple = peek(1) == quote && peek(2) == quote
        index += isTriple ? 3 : 1
        var output: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated string", at: start) }
            if c == quote && (!isTriple || (peek(1) == quote && peek(2) == quote)) {
                index += isTriple ? 3 : 1
                break
            }
            if !isTriple && (c == 0x0A || c == 0x0D) { throw error("newline in string", at: index) }
            if c == UInt8(ascii: "\\") && !prefix.raw {
                try escape(into: &output, isBytes: prefix.bytes)
            } else {
                output.append(c)
                index += 1
            }
        }
        return prefix.bytes ? .bytes(output) : .string(String(decoding: output, as: UTF8.self))
    }

    private mutating func escape(into output: inout [UInt8], isBytes: Bool) throws(CELCompileError) {
        let start = index
        index += 1
        guard let c = peek() else { throw error("unterminated escape", at: start) }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
            UInt8(ascii: "?"): 0x3F, UInt8(ascii: "\""): 0x22, UInt8(ascii: "'"): 0x27, UInt8(ascii: "`"): 0x60,
        ]
        if let byte = simple[c] {
            output.append(byte)
            return
        }
        var value: UInt32
        var isByteValue = isBytes
        switch c {
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            value = try hexDigits(2, start: start)
        case UInt8(ascii: "u"):
            value = try hexDigits(4, start: start)
            isByteValue = false
        case UInt8(ascii: "U"):
            value = try hexDigits(8, start: start)
            isByteValue = false
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            guard let d1 = peek(), let d2 = peek(1), (0x30...0x37).contains(d1), (0x30...0x37).contains(d2) else {
                throw error("invalid octal escape", at: start)
            }
            index += 2
            value = UInt32(c - 0x30) * 64 + UInt32(d1 - 0x30) * 8 + UInt32(d2 - 0x30)
        default:
            throw error("invalid escape sequence", at: start)
        }
        if isByteValue {
            output.append(UInt8(value))
            return
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid code point in escape", at: start) }
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func hexDigits(_ count: Int, start: Int) throws(CELCompileError) -> UInt32 {
        guard index + count <= source.count, source[index..<index + count].allSatisfy(isHexDigit),
            let value = UInt32(String(decoding: source[index..<index + count], as: UTF8.self), radix: 16)
        else { throw error("invalid hex escape", at: start) }
        index += count
        return value
    }
}
