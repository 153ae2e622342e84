/// Why an authentication operation failed: a token refused, a key unusable, a password hash
/// unreadable, a JWKS not fetched.
///
/// One shape for the target (STYLE.md §5): a ``code`` to switch on, a ``message`` for logs and
/// an optional ``cause``. Messages never contain secrets: no token text, no key material, no
/// password; a key ID taken from a token is quoted, escaped and cut to 64 characters.
///
/// Every token failure (``Code/malformed`` through ``Code/wrongKind``) should reach a client as
/// `UNAUTHENTICATED` (HTTP 401) without the message; ``Code/overloaded`` as `UNAVAILABLE`.
///
/// ```swift
/// do {
///     let token = try await verifier.verify(bearer)
/// } catch where error.code == .expired {
///     // ask the client to refresh
/// }
/// ```
public struct AuthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure (the reason). New codes may be added; switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case malformed, unsupportedAlgorithm, algorithmMismatch, missingKeyID, unknownKeyID
            case badSignature, expired, notYetValid, wrongIssuer, wrongAudience, missingClaim, wrongKind
            case invalidKey, invalidPasswordHash, passwordTooLong, overloaded, cancelled
            case jwksUnavailable, invalidConfiguration, cryptoFailure
        }

        private let kind: Kind

        private init(_ kind: Kind) { self.kind = kind }

        /// The token (or JWKS, or JSON) is not well formed: not three base64url parts, bad
        /// JSON, a duplicate member, a registered claim of the wrong type, a `crit` header.
        public static let malformed = Code(.malformed)
        /// The header names an algorithm this library does not verify (`none` among them).
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// The header's `alg` is not the algorithm its key is pinned to.
        public static let algorithmMismatch = Code(.algorithmMismatch)
        /// The header has no `kid` (tokens without one are refused).
        public static let missingKeyID = Code(.missingKeyID)
        /// No key with the header's `kid` (never known, or retired).
        public static let unknownKeyID = Code(.unknownKeyID)
        /// The signature does not verify (including an ES256 signature that is not 64 bytes).
        public static let badSignature = Code(.badSignature)
        /// `exp` has passed (beyond the clock skew).
        public static let expired = Code(.expired)
        /// `nbf` (or `iat`) is in the future (beyond the clock skew).
        public static let notYetValid = Code(.notYetValid)
        /// `iss` is not the expected issuer.
        public static let wrongIssuer = Code(.wrongIssuer)
        /// `aud` does not contain the expected audience.
        public static let wrongAudience = Code(.wrongAudience)
        /// A claim the options require (`exp`, `sub`) is absent.
        public static let missingClaim = Code(.missingClaim)
        /// The token's kind (user or service) is not accepted here.
        public static let wrongKind = Code(.wrongKind)
        /// A key cannot be used: unreadable PEM, wrong type or curve, RSA under 2048 bits, an
        /// HMAC secret under 32 bytes, a JWK without its members.
        public static let invalidKey = Code(.invalidKey)
        /// A stored password hash is not an Argon2id PHC string this library reads.
        public static let invalidPasswordHash = Code(.invalidPasswordHash)
        /// A password exceeds the configured maximum length.
        public static let passwordTooLong = Code(.passwordTooLong)
        /// The password hashing pool's queue is full: try again later.
        public static let overloaded = Code(.overloaded)
        /// The caller's task was cancelled before the work ran.
        public static let cancelled = Code(.cancelled)
        /// A remote JWKS could not be fetched or read, and no earlier copy is held.
        public static let jwksUnavailable = Code(.jwksUnavailable)
        /// A configuration value is out of range (its message names it).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// OpenSSL or libargon2 failed where it should not (out of memory, for instance).
        public static let cryptoFailure = Code(.cryptoFailure)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// A sentence saying what happened, without secrets.
    public var message: String
    /// The underlying error, if there is one. Not part of equality.
    public var cause: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        let base = "\(code): \"\(message)\""
        guard let cause else { return base }
        return "\(base) (cause: \(cause))"
    }

    public static func == (lhs: AuthError, rhs: AuthError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
    }

    /// `text` fit for a message: escaped, and cut to 64 characters (it came from a token).
    static func quoted(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
        return escaped.count > 64 ? "\"\(escaped.prefix(64))…\"" : "\"\(escaped)\""
    }
}
