/// How a ``Router`` reads request paths: limits, trailing slashes and how variables decode.
///
/// ```swift
/// let configuration = RouterConfiguration.defaults {
///     $0.limits.maxSegments = 32
///     $0.rejectsEncodedSlashes = true
/// }
/// ```
public struct RouterConfiguration: Sendable, Hashable {
    /// Bounds on the work one request path can cause; a path past them is refused with
    /// ``RequestPathError/Code/pathTooLong`` or ``RequestPathError/Code/tooManySegments`` (414)
    /// before any route is looked at.
    public struct Limits: Sendable, Hashable {
        /// The longest path, in bytes, without the query. Default 8,192.
        public var maxPathBytes = 8192
        /// The most segments a path may have. Default 128.
        public var maxSegments = 128

        /// The defaults.
        public init() {}
    }

    /// What a single trailing `/` on a request path means.
    public struct TrailingSlash: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable { case ignored, significant }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// `/v1/shelves/` is `/v1/shelves`: one trailing slash is dropped before matching, as
        /// grpc-httpjson-transcoding (ESP, Envoy's transcoder) drops trailing empty segments. The
        /// default.
        public static let ignored = TrailingSlash(.ignored)
        /// `/v1/shelves/` is another path, which no template matches (templates have no empty
        /// segments): ``RouteMatch/notFound``.
        public static let significant = TrailingSlash(.significant)

        public var description: String { value == .ignored ? "ignored" : "significant" }
    }

    /// How the value of a multi-segment variable (`{name=shelves/*}`, `{path=**}`) is decoded.
    /// Single-segment variables (`{id}`) always decode every escape.
    public struct MultiSegmentDecoding: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable { case allExceptSlash, allExceptReserved }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Every escape decodes except `%2F` and `%2f`, which stay as they are, so a value's
        /// segments stay apart from a `/` inside one: what `google/api/http.proto` specifies for
        /// `HttpRule` ("the server side does the reverse decoding, except "%2F" and "%2f" are left
        /// unchanged"), and grpc-gateway's `UnescapingModeAllExceptSlash`. The default.
        public static let allExceptSlash = MultiSegmentDecoding(.allExceptSlash)
        /// Escapes of RFC 6570 reserved characters (`:/?#[]@!$&'()*+,;=`) stay as they are:
        /// grpc-httpjson-transcoding's default (`Http.fully_decode_reserved_expansion` false) and
        /// grpc-gateway's `UnescapingModeAllExceptReserved`.
        public static let allExceptReserved = MultiSegmentDecoding(.allExceptReserved)

        /// Whether the escape of `byte` stays encoded in a multi-segment value.
        func keepsEncoded(_ byte: UInt8) -> Bool {
            switch value {
            case .allExceptSlash: byte == UInt8(ascii: "/")
            case .allExceptReserved: PercentEncoding.isRFC6570Reserved(byte)
            }
        }

        public var description: String { value == .allExceptSlash ? "all except slash" : "all except reserved" }
    }

    /// Bounds on one request path.
    public var limits = Limits()
    /// What a trailing slash means. Default ``TrailingSlash/ignored``.
    public var trailingSlash = TrailingSlash.ignored
    /// How multi-segment variables decode. Default ``MultiSegmentDecoding/allExceptSlash``.
    public var multiSegmentDecoding = MultiSegmentDecoding.allExceptSlash
    /// Whether a `%2F` (or `%2f`) anywhere in a path is refused with
    /// ``RequestPathError/Code/encodedSlash`` (400), for deployments behind proxies that would
    /// read it as a separator. Default `false`: the spec gives `%2F` a meaning in both kinds of
    /// variable.
    public var rejectsEncodedSlashes = false

    /// The defaults.
    public init() {}

    /// The defaults.
    public static var defaults: RouterConfiguration { RouterConfiguration() }

    /// The defaults, changed by `configure`.
    public static func defaults(configure: (inout RouterConfiguration) -> Void) -> RouterConfiguration {
        var configuration = RouterConfiguration()
        configure(&configuration)
        return configuration
    }
}
