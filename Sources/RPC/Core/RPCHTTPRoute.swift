/// One REST binding of an RPC, from its `google.api.http` rule (or one of the rule's
/// `additional_bindings`) and room619's `(room619.api.v1.method)` option. The generator emits
/// them into ``RPCServiceDescriptor/httpRoutes``, checked at build time; the gateway (target
/// `Gateway`) routes requests with them and transcodes each into a call of ``method``.
///
/// ```swift
/// // rpc GetBook(GetBookRequest) returns (Book) { option (google.api.http) = {get: "/v1/{name=shelves/*/books/*}"}; }
/// RPCHTTPRoute(
///     method: Library_V1_LibraryService.Method.getBook, httpMethod: "GET",
///     path: "/v1/{name=shelves/*/books/*}", requestType: "library.v1.GetBookRequest",
///     responseType: "library.v1.Book")
/// ```
///
/// Field paths (``body``, ``responseBody``, the variables of ``path`` and ``location``, the
/// fields of ``headers``) use the `.proto` field names, dot-separated, as `google.api.http` does.
public struct RPCHTTPRoute: Sendable, Hashable {
    /// A request header bound to a top-level request field (`(room619.api.v1.header)`).
    public struct HeaderBinding: Sendable, Hashable {
        /// The header, lowercased: `idempotency-key`.
        public var header: String
        /// The request field it sets: `idempotency_key`.
        public var field: String

        public init(header: String, field: String) {
            self.header = header
            self.field = field
        }
    }

    /// The RPC the route calls.
    public var method: RPCMethodDescriptor
    /// `GET`, `PUT`, `POST`, `DELETE`, `PATCH`, or a `custom` rule's method.
    public var httpMethod: String
    /// The path template (`/v1/{name=shelves/*}/books:search`), as written in the rule.
    public var path: String
    /// Where the request body goes: `nil` for no body, `"*"` for the whole request message, or
    /// a top-level request field.
    public var body: String?
    /// The response field sent as the body instead of the whole response, or `nil`.
    public var responseBody: String?
    /// The fully qualified request message type (`library.v1.GetBookRequest`).
    public var requestType: String
    /// The fully qualified response message type.
    public var responseType: String
    /// The HTTP status of a successful call: 200, 201, 202 or 204 (no body).
    public var successStatus: Int
    /// With 201 or 202, the `Location` header as a template over response fields
    /// (`/v1/orders/{id}`), or `nil`.
    public var location: String?
    /// Request headers bound to request fields.
    public var headers: [HeaderBinding]

    public init(
        method: RPCMethodDescriptor, httpMethod: String, path: String, body: String? = nil,
        responseBody: String? = nil, requestType: String, responseType: String, successStatus: Int = 200,
        location: String? = nil, headers: [HeaderBinding] = []
    ) {
        self.method = method
        self.httpMethod = httpMethod
        self.path = path
        self.body = body
        self.responseBody = responseBody
        self.requestType = requestType
        self.responseType = responseType
        self.successStatus = successStatus
        self.location = location
        self.headers = headers
    }
}
