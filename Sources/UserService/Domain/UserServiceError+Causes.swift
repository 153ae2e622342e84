internal import Auth
internal import Storage

// The one place where the layers below become the service's errors.

extension UserServiceError {
    /// The error for a storage failure, as docs/storage.md's table suggests: a unique violation
    /// answers `conflict` (the caller knows which value clashed); races lost past the retries are
    /// `ABORTED`; a statement timeout `DEADLINE_EXCEEDED`; a busy pool, a lost connection or a
    /// closed database `UNAVAILABLE`; a value the database cannot take `INVALID_ARGUMENT`; a
    /// cancelled wait `CANCELLED`; anything else `INTERNAL`. Messages hold no SQL and no values.
    static func storage(_ error: StorageError, conflict: @autoclosure () -> UserServiceError? = nil) -> UserServiceError
    {
        if error.kind == .uniqueViolation, var conflict = conflict() {
            conflict.cause = error
            return conflict
        }
        switch error.kind {
        case .serializationFailure:
            return UserServiceError(.aborted, "the change lost a race with another one; try again", cause: error)
        case .timeout:
            return UserServiceError(.deadlineExceeded, "the user store took too long", cause: error)
        case .poolExhausted, .connectionFailed, .closed:
            return UserServiceError(.unavailable, "the user store is unavailable; try again", cause: error)
        case .invalidValue:
            return UserServiceError(.invalidArgument, "a value in the request cannot be stored", cause: error)
        case .cancelled:
            return UserServiceError(.cancelled, "the call was cancelled", cause: error)
        default:
            return UserServiceError(.internalFailure, "the user store failed", cause: error)
        }
    }

    /// The error for a failure of the password hasher or the token issuer: a full hashing queue
    /// is `UNAVAILABLE`, a cancelled hash `CANCELLED`, anything else `INTERNAL`.
    static func auth(_ error: AuthError) -> UserServiceError {
        switch error.code {
        case .overloaded:
            UserServiceError(.unavailable, "too many passwords are being checked; try again shortly", cause: error)
        case .cancelled:
            UserServiceError(.cancelled, "the call was cancelled", cause: error)
        case .passwordTooLong:
            UserServiceError(.invalidArgument, error.message, cause: error)
        default:
            UserServiceError(.internalFailure, "the sign-in machinery failed", cause: error)
        }
    }

    /// `NOT_FOUND` for the account `id`.
    static func noSuchUser(_ id: String) -> UserServiceError {
        UserServiceError(.notFound, "no user has the id \(id)")
    }

    /// `ALREADY_EXISTS` for the address `email`.
    static func emailTaken(_ email: String, field: String) -> UserServiceError {
        UserServiceError(.alreadyExists, "an account with the email \(email) exists", field: field)
    }

    /// `PERMISSION_DENIED` for acting on someone else's account.
    static var notYourAccount: UserServiceError {
        UserServiceError(.permissionDenied, "only the account's owner or an administrator may do this")
    }

    /// `UNAUTHENTICATED` for a sign-in that fails, whatever the reason: unknown email, wrong
    /// password, suspended account. One message, so callers cannot probe for accounts.
    static var wrongCredentials: UserServiceError {
        UserServiceError(.unauthenticated, "the email or the password is wrong")
    }

    /// `UNAUTHENTICATED` for a refresh token that does not work, whatever the reason.
    static var refreshRefused: UserServiceError {
        UserServiceError(.unauthenticated, "the refresh token is unknown, expired or revoked")
    }
}
