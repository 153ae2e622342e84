internal import RPC

/// A failure of the user service, with the status it answers with (``code``), a message for the
/// caller, the request field it concerns, and the cause it came from.
///
/// Messages name what is wrong and never hold a password, a token, a hash or SQL; the ``cause``
/// (a `StorageError`, an `AuthError`) stays in the process for logs and is not sent.
///
/// ```swift
/// throw UserServiceError(.notFound, "no user has the id \(id)")
/// throw UserServiceError(.invalidArgument, "user.display_name cannot be empty", field: "user.display_name")
/// ```
public struct UserServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; each becomes one RPC status code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case invalidArgument = "INVALID_ARGUMENT"
            case notFound = "NOT_FOUND"
            case alreadyExists = "ALREADY_EXISTS"
            case unauthenticated = "UNAUTHENTICATED"
            case permissionDenied = "PERMISSION_DENIED"
            case resourceExhausted = "RESOURCE_EXHAUSTED"
            case aborted = "ABORTED"
            case deadlineExceeded = "DEADLINE_EXCEEDED"
            case unavailable = "UNAVAILABLE"
            case cancelled = "CANCELLED"
            case internalFailure = "INTERNAL"
            case invalidConfiguration = "INVALID_CONFIGURATION"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The request breaks a rule only the service knows (a field it cannot change, a bad page
        /// token); ``UserServiceError/field`` names the field.
        public static let invalidArgument = Code(.invalidArgument)
        /// No account has the id.
        public static let notFound = Code(.notFound)
        /// Another account has the email.
        public static let alreadyExists = Code(.alreadyExists)
        /// Wrong credentials, or a refresh token that is unknown, expired, used or revoked.
        public static let unauthenticated = Code(.unauthenticated)
        /// The caller may not act on this account, or gave a wrong current password.
        public static let permissionDenied = Code(.permissionDenied)
        /// Too many failed sign-ins; ``UserServiceError/retryAfter`` says when to try again.
        public static let resourceExhausted = Code(.resourceExhausted)
        /// The transaction kept losing races with others past the storage layer's retries;
        /// retrying the call may work.
        public static let aborted = Code(.aborted)
        /// A statement ran past the database's time limit.
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// The database or the password hasher is overloaded or unreachable; retrying may work.
        public static let unavailable = Code(.unavailable)
        /// The call was cancelled while it waited.
        public static let cancelled = Code(.cancelled)
        /// A failure of the service itself (the cause says which); the caller sees no detail.
        public static let internalFailure = Code(.internalFailure)
        /// A ``UserServiceConfiguration`` out of range (never sent to a caller).
        public static let invalidConfiguration = Code(.invalidConfiguration)

        /// The gRPC status code this becomes.
        var rpcCode: RPCStatus.Code {
            switch value {
            case .invalidArgument: .invalidArgument
            case .notFound: .notFound
            case .alreadyExists: .alreadyExists
            case .unauthenticated: .unauthenticated
            case .permissionDenied: .permissionDenied
            case .resourceExhausted: .resourceExhausted
            case .aborted: .aborted
            case .deadlineExceeded: .deadlineExceeded
            case .unavailable: .unavailable
            case .cancelled: .cancelled
            case .internalFailure, .invalidConfiguration: .internal
            }
        }

        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, for the caller.
    public var message: String
    /// The request field the error is about (`user.email`, `page.page_token`), when there is one.
    public var field: String?
    /// When a refused sign-in may be tried again (``Code/resourceExhausted``).
    public var retryAfter: Duration?
    /// The error this one came from (kept in the process, never sent).
    public var cause: (any Error)?

    /// An error.
    public init(
        _ code: Code, _ message: String, field: String? = nil, retryAfter: Duration? = nil, cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
        self.cause = cause
    }

    /// `NOT_FOUND: "no user has the id …" (cause: …)`.
    public var description: String {
        var text = "\(code): \"\(message)\""
        if let field { text += " (field: \(field))" }
        if let cause { text += " (cause: \(cause))" }
        return text
    }

    public static func == (lhs: UserServiceError, rhs: UserServiceError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.field == rhs.field
            && lhs.retryAfter == rhs.retryAfter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(field)
    }
}
