internal import HTTPRouting
internal import RPC

/// Everything the gateway needs about one route, worked out once at start-up from the
/// ``RPC/RPCHTTPRoute`` and the descriptors, so a request never looks a field up by the route's
/// own names: the request fields each path variable sets, where the body goes, the response
/// field sent as the body, the `Location` template, the PATCH mask field and header bindings.
/// A class: every request of the route shares it, so handing it around costs one reference count,
/// not a copy of each of its fields.
final class RoutePlan: Sendable {
    /// Where the request body goes.
    enum Body: Sendable, Hashable {
        /// No body: every field not in the path comes from the query.
        case none
        /// The body is the whole request message (`body: "*"`).
        case whole
        /// The body is one top-level field (`body: "book"`).
        case field(FieldSchema)
    }

    /// The route as the generator emitted it.
    let route: RPCHTTPRoute
    /// The call's `:path` (`/library.v1.Library/GetBook`).
    let methodPath: String
    /// The request message.
    let request: MessageSchema
    /// For each template variable, in template order, the `.proto` names of its field path.
    let pathKeys: [[String]]
    /// For each template variable, the field it sets.
    let pathFields: [FieldSchema]
    /// Where the body goes.
    let body: Body
    /// Whether the request message is `google.api.HttpBody` (the raw body and its content type fill it).
    let requestIsHTTPBody: Bool
    /// Whether the body field is a `google.api.HttpBody`.
    let bodyFieldIsHTTPBody: Bool
    /// Whether the response message is `google.api.HttpBody` (its data is the body).
    let responseIsHTTPBody: Bool
    /// The response field sent instead of the whole response, with its JSON key as encoded.
    let responseBody: FieldSchema?
    /// The `Location` header template, for 201 and 202.
    let location: LocationTemplate?
    /// The `update_mask` field to infer from the body's keys (PATCH with a body, mask not sent).
    let updateMask: FieldSchema?
    /// Request headers (lowercased) bound to top-level fields.
    let headerBindings: [(header: String, field: FieldSchema)]
    /// The dotted `.proto` paths the path and the body set; a query parameter may name none of
    /// them nor anything inside or above them.
    let boundPaths: [String]

    static let httpBodyType = "google.api.HttpBody"

    /// The plan for `route`, checked against `schemas`.
    /// - Throws: ``GatewayError`` (`invalidRoute`) naming the route and the field or type it lacks.
    init(route: RPCHTTPRoute, template: PathTemplate, schemas: SchemaIndex) throws(GatewayError) {
        let name = "\(route.httpMethod) \(route.path)"
        func fail(_ message: String) -> GatewayError { GatewayError(.invalidRoute, "\(name): \(message)") }
        guard let request = schemas.message(route.requestType) else {
            throw fail("the descriptors have no message \(route.requestType)")
        }
        guard let response = schemas.message(route.responseType) else {
            throw fail("the descriptors have no message \(route.responseType)")
        }
        self.route = route
        self.methodPath = route.method.path
        self.request = request
        var keys: [[String]] = []
        var fields: [FieldSchema] = []
        var bound: [String] = []
        for variable in template.variables {
            guard let chain = FieldPath.resolve(variable.fieldPath, in: request, schemas: schemas),
                let leaf = chain.last
            else { throw fail("\(route.requestType) has no field '\(variable.fieldPathString)'") }
            keys.append(chain.map(\.name))
            fields.append(leaf)
            bound.append(chain.map(\.name).joined(separator: "."))
        }
        pathKeys = keys
        pathFields = fields
        switch route.body {
        case nil: body = .none
        case "*"?: body = .whole
        case let field?:
            guard let schema = request.field(named: field) else {
                throw fail("\(route.requestType) has no field '\(field)'")
            }
            body = .field(schema)
            bound.append(schema.name)
        }
        boundPaths = bound
        requestIsHTTPBody = route.requestType == Self.httpBodyType
        if case .field(let field) = body, field.kind == .message(Self.httpBodyType) {
            bodyFieldIsHTTPBody = true
        } else {
            bodyFieldIsHTTPBody = false
        }
        responseIsHTTPBody = route.responseType == Self.httpBodyType
        if let field = route.responseBody {
            guard let schema = response.field(named: field) else {
                throw fail("\(route.responseType) has no field '\(field)' for response_body")
            }
            responseBody = schema
        } else {
            responseBody = nil
        }
        location = try route.location.map { (text) throws(GatewayError) in
            guard let template = LocationTemplate(text, response: response, schemas: schemas) else {
                throw fail("the Location template '\(text)' names a field \(route.responseType) does not have")
            }
            return template
        }
        let mask = request.field(named: "update_mask")
        if route.httpMethod == "PATCH", body != .none, let mask, !mask.isRepeated,
            mask.kind == .message("google.protobuf.FieldMask")
        {
            updateMask = mask
        } else {
            updateMask = nil
        }
        headerBindings = try route.headers.map { (binding) throws(GatewayError) in
            guard let field = request.field(named: binding.field) else {
                throw fail("\(route.requestType) has no field '\(binding.field)' for header \(binding.header)")
            }
            return (binding.header.lowercased(), field)
        }
    }
}

/// Field paths against schemas.
enum FieldPath {
    /// The fields along `path` from `message`, each but the last a singular message; `nil` when a
    /// name is not a field or a step is not a message.
    static func resolve(
        _ path: [String], in message: MessageSchema, schemas: SchemaIndex
    ) -> [FieldSchema]? {
        var current = message
        var chain: [FieldSchema] = []
        for (position, name) in path.enumerated() {
            guard let field = current.field(named: name) else { return nil }
            chain.append(field)
            if position < path.count - 1 {
                guard case .message(let type) = field.kind, !field.isRepeated, let next = schemas.message(type) else {
                    return nil
                }
                current = next
            }
        }
        return chain
    }
}
