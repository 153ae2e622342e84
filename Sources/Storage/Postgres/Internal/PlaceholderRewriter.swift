/// Rewrites the portable `?` placeholders of a statement into PostgreSQL's `$1 … $n`.
///
/// A `?` is a placeholder only in plain SQL: not inside a string literal (`'…'`, with `''`
/// escapes; `E'…'` with backslash escapes too), a quoted identifier (`"…"`), a dollar-quoted
/// string (`$$…$$`, `$tag$…$tag$`), a line comment (`-- …`) or a block comment (`/* … */`, which
/// nest in PostgreSQL): the lexical rules of the PostgreSQL manual, §4.1. Statements written
/// with PostgreSQL's own `$n` pass through; mixing both styles is refused. (PostgreSQL's jsonb
/// operators `?`, `?|` and `?&` therefore cannot be written as operators: use `jsonb_exists`,
/// `jsonb_exists_any` and `jsonb_exists_all`.)
enum PlaceholderRewriter {
    /// The rewritten text and its number of parameters.
    struct Rewritten: Hashable {
        var text: String
        var parameterCount: Int
    }

    static func rewrite(_ sql: String) throws(StorageError) -> Rewritten {
        let input = Array(sql.utf8)
        var output: [UInt8] = []
        var copied = 0  // input[..<copied] is in output
        var questionMarks = 0
        var highestNumbered = 0
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "?"):
                questionMarks += 1
                output.append(contentsOf: input[copied..<index])
                output.append(contentsOf: "$\(questionMarks)".utf8)
                index += 1
                copied = index
            case UInt8(ascii: "'"):
                index = skipQuoted(
                    input, from: index, quote: byte, backslashEscapes: isEscapeStringPrefix(input, index))
            case UInt8(ascii: "\""):
                index = skipQuoted(input, from: index, quote: byte, backslashEscapes: false)
            case UInt8(ascii: "-") where byteAfter(input, index) == UInt8(ascii: "-"):
                while index < input.count && input[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where byteAfter(input, index) == UInt8(ascii: "*"):
                index = skipBlockComment(input, from: index)
            case UInt8(ascii: "$") where !isIdentifierByte(input, index - 1):
                if let (end, number) = numberedParameter(input, at: index) {
                    highestNumbered = max(highestNumbered, number)
                    index = end
                } else {
                    index = skipDollarQuoted(input, from: index)
                }
            default:
                index += 1
            }
        }
        guard questionMarks == 0 || highestNumbered == 0 else {
            throw StorageError(kind: .invalidStatement, message: "the statement mixes ? and $n placeholders", sql: sql)
        }
        guard questionMarks > 0 else { return Rewritten(text: sql, parameterCount: highestNumbered) }
        output.append(contentsOf: input[copied...])
        return Rewritten(text: String(decoding: output, as: UTF8.self), parameterCount: questionMarks)
    }

    private static func byteAfter(_ input: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < input.count ? input[index + 1] : nil
    }

    /// Whether the byte at `index` can be part of an identifier (so a `$` after it belongs to the
    /// identifier, and an `E` before a quote is not the escape-string prefix when it ends one).
    private static func isIdentifierByte(_ input: [UInt8], _ index: Int) -> Bool {
        guard index >= 0 && index < input.count else { return false }
        let byte = input[index]
        return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    /// Whether the quote at `index` opens an `E'…'` string (backslash escapes).
    private static func isEscapeStringPrefix(_ input: [UInt8], _ index: Int) -> Bool {
        index > 0 && (input[index - 1] | 0x20) == UInt8(ascii: "e") && !isIdentifierByte(input, index - 2)
    }

    /// The index after the literal or identifier that opens at `start`.
    private static func skipQuoted(_ input: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < input.count {
            let byte = input[index]
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                index += 2
            } else if byte == quote {
                // A doubled quote is an escaped quote; a single one ends the literal.
                guard byteAfter(input, index) == quote else { return index + 1 }
                index += 2
            } else {
                index += 1
            }
        }
        return input.count
    }

    /// The index after the (possibly nested) block comment that opens at `start`.
    private static func skipBlockComment(_ input: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < input.count {
            if input[index] == UInt8(ascii: "/") && byteAfter(input, index) == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if input[index] == UInt8(ascii: "*") && byteAfter(input, index) == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return input.count
    }

    /// `$n` at `index`: the index after it and `n`.
    private static func numberedParameter(_ input: [UInt8], at index: Int) -> (Int, Int)? {
        var end = index + 1
        var number = 0
        while end < input.count, input[end] >= UInt8(ascii: "0"), input[end] <= UInt8(ascii: "9"), number < 100_000 {
            number = number * 10 + Int(input[end] - UInt8(ascii: "0"))
            end += 1
        }
        return end > index + 1 ? (end, number) : nil
    }

    /// The index after the dollar-quoted string that opens at `start` (`$$` or `$tag$`), or just
    /// after the `$` when it opens none.
    private static func skipDollarQuoted(_ input: [UInt8], from start: Int) -> Int {
        var tagEnd = start + 1
        while tagEnd < input.count, input[tagEnd] != UInt8(ascii: "$") {
            // A tag is an identifier that does not start with a digit (a digit was a $n above).
            guard isIdentifierByte(input, tagEnd), input[tagEnd] != UInt8(ascii: "$") else { return start + 1 }
            tagEnd += 1
        }
        guard tagEnd < input.count else { return start + 1 }
        let delimiter = input[start...tagEnd]
        var index = tagEnd + 1
        while index + delimiter.count <= input.count {
            if input[index] == UInt8(ascii: "$") && input[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                return index + delimiter.count
            }
            index += 1
        }
        return input.count
    }
}
