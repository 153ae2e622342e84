internal import HTTPRouting

/// One REST binding of one RPC, resolved against the request and response messages and checked:
/// what the services file emits as an `RPC.RPCHTTPRoute` and what an OpenAPI document describes.
///
/// A method's `google.api.http` rule gives one plan, and each of its `additional_bindings` one
/// more, in that order. ``HTTPRoutePlanner`` makes them; a plan exists only for a binding that
/// passed every check, so its fields and templates can be trusted.
///
/// ```swift
/// // rpc GetBook(GetBookRequest) returns (Book) {
/// //   option (google.api.http) = {get: "/v1/{name=shelves/*/books/*}"};
/// // }
/// plan.httpMethod                           // "GET"
/// plan.pathVariables[0].field.protoPath     // "name"
/// plan.queryFields.map(\.protoPath)         // ["view", "page.size", "tags"]
/// ```
struct HTTPRoutePlan: Hashable {
    /// Where the HTTP request body goes (`HttpRule.body`).
    enum BodyMapping: Hashable {
        /// No body: every field not bound by the path comes from the query string.
        case none
        /// `body: "*"`: the body is the request message, less the fields the path binds.
        case whole
        /// `body: "field"`: the body is this top-level request field (a JSON array for a
        /// repeated field, an object for a map or a message).
        case field(HTTPFieldReference)
    }

    /// A path variable and the request field it sets.
    struct PathVariable: Hashable {
        /// The variable as the template parsed it (field path, segments it spans, whether it is a
        /// multi-segment expansion).
        var variable: PathTemplate.Variable
        /// The request field it names: a scalar, an enum, or a well-known type with a string
        /// form (``HTTPFieldReference/Kind/scalarWellKnownType``).
        var field: HTTPFieldReference
    }

    /// A request header bound to a top-level string field (`(room619.api.v1.header)`).
    struct HeaderBinding: Hashable {
        /// The header as written in the option: `Idempotency-Key`.
        var name: String
        /// The header lowercased, as HTTP/2 and the route table carry it: `idempotency-key`.
        var lowercasedName: String { name.lowercased() }
        /// The field it sets.
        var field: HTTPFieldReference
    }

    /// An error the method declares (`(room619.api.v1.method).errors`).
    struct DeclaredError: Hashable {
        /// The status code; never `OK`.
        var code: Google_Rpc_Code
        /// When and why, for people.
        var description: String
    }

    /// The service's full name: `library.v1.LibraryService`.
    var serviceName: String
    /// The method's name in the `.proto` file: `GetBook`.
    var methodName: String
    /// The method's index in its service, in contract order.
    var methodIndex: Int
    /// Which of the method's bindings this is: 0 for the rule itself, 1… for its
    /// `additional_bindings` in order.
    var bindingIndex: Int
    /// Whether this is one of the rule's `additional_bindings`.
    var isAdditionalBinding: Bool { bindingIndex > 0 }
    /// The call shape: unary, client, server or bidirectional streaming.
    var streaming: ServiceRenderer.CallKind
    /// `GET`, `PUT`, `POST`, `DELETE`, `PATCH`, a `custom` kind as written, or `*` (any method,
    /// which `http.proto` allows for `custom`).
    var httpMethod: String
    /// The path template as written in the rule.
    var pathText: String
    /// The parsed path template.
    var template: PathTemplate
    /// Where the body goes.
    var body: BodyMapping
    /// The top-level response field sent as the body instead of the whole response, or `nil`.
    var responseBody: HTTPFieldReference?
    /// The path variables, in template order, with the fields they set.
    var pathVariables: [PathVariable]
    /// The request fields a client may set as query parameters: every leaf not bound by the
    /// path, the body or a header, walking into singular message fields (dotted names); see
    /// ``HTTPRoutePlanner`` for what is a leaf. Empty when the body is the whole request.
    var queryFields: [HTTPFieldReference]
    /// The HTTP status of a successful call: 200, 201, 202 or 204.
    var successStatus: Int
    /// With 201 or 202, the `Location` header's template over response fields, as written.
    var location: String?
    /// The response fields the ``location`` template reads, in template order.
    var locationFields: [HTTPFieldReference]
    /// The errors the method declares, in the order declared.
    var declaredErrors: [DeclaredError]
    /// Request headers bound to request fields, in field order.
    var headers: [HeaderBinding]
    /// The request message's full name, without a leading dot: `library.v1.GetBookRequest`.
    var requestType: String
    /// The response message's full name, without a leading dot.
    var responseType: String
    /// The method's leading comment in the `.proto` file (empty when it has none).
    var comment: String
    /// The service's leading comment.
    var serviceComment: String
    /// Where the method is: `library.proto:42` (file and 1-based line when protoc sent source
    /// info), for diagnostics that come after planning.
    var sourceLocation: String

    /// `GET /v1/{name=shelves/*/books/*}`.
    var displayName: String { "\(httpMethod) \(pathText)" }
}
