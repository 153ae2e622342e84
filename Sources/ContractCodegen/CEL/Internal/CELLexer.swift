/// Splits a CEL expression into tokens (cel-spec `langdef.md`, "Lexical structure"): decimal
/// and hex integers, `u`-suffixed uints, doubles, quoted strings and bytes in all their forms
/// (single, double or triple quotes; `r` raw and `b` bytes prefixes; the full escape set),
/// identifiers, operators, and `//` comments.
struct CELLexer {
    let source: [UInt8]
    let expression: String
    var index = 0

    init(_ expression: String) {
        self.expression = expression
        self.source = Array(expression.utf8)
    }

    /// Every token, ending with `.end`.
    mutating func tokens() throws(CELCompileError) -> [CELToken] {
        var result: [CELToken] = []
        while true {
            let token = try next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    func error(_ message: String, at offset: Int) -> CELCompileError {
        CELCompileError(code: .syntax, message: message, expression: expression, offset: offset)
    }

    func peek(_ ahead: Int = 0) -> UInt8? { index + ahead < source.count ? source[index + ahead] : nil }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                index += 1
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while let d = peek(), d != 0x0A { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(CELCompileError) -> CELToken {
        skipSpaceAndComments()
        let start = index
        guard let c = peek() else { return CELToken(kind: .end, offset: start) }
        if isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return CELToken(kind: try number(), offset: start)
        }
        if isIdentifierStart(c) {
            if let prefix = stringPrefix() { return CELToken(kind: try quoted(prefix: prefix), offset: start) }
            while let d = peek(), isIdentifierStart(d) || isDigit(d) { index += 1 }
            let name = String(decoding: source[start..<index], as: UTF8.self)
            return CELToken(kind: .identifier(name), offset: start)
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            return CELToken(kind: try quoted(prefix: (raw: false, bytes: false)), offset: start)
        }
        for symbol in ["<=", ">=", "==", "!=", "&&", "||"] where source[index...].starts(with: symbol.utf8) {
            index += 2
            return CELToken(kind: .symbol(symbol), offset: start)
        }
        if "()[]{}.,:?!+-*/%<>".utf8.contains(c) {
            index += 1
            return CELToken(kind: .symbol(String(UnicodeScalar(c))), offset: start)
        }
        throw error("unexpected character", at: start)
    }

    /// Consumes an `r`, `b`, `rb` or `br` prefix directly followed by a quote.
    private mutating func stringPrefix() -> (raw: Bool, bytes: Bool)? {
        var raw = false
        var bytes = false
        var length = 0
        while length < 2, let c = peek(length) {
            if (c == UInt8(ascii: "r") || c == UInt8(ascii: "R")) && !raw {
                raw = true
            } else if (c == UInt8(ascii: "b") || c == UInt8(ascii: "B")) && !bytes {
                bytes = true
            } else {
                break
            }
            length += 1
        }
        guard length > 0, let quote = peek(length), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            return nil
        }
        index += length
        return (raw, bytes)
    }

    private mutating func number() throws(CELCompileError) -> CELToken.Kind {
        let start = index
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            index += 2
            let digitsStart = index
            while let d = peek(), isHexDigit(d) { index += 1 }
            let digits = String(decoding: source[digitsStart..<index], as: UTF8.self)
            guard let value = UInt64(digits, radix: 16) else { throw error("invalid hex literal", at: start) }
            return try integerSuffix(value, start: start)
        }
        while let d = peek(), isDigit(d) { index += 1 }
        var isDouble = false
        if peek() == UInt8(ascii: "."), let d = peek(1), isDigit(d) {
            isDouble = true
            index += 1
            while let d = peek(), isDigit(d) { index += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
            if let d = peek(ahead), isDigit(d) {
                isDouble = true
                index += ahead
                while let d = peek(), isDigit(d) { index += 1 }
            }
        }
        let text = String(decoding: source[start..<index], as: UTF8.self)
        if isDouble {
            guard let value = Double(text) else { throw error("invalid double literal", at: start) }
            return .double(value)
        }
        guard let value = UInt64(text, radix: 10) else { throw error("integer literal out of range", at: start) }
        return try integerSuffix(value, start: start)
    }

    private mutating func integerSuffix(_ value: UInt64, start: Int) throws(CELCompileError) -> CELToken.Kind {
        if let u = peek(), u == UInt8(ascii: "u") || u == UInt8(ascii: "U") {
            index += 1
            return .uint(value)
        }
        guard value <= UInt64(Int64.max) + 1 else { throw error("integer literal out of range", at: start) }
        return .int(value)
    }
}

func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }
func isIdentifierStart(_ c: UInt8) -> Bool { c == 0x5F || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
