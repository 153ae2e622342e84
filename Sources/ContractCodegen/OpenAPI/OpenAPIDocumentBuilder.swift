internal import HTTPRouting
internal import ProtoRuntime

/// Builds the OpenAPI 3.1 document of one proto package from its route plans: `paths` with one
/// operation per binding, `tags` (one per service), and the `components/schemas` the operations
/// reach.
///
/// ```swift
/// var builder = OpenAPIDocumentBuilder(package: "user.v1", index: index)
/// for route in plans { builder.add(route) }
/// let text = builder.document().rendered()
/// ```
///
/// Choices, where OpenAPI and `google.api.http` leave room:
///
/// - `operationId` is `Service_Method` (the service's short name), and `Service_Method2`,
///   `Service_Method3` … for the rule's `additional_bindings` in order.
/// - Path and query parameter names are `.proto` field paths (`page.size`), which the gateway
///   reads as `google.api.http` specifies.
/// - A multi-segment variable (`{name=shelves/*/books/*}`) is spelled out in the path
///   (`/shelves/{name.shelves}/books/{name.books}`): OpenAPI path parameters cannot hold a `/`,
///   so the gateway's one variable becomes one parameter per `*`, named after the field and the
///   literal before it. A `**` stays one parameter whose value spans segments (documented).
/// - Operations with a method OpenAPI 3.1 has no field for (a `custom` kind such as `LIST`, or
///   `*`) are listed in the document's description instead.
/// - Who may call an operation is its `security` (see `OpenAPIDocumentBuilder+Security.swift`);
///   `components.securitySchemes.bearerAuth` is there when an operation needs a token.
///   Internal methods have no REST route, so no operation.
struct OpenAPIDocumentBuilder {
    /// The proto package: `user.v1`.
    let package: String
    var schemas: OpenAPISchemaBuilder
    /// Operations by OpenAPI path, then by lowercased method.
    private(set) var paths: [String: [String: JSONValue]] = [:]
    /// Service short names with their descriptions.
    private(set) var tags: [String: String] = [:]
    /// Bindings OpenAPI 3.1 cannot describe, for the document's description.
    private(set) var undescribed: [String] = []
    /// Paths by their shape (parameter names blanked), so equivalent paths share one spelling.
    var shapes: [String: String] = [:]
    /// The `.proto` files the routes come from.
    private(set) var files: Set<String> = []
    /// Whether an operation needs an access token (`bearerAuth`).
    private(set) var usesBearerAuth = false

    /// The HTTP methods an OpenAPI 3.1 path item has fields for.
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    init(package: String, index: OpenAPITypeIndex) {
        self.package = package
        self.schemas = OpenAPISchemaBuilder(index: index)
    }

    /// Adds the operation of one binding, callable by `access` (an internal method adds nothing).
    mutating func add(_ route: HTTPRoutePlan, access: MethodAccess = .signedIn) {
        guard access != .internal else { return }
        let service = String(route.serviceName.split(separator: ".").last ?? "")
        if let file = route.sourceLocation.split(separator: ":").first { files.insert(String(file)) }
        let method = route.httpMethod.lowercased()
        guard Self.methods.contains(method) else {
            undescribed.append("`\(route.displayName)` (\(service).\(route.methodName))")
            return
        }
        tags[service] = OpenAPITypeIndex.cleaned(route.serviceComment) ?? tags[service] ?? ""
        // The request message is documented even when only some of its fields travel (query,
        // path, one body field): every message a route reaches is in `components`.
        _ = schemas.reference("." + route.requestType)
        let rendered = renderPath(route)
        var responses = responses(route)
        var operation: [String: JSONValue] = [
            "operationId": .string(operationId(route, service: service)),
            "tags": [.string(service)],
        ]
        if secure(&operation, responses: &responses, access: access) { usesBearerAuth = true }
        operation["responses"] = .object(responses)
        if let comment = OpenAPITypeIndex.cleaned(route.comment) {
            operation["description"] = .string(comment)
            operation["summary"] = .string(String(comment.split(separator: "\n").first ?? ""))
        }
        let parameters = rendered.parameters + queryParameters(route) + headerParameters(route)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = requestBody(route) { operation["requestBody"] = body }
        paths[rendered.path, default: [:]][method] = .object(operation)
    }

    /// `Service_Method`, with the binding's number after the first.
    func operationId(_ route: HTTPRoutePlan, service: String) -> String {
        "\(service)_\(route.methodName)" + (route.isAdditionalBinding ? "\(route.bindingIndex + 1)" : "")
    }

    /// The document: `openapi: 3.1.0`, `info` (title: the package, version: its version
    /// segment), `tags`, `paths` and `components`.
    mutating func document() -> JSONValue {
        _ = schemas.reference(".google.rpc.Status")
        schemas.build()
        var description = "Generated by room619 from " + RuleSchemas.codeList(files.sorted()) + "."
        if !undescribed.isEmpty {
            description += "\n\nNot described (OpenAPI 3.1 has no field for their methods): "
            description += undescribed.sorted().joined(separator: ", ") + "."
        }
        var components: [String: JSONValue] = ["schemas": .object(schemas.schemas)]
        if usesBearerAuth { components["securitySchemes"] = [Self.bearerSchemeName: Self.bearerScheme] }
        let tagList = tags.keys.sorted().map { name -> JSONValue in
            let text = tags[name] ?? ""
            return text.isEmpty ? ["name": .string(name)] : ["name": .string(name), "description": .string(text)]
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": .string(package), "version": .string(Self.version(of: package)),
                "description": .string(description),
            ],
            "tags": .array(tagList),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object(components),
        ]
    }

    /// The package's last version segment (`v1`, `v2beta1`), or `0.0.0` for an unversioned package.
    static func version(of package: String) -> String {
        let version = package.split(separator: ".").last { segment in
            guard segment.first == "v", segment.count > 1 else { return false }
            return segment.dropFirst().first?.isNumber == true
        }
        return version.map { String($0) } ?? "0.0.0"
    }

    /// The comment on the leaf field of a reference.
    func comment(of reference: HTTPFieldReference) -> String? {
        guard let owner = schemas.index[reference.leafOwner], let message = owner.message,
            let position = message.field.firstIndex(where: { $0.name == reference.leaf.name })
        else { return nil }
        return schemas.index.comment(in: owner.file, at: owner.path + [2, Int32(position)])
    }
}
