internal import HTTPRouting
internal import ProtoRuntime

extension HTTPRoutePlanner {
    /// The request fields a client may set through the query string of a binding.
    ///
    /// With `body: "*"` there are none: every field the path does not bind comes from the body.
    /// Otherwise every field of the request is walked in declaration order, depth first, leaving
    /// out the fields the path binds, the body field (and everything in it) and the fields bound
    /// to headers. A field is a query field when it is
    ///
    /// - a scalar or an enum, singular or repeated (`tag=a&tag=b`);
    /// - a singular Timestamp, Duration, FieldMask or wrapper (their JSON forms are strings or
    ///   scalars).
    ///
    /// A singular message field of any other type is walked into, its leaves named with dots
    /// (`page.size`), unless its type is already being walked (a recursive message stops
    /// there). Maps, repeated messages (`http.proto`: "repeated message fields must not be
    /// mapped to URL query parameters") and the other well-known types (Struct, Value,
    /// ListValue, Any, Empty) are not query-settable.
    func queryFields(
        _ request: String, body: HTTPRoutePlan.BodyMapping, variables: [HTTPRoutePlan.PathVariable],
        headers: [HTTPRoutePlan.HeaderBinding]
    ) -> [HTTPFieldReference] {
        if body == .whole { return [] }
        var walk = QueryWalk(symbols: symbols)
        walk.excluded = Set(variables.map(\.variable.fieldPath))
        if case .field(let field) = body { walk.excluded.insert(field.path) }
        for header in headers { walk.excluded.insert(header.field.path) }
        walk.collect(request, path: [], fields: [], visiting: [request])
        return walk.result
    }
}

/// One depth-first walk of a request message for ``HTTPRoutePlanner/queryFields(_:body:variables:headers:)``.
private struct QueryWalk {
    let symbols: SymbolTable
    /// Paths left out, with everything under them.
    var excluded: Set<[String]> = []
    var result: [HTTPFieldReference] = []

    init(symbols: SymbolTable) { self.symbols = symbols }

    mutating func collect(_ owner: String, path: [String], fields: [FieldProto], visiting: Set<String>) {
        guard let message = symbols[owner]?.message else { return }
        for field in message.field {
            let fieldPath = path + [field.name ?? ""]
            guard !excluded.contains(fieldPath) else { continue }
            let kind = symbols.httpKind(of: field)
            let isRepeated = field.label == .repeated
            let chain = fields + [field]
            let reference = HTTPFieldReference(
                path: fieldPath, fields: chain, leaf: field, leafOwner: owner, kind: kind,
                isRepeated: isRepeated && kind != .map)
            switch kind {
            case .map:
                continue
            case .scalar, .enumeration:
                result.append(reference)
            case .scalarWellKnownType:
                if !isRepeated { result.append(reference) }
            case .message:
                let typeName = field.typeName ?? ""
                guard !isRepeated, !HTTPFieldReference.isWellKnownType(typeName), !visiting.contains(typeName) else {
                    continue
                }
                collect(typeName, path: fieldPath, fields: chain, visiting: visiting.union([typeName]))
            }
        }
    }
}
