public import HTTPRouting

/// How a ``GatewayHandler`` transcodes REST requests: the JSON switches, the limits, which
/// headers become metadata, and the default deadline.
///
/// ```swift
/// let configuration = GatewayConfiguration.defaults {
///     $0.json.usesProtoNames = true
///     $0.query.ignoresUnknownParameters = true
///     $0.headers.forwarded = ["x-request-id"]
/// }
/// ```
public struct GatewayConfiguration: Sendable {
    /// proto3 JSON in and out.
    public struct JSON: Sendable {
        /// Whether response keys are the `.proto` names (`page_size`) instead of the JSON names
        /// (`pageSize`), as grpc-gateway's `UseProtoNames`. Requests accept both either way.
        /// Default `false`.
        public var usesProtoNames = false
        /// Whether response fields at their defaults (`0`, `""`, `[]`) are written, as
        /// grpc-gateway's `EmitUnpopulated` (on in grpc-gateway v2's default marshaler, and here).
        /// Default `true`.
        public var emitsUnpopulatedFields = true
        /// Whether request body keys the message does not declare are skipped instead of
        /// answered with 400. Default `false`.
        public var ignoresUnknownFields = false
        /// The deepest nesting of objects and arrays accepted in a body. Default 100.
        public var maxDepth = 100

        /// The defaults.
        public init() {}
    }

    /// Query parameters.
    public struct Query: Sendable {
        /// Whether parameters that name no request field are skipped instead of answered with 400
        /// (grpc-gateway skips them). Default `false`.
        public var ignoresUnknownParameters = false
        /// Size and count limits, checked before anything is decoded (414 and 400).
        public var limits = QueryStringConfiguration.defaults

        /// The defaults.
        public init() {}
    }

    /// Request headers that become call metadata.
    public struct Headers: Sendable {
        /// Headers copied into the metadata under their own (lowercased) names, besides
        /// `authorization` and the `grpc-metadata-*` headers (which lose the prefix). Default none.
        public var forwarded: Set<String> = []

        /// The defaults.
        public init() {}
    }

    /// JSON switches.
    public var json = JSON()
    /// Query parameters.
    public var query = Query()
    /// Request headers.
    public var headers = Headers()
    /// How request paths are read (limits, trailing slash, multi-segment decoding).
    public var router = RouterConfiguration.defaults
    /// The largest request body read, in bytes; larger is 413. For NDJSON request streams, the
    /// largest line. Default 4 MiB (gRPC's default message limit).
    public var maxBodyBytes = 4 << 20
    /// The deadline of a call whose request has no `grpc-timeout` header; `nil` for none.
    /// Default `nil`.
    public var defaultTimeout: Duration?

    /// The defaults, as documented on each property.
    public init() {}

    /// The defaults.
    public static var defaults: GatewayConfiguration { GatewayConfiguration() }

    /// The defaults, changed by `configure`.
    public static func defaults(configure: (inout GatewayConfiguration) -> Void) -> GatewayConfiguration {
        var configuration = GatewayConfiguration()
        configure(&configuration)
        return configuration
    }
}
