/// Limits and switches for binary decoding.
///
/// The defaults are safe for input from the network: nesting past 100 levels or input past
/// 64 MiB is rejected with a ``ProtoDecodingError`` before any unbounded work.
public struct BinaryDecodingOptions: Sendable {
    /// The deepest nesting of messages and groups accepted. Default 100.
    public var maxDepth: Int = 100
    /// The largest input accepted, in bytes. Default 64 MiB; never more than 2 GiB - 1.
    public var maxMessageSize: Int = 64 << 20
    /// Whether missing proto2 `required` fields are accepted. Default `false`.
    public var allowPartial: Bool = false
    /// Whether unknown fields are dropped instead of kept for re-encoding. Default `false`.
    public var discardUnknownFields: Bool = false
    /// Extensions to decode into typed values; unregistered extensions stay unknown fields.
    public var extensions: ExtensionRegistry = ExtensionRegistry()

    /// The defaults described above.
    public static var defaults: BinaryDecodingOptions { BinaryDecodingOptions() }

    /// The defaults, changed by `configure`.
    public static func defaults(configure: (inout BinaryDecodingOptions) -> Void) -> BinaryDecodingOptions {
        var options = BinaryDecodingOptions()
        configure(&options)
        return options
    }

    /// Creates the defaults.
    public init() {}
}

/// Switches for binary encoding.
public struct BinaryEncodingOptions: Sendable {
    /// Whether map entries are written in sorted key order, so equal messages give equal
    /// bytes. Default `false` (map entries follow dictionary order, which varies per process).
    public var deterministic: Bool = false

    /// The defaults described above.
    public static var defaults: BinaryEncodingOptions { BinaryEncodingOptions() }

    /// Creates the defaults.
    public init(deterministic: Bool = false) {
        self.deterministic = deterministic
    }
}
