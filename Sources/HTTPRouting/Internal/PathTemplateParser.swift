/// The recursive-descent parser behind ``PathTemplate/init(_:)``.
///
/// It works in two passes over the UTF-8 bytes: the first checks the braces (no nesting, none
/// unterminated) and finds the verb (the last `:` outside braces after the last top-level `/`);
/// the second reads the segments. Build-time code: clarity over speed.
struct PathTemplateParser {
    /// What a successful parse yields.
    struct Parsed {
        var segments: [PathTemplate.Segment]
        var verb: String?
        var variables: [PathTemplate.Variable]
    }

    private let text: String
    private let bytes: [UInt8]
    private var segments: [PathTemplate.Segment] = []
    private var segmentOffsets: [Int] = []
    private var variables: [PathTemplate.Variable] = []
    private var variableOffsets: [Int] = []

    private init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Parses `text`.
    static func parse(_ text: String) throws(PathTemplateError) -> Parsed {
        var parser = PathTemplateParser(text)
        return try parser.run()
    }

    private mutating func run() throws(PathTemplateError) -> Parsed {
        guard bytes.first == UInt8(ascii: "/") else {
            throw error(.missingLeadingSlash, at: 0, "a template starts with '/'")
        }
        let (bodyEnd, verb) = try splitVerb()
        guard bodyEnd > 1 else { throw error(.emptySegment, at: 1, "a template has at least one segment") }
        var start = 1
        while true {
            let end = topLevelSegmentEnd(from: start, limit: bodyEnd)
            try parseTopLevelSegment(start..<end)
            if end == bodyEnd { break }
            start = end + 1
        }
        try checkDoubleWildcards()
        try checkDuplicateVariables()
        return Parsed(segments: segments, verb: verb, variables: variables)
    }

    private func error(_ code: PathTemplateError.Code, at offset: Int, _ message: String) -> PathTemplateError {
        PathTemplateError(code: code, template: text, offset: offset, message: message)
    }

    /// Checks the braces and returns where the segments end and the verb, if any.
    private func splitVerb() throws(PathTemplateError) -> (bodyEnd: Int, verb: String?) {
        var openedAt: Int?
        var lastColon: Int?
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "{"):
                if openedAt != nil { throw error(.nestedVariable, at: index, "a variable cannot contain a variable") }
                openedAt = index
            case UInt8(ascii: "}"):
                if openedAt == nil { throw error(.invalidCharacter, at: index, "'}' without its '{'") }
                openedAt = nil
            case UInt8(ascii: "/") where openedAt == nil:
                lastColon = nil
            case UInt8(ascii: ":") where openedAt == nil:
                lastColon = index
            default:
                break
            }
        }
        if let openedAt { throw error(.unterminatedVariable, at: openedAt, "'{' without its '}'") }
        guard let colon = lastColon else { return (bytes.count, nil) }
        guard colon + 1 < bytes.count else { throw error(.emptyVerb, at: colon, "':' must be followed by a verb") }
        let verb = try literal(colon + 1..<bytes.count)
        return (colon, verb)
    }

    /// The end of the top-level segment starting at `start`: the next `/` outside braces.
    private func topLevelSegmentEnd(from start: Int, limit: Int) -> Int {
        var inVariable = false
        var index = start
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: "{"): inVariable = true
            case UInt8(ascii: "}"): inVariable = false
            case UInt8(ascii: "/") where !inVariable: return index
            default: break
            }
            index += 1
        }
        return limit
    }

    private mutating func parseTopLevelSegment(_ range: Range<Int>) throws(PathTemplateError) {
        guard !range.isEmpty else { throw error(.emptySegment, at: range.lowerBound, "empty segment") }
        guard bytes[range.lowerBound] == UInt8(ascii: "{") else {
            try parseSimpleSegment(range)
            return
        }
        guard let close = range.first(where: { bytes[$0] == UInt8(ascii: "}") }) else {
            throw error(.unterminatedVariable, at: range.lowerBound, "'{' without its '}'")
        }
        guard close == range.upperBound - 1 else {
            throw error(.invalidCharacter, at: close + 1, "a variable must be a whole segment")
        }
        let inner = range.lowerBound + 1..<close
        let equals = inner.first(where: { bytes[$0] == UInt8(ascii: "=") }) ?? close
        let fieldPath = try parseFieldPath(inner.lowerBound..<equals)
        let first = segments.count
        if equals == close {
            segments.append(.wildcard)
            segmentOffsets.append(range.lowerBound)
        } else {
            var start = equals + 1
            while true {
                let end = (start..<close).first(where: { bytes[$0] == UInt8(ascii: "/") }) ?? close
                guard start < end else { throw error(.emptySegment, at: start, "empty segment in a variable") }
                try parseSimpleSegment(start..<end)
                if end == close { break }
                start = end + 1
            }
        }
        let spanned = segments[first...]
        let isMulti = spanned.count > 1 || spanned.contains(.doubleWildcard)
        variables.append(.init(fieldPath: fieldPath, segments: first..<segments.count, isMultiSegment: isMulti))
        variableOffsets.append(range.lowerBound)
    }

    private func parseFieldPath(_ range: Range<Int>) throws(PathTemplateError) -> [String] {
        var components: [String] = []
        var start = range.lowerBound
        while true {
            let end = (start..<range.upperBound).first(where: { bytes[$0] == UInt8(ascii: ".") }) ?? range.upperBound
            guard start < end else {
                throw error(.invalidFieldPath, at: start, "a field path is identifiers joined by '.'")
            }
            for index in start..<end {
                let byte = bytes[index]
                let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                guard isLetter || byte == UInt8(ascii: "_") || (isDigit && index > start) else {
                    throw error(.invalidFieldPath, at: index, "a field name is [A-Za-z_][A-Za-z0-9_]*")
                }
            }
            components.append(String(decoding: bytes[start..<end], as: UTF8.self))
            if end == range.upperBound { return components }
            start = end + 1
        }
    }

    private mutating func parseSimpleSegment(_ range: Range<Int>) throws(PathTemplateError) {
        let text = bytes[range]
        if text.elementsEqual("*".utf8) {
            segments.append(.wildcard)
        } else if text.elementsEqual("**".utf8) {
            segments.append(.doubleWildcard)
        } else {
            let literal = try literal(range)
            guard literal != "." && literal != ".." else {
                throw error(.dotSegment, at: range.lowerBound, "'.' and '..' cannot be literal segments")
            }
            segments.append(.literal(literal))
        }
        segmentOffsets.append(range.lowerBound)
    }

    /// Checks that `range` is RFC 3986 `pchar`s and escapes, and returns its normal form.
    private func literal(_ range: Range<Int>) throws(PathTemplateError) -> String {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < range.upperBound, PercentEncoding.hexValue(bytes[index + 1]) != nil,
                    PercentEncoding.hexValue(bytes[index + 2]) != nil
                else { throw error(.malformedPercentEncoding, at: index, "'%' must be followed by two hex digits") }
                index += 3
                continue
            }
            guard PercentEncoding.isPathCharacter(byte) else {
                let message =
                    byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
                    ? "a variable must be a whole segment"
                    : "only RFC 3986 path characters and %-escapes may appear in a literal"
                throw error(.invalidCharacter, at: index, message)
            }
            index += 1
        }
        return bytes.withUnsafeBufferPointer { PercentEncoding.normalizedSegment($0, range: range) }
    }

    private func checkDoubleWildcards() throws(PathTemplateError) {
        for (index, segment) in segments.enumerated() where segment == .doubleWildcard && index != segments.count - 1 {
            throw error(.misplacedDoubleWildcard, at: segmentOffsets[index], "'**' must be the last segment")
        }
    }

    private func checkDuplicateVariables() throws(PathTemplateError) {
        for later in variables.indices {
            for earlier in 0..<later {
                let (a, b) = (variables[earlier].fieldPath, variables[later].fieldPath)
                guard a.starts(with: b) || b.starts(with: a) else { continue }
                let message =
                    a == b
                    ? "the field '\(b.joined(separator: "."))' is bound twice"
                    : "'\(a.joined(separator: "."))' and '\(b.joined(separator: "."))' overlap"
                throw error(.duplicateVariable, at: variableOffsets[later], message)
            }
        }
    }
}
