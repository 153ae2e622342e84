/// Reads a query string as `application/x-www-form-urlencoded` (WHATWG URL Standard §5.1) into
/// ordered, decoded `(key, value)` pairs, strictly: a malformed escape or invalid UTF-8 is an
/// error, not something to repair.
///
/// ```swift
/// let parameters = try QueryStringParser().parse("tag=a&tag=b&page.size=10&q=red+shoes%2B")
/// // [tag=a, tag=b, page.size=10, q=red shoes+]
/// ```
///
/// - `&` separates parameters; empty ones (`&&`, a leading or trailing `&`) are skipped. `;` is
///   an ordinary character, as in the WHATWG standard (Go's `net/url` refuses it).
/// - The first `=` separates key from value; `a` and `a=` give `("a", "")`, `=b` gives
///   `("", "b")`.
/// - `+` is a space and `%2B` a plus, in keys and values alike.
/// - Repeated keys stay, in order; dotted keys stay whole.
///
/// The limits are checked first, in one pass that only counts bytes and separators, so a query
/// of 10,000 parameters is refused before any of them is decoded.
public struct QueryStringParser: Sendable {
    /// The limits.
    public var configuration: QueryStringConfiguration

    /// A parser with these limits.
    public init(configuration: QueryStringConfiguration = .defaults) {
        self.configuration = configuration
    }

    /// Parses a query (the text after `?`, without it).
    ///
    /// - Throws: ``QueryStringError``.
    public func parse(_ query: Substring) throws(QueryStringError) -> [QueryParameter] {
        var query = query
        return try query.withUTF8 { parse($0) }.get()
    }

    /// Parses a query (the text after `?`, without it).
    ///
    /// - Throws: ``QueryStringError``.
    public func parse(_ query: String) throws(QueryStringError) -> [QueryParameter] {
        try parse(Substring(query))
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[QueryParameter], QueryStringError> {
        guard bytes.count <= configuration.maxBytes else {
            return .failure(
                QueryStringError(
                    code: .tooLong,
                    message: "the query is \(bytes.count) bytes long; the limit is \(configuration.maxBytes)"))
        }
        var count = 0
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "&") {
            if index > start { count += 1 }
            start = index + 1
        }
        guard count <= configuration.maxParameters else {
            return .failure(
                QueryStringError(
                    code: .tooManyParameters,
                    message: "the query has \(count) parameters; the limit is \(configuration.maxParameters)"))
        }
        var parameters: [QueryParameter] = []
        parameters.reserveCapacity(count)
        start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "&") {
            defer { start = index + 1 }
            guard index > start else { continue }
            let pair = start..<index
            let equals = pair.first { bytes[$0] == UInt8(ascii: "=") } ?? index
            let key = Self.decode(bytes, start..<equals)
            let value = Self.decode(bytes, min(equals + 1, index)..<index)
            switch (key, value) {
            case (.success(let key), .success(let value)): parameters.append(QueryParameter(key, value))
            case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
            }
        }
        return .success(parameters)
    }

    /// Decodes one key or value: `+` to a space, escapes to bytes, the result checked as UTF-8.
    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) -> Result<String, QueryStringError> {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard let decoded = PercentEncoding.escapedByte(in: bytes, at: index, end: range.upperBound) else {
                    return .failure(
                        QueryStringError(
                            code: .malformedPercentEncoding, offset: index,
                            message: "'%' must be followed by two hex digits"))
                }
                output.append(decoded)
                index += 3
            } else {
                output.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let string = String(validating: output, as: UTF8.self) else {
            return .failure(
                QueryStringError(
                    code: .invalidUTF8, offset: range.lowerBound, message: "a query parameter is not UTF-8 once decoded"
                ))
        }
        return .success(string)
    }
}
