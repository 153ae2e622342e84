internal import Bytes
internal import HTTPRouting
internal import ProtoRuntime
internal import RPC
internal import RPCHTTP2
internal import Transport

/// What every request of a ``GatewayHandler`` shares, built once: the router over every route,
/// each route's plan, the schemas, and the JSON options.
final class GatewayContext: Sendable {
    let server: RPCServer
    let configuration: GatewayConfiguration
    let schemas: SchemaIndex
    let router: Router<Int>
    let plans: [RoutePlan]
    let decodingOptions: JSONDecodingOptions
    let encodingOptions: JSONEncodingOptions
    let queryParser: QueryStringParser

    init(server: RPCServer, services: [RPCServiceDescriptor], configuration: GatewayConfiguration) throws(GatewayError)
    {
        self.server = server
        self.configuration = configuration
        var schemas = SchemaIndex()
        var seen: Set<String> = []
        for service in services {
            let files = service.fileDescriptors.filter { seen.insert($0).inserted }
            try schemas.add(base64Files: files)
        }
        self.schemas = schemas
        var plans: [RoutePlan] = []
        var entries: [(method: String, template: PathTemplate, route: Int)] = []
        for service in services {
            for route in service.httpRoutes {
                // The generator refuses such a rule; a hand-built route table is checked here.
                let access = service.methods.first { $0.path == route.method.path }?.access ?? route.method.access
                guard access != .internal else {
                    throw GatewayError(
                        .invalidRoute,
                        "\(route.httpMethod) \(route.path): \(route.method) is internal, and internal methods are "
                            + "not routed from the REST edge")
                }
            }
        }
        for route in services.flatMap(\.httpRoutes) {
            let template: PathTemplate
            do {
                template = try PathTemplate(route.path)
            } catch {
                throw GatewayError(.invalidRoute, "\(route.httpMethod) \(route.path): \(error)", cause: error)
            }
            plans.append(try RoutePlan(route: route, template: template, schemas: schemas))
            entries.append((route.httpMethod, template, plans.count - 1))
        }
        do {
            router = try Router(routes: entries, configuration: configuration.router)
        } catch {
            throw GatewayError(.conflictingRoutes, error.message, cause: error)
        }
        self.plans = plans
        var decoding = JSONDecodingOptions()
        decoding.ignoreUnknownFields = configuration.json.ignoresUnknownFields
        decoding.maxDepth = configuration.json.maxDepth
        decoding.maxMessageSize = max(configuration.maxBodyBytes * 2, 1 << 16)
        decodingOptions = decoding
        var encoding = JSONEncodingOptions()
        encoding.preserveProtoFieldNames = configuration.json.usesProtoNames
        encoding.emitDefaultValues = configuration.json.emitsUnpopulatedFields
        encodingOptions = encoding
        queryParser = QueryStringParser(configuration: configuration.query.limits)
    }

    /// The error body for `failure`, with the configured JSON switches.
    func errorBody(_ failure: HTTPFailure) -> ByteBuffer {
        failure.jsonBody(
            usesProtoNames: configuration.json.usesProtoNames,
            emitsUnpopulatedFields: configuration.json.emitsUnpopulatedFields)
    }

    /// Answers with `failure`: its HTTP status, `Allow` for 405, and the `google.rpc.Status` body.
    nonisolated(nonsending) func respond(
        with failure: HTTPFailure, extraHeaders: HTTPHeaders = HTTPHeaders(), writer: HTTPResponseWriter
    ) async throws {
        var headers: HTTPHeaders = ["content-type": "application/json"]
        if let allow = failure.allowHeader { headers.add(name: "allow", value: allow) }
        for field in extraHeaders { headers.add(name: field.name, value: field.value) }
        try await writer.respond(status: failure.httpStatus, headers: headers, body: errorBody(failure))
    }
}
