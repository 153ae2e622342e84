/// One `key=value` pair of a query string, both decoded.
///
/// The key is kept whole: `page.size=10` has the key `page.size`, which the caller maps to a
/// nested field as `google.api.http` says for query parameters.
public struct QueryParameter: Sendable, Hashable, CustomStringConvertible {
    /// The decoded key (may be empty, for `=value`).
    public var key: String
    /// The decoded value (empty for `key`, `key=`).
    public var value: String

    /// Creates a parameter.
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`, decoded.
    public var description: String { "\(key)=\(value)" }
}
