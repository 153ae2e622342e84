/// Limits on one query string, checked before anything is decoded.
public struct QueryStringConfiguration: Sendable, Hashable {
    /// The longest query, in bytes, without the `?`. Default 16,384.
    public var maxBytes = 16_384
    /// The most parameters. Default 1,000.
    public var maxParameters = 1_000

    /// The defaults.
    public init() {}

    /// The defaults.
    public static var defaults: QueryStringConfiguration { QueryStringConfiguration() }

    /// The defaults, changed by `configure`.
    public static func defaults(configure: (inout QueryStringConfiguration) -> Void) -> QueryStringConfiguration {
        var configuration = QueryStringConfiguration()
        configure(&configuration)
        return configuration
    }
}
