internal import HTTPRouting
internal import ProtoRuntime

/// Reads the `google.api.http` rules and room619's HTTP options of a file's services, checks
/// every rule, and plans one ``HTTPRoutePlan`` per binding.
///
/// ```swift
/// let (routes, diagnostics) = HTTPRoutePlanner.plan(file: file, symbols: symbols)
/// for route in routes { print(route.displayName, route.queryFields.map(\.protoPath)) }
/// ```
///
/// A rule that cannot work is an error diagnostic naming the file and line, the service and
/// method, the binding and the reason, and has no plan. What is checked, and what was chosen
/// where `google/api/http.proto` leaves room:
///
/// - The pattern: one of `get`/`put`/`post`/`delete`/`patch`/`custom`; a `custom` kind is an
///   RFC 9110 token or `*` (any method, as `http.proto` allows). The template parses
///   (``PathTemplate``), and `additional_bindings` do not nest (`http.proto` forbids it).
/// - Path variables name a request field that is a scalar, an enum, or a well-known type with a
///   string form (Timestamp, Duration, FieldMask, the wrappers, as grpc-gateway converts them),
///   never repeated, a map or another message; fields before the leaf are singular messages. A
///   multi-segment variable (`{name=shelves/*}`, `{path=**}`) binds a `string` or `StringValue`.
/// - `body` is `*`, or names a top-level request field (repeated fields and maps are allowed:
///   `http.proto` maps a JSON array body to a repeated field) that no path variable binds
///   itself; a variable inside it (`{book.name}` with `body: "book"`, AIP-134's update) is
///   allowed, the path's value winning. GET (and a `custom` HEAD) takes no body, as grpc-gateway
///   refuses it; DELETE may have one, as grpc-gateway v2 allows.
/// - `response_body` names a top-level response field.
/// - Every binding of the file's services routes apart from every other one (a ``Router`` built
///   from them reports ``RouterError/Code/conflictingRoutes``), naming both methods.
/// - room619's options: see `HTTPRoutePlanner+Options.swift`.
///
/// Client- and bidirectional-streaming methods are planned like the others (the gateway reads
/// newline-delimited JSON bodies for them). Options of other generators (for example
/// grpc-gateway's `openapiv2_operation`) are not read and never refuse a contract. A request or
/// response type the generator does not know is left to the service renderer to report.
struct HTTPRoutePlanner {
    let file: FileProto
    let symbols: SymbolTable
    /// Errors found so far.
    var diagnostics: [Diagnostic] = []
    /// The header bindings of each request message planned so far (`nil` for one with errors).
    var headersByRequest: [String: [HTTPRoutePlan.HeaderBinding]?] = [:]
    private let comments: Comments
    private let lines: [[Int32]: Int]

    init(file: FileProto, symbols: SymbolTable) {
        self.file = file
        self.symbols = symbols
        self.comments = Comments(file)
        var lines: [[Int32]: Int] = [:]
        for location in file.sourceCodeInfo?.location ?? [] {
            if let line = location.span.first { lines[location.path] = Int(line) + 1 }
        }
        self.lines = lines
    }

    /// Plans every binding of every service in `file`, and checks that no two of them match the
    /// same requests.
    ///
    /// - Returns: The plans in contract order (services, then methods, then a method's rule
    ///   before its additional bindings), and the errors found.
    static func plan(file: FileProto, symbols: SymbolTable) -> (routes: [HTTPRoutePlan], diagnostics: [Diagnostic]) {
        var planner = HTTPRoutePlanner(file: file, symbols: symbols)
        var routes: [HTTPRoutePlan] = []
        for index in file.service.indices { routes += planner.planService(at: index) }
        planner.checkConflicts(routes)
        return (routes, planner.diagnostics)
    }

    /// Plans the bindings of one service of `file` (conflicts are checked within the service
    /// only; ``plan(file:symbols:)`` checks across the file's services).
    static func plan(
        service index: Int, file: FileProto, symbols: SymbolTable
    ) -> (routes: [HTTPRoutePlan], diagnostics: [Diagnostic]) {
        var planner = HTTPRoutePlanner(file: file, symbols: symbols)
        let routes = file.service.indices.contains(index) ? planner.planService(at: index) : []
        planner.checkConflicts(routes)
        return (routes, planner.diagnostics)
    }

    /// What the checks of one method know about it.
    struct MethodContext {
        var serviceName: String
        var serviceComment: String
        var method: Google_Protobuf_MethodDescriptorProto
        var methodIndex: Int
        var kind: ServiceRenderer.CallKind
        /// The request message's full name, with a leading dot.
        var request: String
        /// The response message's full name, with a leading dot.
        var response: String
        /// `library.proto:42: library.v1.Library.GetBook`.
        var location: String
        var sourceLocation: String
        var comment: String
        var name: String { method.name ?? "" }
    }

    mutating func planService(at index: Int) -> [HTTPRoutePlan] {
        let service = file.service[index]
        let package = file.package ?? ""
        let serviceName = (package.isEmpty ? "" : package + ".") + (service.name ?? "")
        let servicePath: [Int32] = [6, Int32(index)]
        var routes: [HTTPRoutePlan] = []
        for (methodIndex, method) in service.method.enumerated() {
            guard let rule = method.options?[extension: Google_Api_Annotations_Extensions.http] else { continue }
            let request = method.inputType ?? ""
            let response = method.outputType ?? ""
            guard symbols[request]?.message != nil, symbols[response]?.message != nil else { continue }
            let path = servicePath + [2, Int32(methodIndex)]
            let sourceLocation = (file.name ?? "") + (lines[path].map { ":\($0)" } ?? "")
            let context = MethodContext(
                serviceName: serviceName, serviceComment: comments.leading(servicePath), method: method,
                methodIndex: methodIndex,
                kind: ServiceRenderer.CallKind(
                    clientStreams: method.clientStreamingOrDefault, serverStreams: method.serverStreamingOrDefault),
                request: request, response: response,
                location: "\(sourceLocation): \(serviceName).\(method.name ?? "")", sourceLocation: sourceLocation,
                comment: comments.leading(path))
            routes += planMethod(context, rule: rule)
        }
        return routes
    }

    private mutating func planMethod(_ context: MethodContext, rule: Google_Api_HttpRule) -> [HTTPRoutePlan] {
        let options = planMethodOptions(context)
        let headers = planHeaders(context)
        var routes: [HTTPRoutePlan] = []
        for (index, binding) in ([rule] + rule.additionalBindings).enumerated() {
            if index > 0, !binding.additionalBindings.isEmpty {
                error(
                    context, binding: index, "additional_bindings inside an additional binding",
                    fix: "move them up to the rule's own additional_bindings: google.api.http allows one level")
            }
            guard var route = planBinding(binding, index: index, headers: headers ?? [], context) else { continue }
            guard let options, headers != nil, checkBinding(route, options: options, context) else { continue }
            route.successStatus = options.successStatus
            route.location = options.location
            route.locationFields = options.locationFields
            route.declaredErrors = options.declaredErrors
            routes.append(route)
        }
        return routes
    }

    /// Records an error about one binding (or, with `binding` nil, the method).
    mutating func error(_ context: MethodContext, binding: Int?, _ message: String, fix: String? = nil) {
        let prefix: String
        switch binding {
        case nil: prefix = ""
        case 0?: prefix = "google.api.http: "
        case let index?: prefix = "google.api.http additional_bindings[\(index - 1)]: "
        }
        diagnostics.append(Diagnostic(.error, prefix + message, at: context.location, fix: fix))
    }
}
