/// HPACK's Huffman code (RFC 7541 Appendix B). The code is canonical — codes of one length are
/// consecutive in symbol order, lengths ascending — so the table is its 257 code lengths (the
/// RFC's "len" column; symbol 256 is EOS) and the codes are derived from them.
enum Huffman {
    static let codeLengths: [UInt8] = [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    ]

    /// `(code, length)` per symbol, codes right-aligned.
    static let codes: [(code: UInt32, length: UInt8)] = {
        let order = (0..<257).sorted { (codeLengths[$0], $0) < (codeLengths[$1], $1) }
        var result = [(code: UInt32, length: UInt8)](repeating: (0, 0), count: 257)
        var code: UInt32 = 0
        var previousLength = codeLengths[order[0]]
        for (position, symbol) in order.enumerated() {
            let length = codeLengths[symbol]
            if position > 0 { code = (code + 1) << UInt32(length - previousLength) }
            previousLength = length
            result[symbol] = (code, length)
        }
        return result
    }()

    /// Per code length: the first code, and where its symbols start in `symbolsByCode`.
    private static let decoding: (firstCode: [UInt32], firstIndex: [Int], count: [Int], symbols: [UInt16]) = {
        let order = (0..<257).sorted { (codeLengths[$0], $0) < (codeLengths[$1], $1) }
        var firstCode = [UInt32](repeating: 0, count: 31)
        var firstIndex = [Int](repeating: 0, count: 31)
        var count = [Int](repeating: 0, count: 31)
        for (position, symbol) in order.enumerated() {
            let length = Int(codeLengths[symbol])
            if count[length] == 0 {
                firstCode[length] = codes[symbol].code
                firstIndex[length] = position
            }
            count[length] += 1
        }
        return (firstCode, firstIndex, count, order.map { UInt16($0) })
    }()

    /// The encoded length of `bytes`, in bytes.
    static func encodedLength(_ bytes: some Sequence<UInt8>) -> Int {
        var bits = 0
        for byte in bytes { bits += Int(codeLengths[Int(byte)]) }
        return (bits + 7) / 8
    }

    /// Appends the Huffman encoding of `bytes`, padded with the EOS prefix (ones).
    static func encode(_ bytes: some Sequence<UInt8>, into output: inout [UInt8]) {
        var accumulator: UInt64 = 0
        var bits = 0
        for byte in bytes {
            let (code, length) = codes[Int(byte)]
            accumulator = accumulator << UInt64(length) | UInt64(code)
            bits += Int(length)
            while bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bits)))
            }
        }
        if bits > 0 {
            output.append(UInt8(truncatingIfNeeded: accumulator << UInt64(8 - bits) | (0xFF >> UInt64(bits))))
        }
    }

    /// Decodes Huffman-encoded bytes; `nil` for invalid input (an EOS symbol, padding longer
    /// than 7 bits or not all ones), as RFC 7541 §5.2 requires.
    static func decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        let table = decoding
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 8 / 5 + 1)
        var code: UInt32 = 0
        var length = 0
        for byte in input {
            for shift in stride(from: 7, through: 0, by: -1) {
                code = code << 1 | UInt32((byte >> UInt8(shift)) & 1)
                length += 1
                guard length <= 30 else { return nil }
                let count = table.count[length]
                if count > 0 && code >= table.firstCode[length] && code - table.firstCode[length] < UInt32(count) {
                    let symbol = table.symbols[table.firstIndex[length] + Int(code - table.firstCode[length])]
                    guard symbol < 256 else { return nil }  // EOS inside a string
                    output.append(UInt8(symbol))
                    code = 0
                    length = 0
                }
            }
        }
        // Leftover bits must be a prefix of EOS (all ones) and shorter than a byte.
        guard length < 8, code == (1 << UInt32(length)) - 1 else { return nil }
        return output
    }
}
