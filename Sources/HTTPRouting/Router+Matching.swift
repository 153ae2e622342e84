// Matching one request: split the path, try the verb reading and then the plain one, bind the
// variables of the route found, or work out 405 against 404. None of it is generic.

/// The non-generic half of ``Router``: the trie, each route's template, and the configuration.
@usableFromInline
struct RouterCore: Sendable {
    /// What one match came to, by route index.
    @usableFromInline
    enum Outcome: Sendable {
        case matched(index: Int, bindings: [VariableBinding])
        case methodNotAllowed([String])
        case notFound
    }

    let trie: RouteTrie
    let configuration: RouterConfiguration
    let templates: [PathTemplate]

    /// Matches a request path; a `?` and what follows are ignored.
    @usableFromInline
    func match(method: String, path: Substring) -> Result<Outcome, RequestPathError> {
        var path = path
        return path.withUTF8 { bytes in
            let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
            return match(method: method, path: UnsafeBufferPointer(rebasing: bytes[..<end]))
        }
    }

    /// Matches a path without its query. Every failure is a value, so this runs inside
    /// `withUTF8`'s untyped closure.
    func match(method: String, path: UnsafeBufferPointer<UInt8>) -> Result<Outcome, RequestPathError> {
        let lexed: RequestPathLexer.Segments
        switch RequestPathLexer.split(path, configuration: configuration) {
        case .success(let segments): lexed = segments
        case .failure(let error): return .failure(error)
        }
        if lexed.hasSignificantTrailingSlash { return .success(.notFound) }
        let verbReading: (segments: [Range<Int>], verb: String)?
        switch self.verbReading(of: lexed.ranges, in: path) {
        case .success(let reading): verbReading = reading
        case .failure(let error): return .failure(error)
        }
        // The verb reading first, then the plain one (the usual case: no verb, one walk).
        if let verbReading {
            var search = RouteSearch(trie: trie, path: path, segments: verbReading.segments, verb: verbReading.verb)
            if let index = search.find(method: method) {
                return bind(index, segments: verbReading.segments, in: path)
            }
        }
        var search = RouteSearch(trie: trie, path: path, segments: lexed.ranges, verb: "")
        if let index = search.find(method: method) {
            return bind(index, segments: lexed.ranges, in: path)
        }
        var methods: Set<String> = []
        if let verbReading {
            var verbSearch = RouteSearch(
                trie: trie, path: path, segments: verbReading.segments, verb: verbReading.verb)
            verbSearch.collectMethods(into: &methods)
        }
        search.collectMethods(into: &methods)
        return .success(methods.isEmpty ? .notFound : .methodNotAllowed(methods.sorted()))
    }

    /// The segments and verb when the last segment ends in `:verb` for a verb some template has
    /// and something comes before the colon; `nil` otherwise.
    private func verbReading(
        of segments: [Range<Int>], in path: UnsafeBufferPointer<UInt8>
    ) -> Result<(segments: [Range<Int>], verb: String)?, RequestPathError> {
        guard !trie.verbs.isEmpty, let last = segments.last,
            let colon = last.reversed().first(where: { path[$0] == UInt8(ascii: ":") }),
            colon > last.lowerBound, colon + 1 < last.upperBound
        else { return .success(nil) }
        let verb = PercentEncoding.normalizedSegment(path, range: colon + 1..<last.upperBound)
        guard trie.verbs.contains(verb) else { return .success(nil) }
        let prefix = last.lowerBound..<colon
        if RequestPathLexer.isDotSegment(path, prefix) {
            return .failure(RequestPathLexer.dotSegmentError(at: prefix.lowerBound))
        }
        var split = segments
        split[split.count - 1] = prefix
        return .success((split, verb))
    }

    /// The match for route `index`, its variables captured from `segments` and decoded.
    private func bind(
        _ index: Int, segments: [Range<Int>], in path: UnsafeBufferPointer<UInt8>
    ) -> Result<Outcome, RequestPathError> {
        let template = templates[index]
        var bindings: [VariableBinding] = []
        bindings.reserveCapacity(template.variables.count)
        for variable in template.variables {
            let takesRest = template.endsWithDoubleWildcard && variable.segments.upperBound == template.segments.count
            let spanned = variable.segments.lowerBound..<(takesRest ? segments.count : variable.segments.upperBound)
            let bytes =
                spanned.isEmpty
                ? 0..<0 : segments[spanned.lowerBound].lowerBound..<segments[spanned.upperBound - 1].upperBound
            let raw = UnsafeBufferPointer(rebasing: path[bytes])
            // Without an escape the bytes are the value: one copy, straight into the string.
            let value =
                raw.contains(UInt8(ascii: "%"))
                ? String(
                    validating: PercentEncoding.decoded(
                        path, range: bytes,
                        multiSegment: variable.isMultiSegment ? configuration.multiSegmentDecoding : nil),
                    as: UTF8.self)
                : String(validating: raw, as: UTF8.self)
            guard let value else {
                return .failure(
                    RequestPathError(
                        code: .invalidUTF8, offset: bytes.lowerBound, fieldPath: variable.fieldPathString,
                        message: "the value of '\(variable.fieldPathString)' is not UTF-8 once percent-decoded"))
            }
            bindings.append(VariableBinding(fieldPath: variable.fieldPath, value: value))
        }
        return .success(.matched(index: index, bindings: bindings))
    }
}
