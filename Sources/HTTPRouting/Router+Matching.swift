// Matching one request: split the path, try the verb reading and then the plain one, bind the
// variables of the route found, or work out 405 against 404.

extension Router {
    /// Matches a path without its query. Every failure is a value, so this runs inside
    /// `withUTF8`'s untyped closure.
    func match(method: String, path: UnsafeBufferPointer<UInt8>) -> Result<RouteMatch<Route>, RequestPathError> {
        let lexed: RequestPathLexer.Segments
        switch RequestPathLexer.split(path, configuration: configuration) {
        case .success(let segments): lexed = segments
        case .failure(let error): return .failure(error)
        }
        if lexed.hasSignificantTrailingSlash { return .success(.notFound) }
        var readings: [(segments: [Range<Int>], verb: String)] = []
        switch verbReading(of: lexed.ranges, in: path) {
        case .success(let reading?): readings.append(reading)
        case .success(nil): break
        case .failure(let error): return .failure(error)
        }
        readings.append((lexed.ranges, ""))
        for reading in readings {
            var search = RouteSearch(trie: trie, path: path, segments: reading.segments, verb: reading.verb)
            if let index = search.find(method: method) {
                return bind(routes[index], index: index, segments: reading.segments, in: path).map { .matched($0) }
            }
        }
        var methods: Set<String> = []
        for reading in readings {
            var search = RouteSearch(trie: trie, path: path, segments: reading.segments, verb: reading.verb)
            search.collectMethods(into: &methods)
        }
        return .success(methods.isEmpty ? .notFound : .methodNotAllowed(allowed: methods.sorted()))
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
        _ entry: Entry, index: Int, segments: [Range<Int>], in path: UnsafeBufferPointer<UInt8>
    ) -> Result<MatchedRoute<Route>, RequestPathError> {
        let template = entry.template
        var bindings: [VariableBinding] = []
        bindings.reserveCapacity(template.variables.count)
        for variable in template.variables {
            let takesRest = template.endsWithDoubleWildcard && variable.segments.upperBound == template.segments.count
            let spanned = variable.segments.lowerBound..<(takesRest ? segments.count : variable.segments.upperBound)
            let bytes =
                spanned.isEmpty
                ? 0..<0 : segments[spanned.lowerBound].lowerBound..<segments[spanned.upperBound - 1].upperBound
            let decoded = PercentEncoding.decoded(
                path, range: bytes, multiSegment: variable.isMultiSegment ? configuration.multiSegmentDecoding : nil)
            guard let value = String(validating: decoded, as: UTF8.self) else {
                return .failure(
                    RequestPathError(
                        code: .invalidUTF8, offset: bytes.lowerBound, fieldPath: variable.fieldPathString,
                        message: "the value of '\(variable.fieldPathString)' is not UTF-8 once percent-decoded"))
            }
            bindings.append(VariableBinding(fieldPath: variable.fieldPath, value: value))
        }
        return .success(
            MatchedRoute(route: entry.route, method: entry.method, template: template, index: index, bindings: bindings)
        )
    }
}
