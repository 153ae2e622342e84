/// Who a token speaks for: an end user, or a platform service calling another service.
///
/// On the wire it is the private claim `kind` (`"user"` or `"service"`); a token without it is
/// a user token, as every outside issuer's is. Service tokens are only ever accepted from the
/// platform's own keys: ``JWTValidationOptions/acceptedKinds`` is `[.user]` for outside issuers.
public struct TokenKind: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: String, Sendable, Hashable {
        case user, service
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// An end user's access token (`sub` is the user's ID).
    public static let user = TokenKind(.user)
    /// A service credential for internal RPCs (`sub` names the calling service).
    public static let service = TokenKind(.service)

    /// The kind named by a `kind` claim value, or `nil`.
    public init?(claimValue: String) {
        guard let kind = Kind(rawValue: claimValue) else { return nil }
        self.kind = kind
    }

    /// The `kind` claim value.
    public var claimValue: String { kind.rawValue }

    public var description: String { kind.rawValue }
}
