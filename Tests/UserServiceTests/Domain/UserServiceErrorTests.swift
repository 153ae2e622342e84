import Auth
import GoogleContracts
import RPC
import Storage
import Testing

@testable import UserService

@Suite("How the layers' errors become the service's, and statuses")
struct UserServiceErrorTests {
    @Test(
        "storage kinds map as docs/storage.md suggests, with no SQL in the message",
        arguments: [
            (StorageError.Kind.serializationFailure, RPCStatus.Code.aborted), (.timeout, .deadlineExceeded),
            (.poolExhausted, .unavailable), (.connectionFailed, .unavailable), (.closed, .unavailable),
            (.invalidValue, .invalidArgument), (.cancelled, .cancelled), (.invalidStatement, .internal),
            (.storageFailure, .internal), (.uniqueViolation, .internal), (.foreignKeyViolation, .internal),
        ])
    func storageKinds(kind: StorageError.Kind, code: RPCStatus.Code) {
        let cause = StorageError(kind: kind, message: "driver text", sql: "SELECT secret FROM users")
        let status = UserServiceError.storage(cause).rpcStatus
        #expect(status.code == code)
        #expect(!status.message.contains("SELECT") && !status.message.contains("driver text"))
    }

    @Test("a unique violation answers the conflict the caller names, keeping the cause")
    func conflicts() throws {
        let cause = StorageError(kind: .uniqueViolation, message: "duplicate key", constraint: "users_email_key")
        let error = UserServiceError.storage(cause, conflict: .emailTaken("a@b.c", field: "email"))
        #expect(error.code == .alreadyExists && error.message == "an account with the email a@b.c exists")
        #expect((error.cause as? StorageError)?.constraint == "users_email_key")
    }

    @Test("hasher failures: overloaded is UNAVAILABLE, cancelled CANCELLED, the rest INTERNAL")
    func authErrors() {
        #expect(UserServiceError.auth(AuthError(.overloaded, "queue full")).code == .unavailable)
        #expect(UserServiceError.auth(AuthError(.cancelled, "gone")).code == .cancelled)
        #expect(UserServiceError.auth(AuthError(.cryptoFailure, "openssl")).rpcStatus.code == .internal)
        #expect(!UserServiceError.auth(AuthError(.cryptoFailure, "openssl")).rpcStatus.message.contains("openssl"))
    }

    @Test("statuses carry a BadRequest for the field and a RetryInfo for the wait")
    func statusDetails() {
        let invalid = UserServiceError(.invalidArgument, "user.email cannot be empty", field: "user.email").rpcStatus
        #expect(invalid.code == .invalidArgument)
        #expect(invalid.fieldViolations.map(\.field) == ["user.email"])
        let limited = UserServiceError(.resourceExhausted, "wait", retryAfter: .seconds(42)).rpcStatus
        #expect(limited.code == .resourceExhausted && limited.retryDelay == .seconds(42))
        #expect(UserServiceError(.invalidConfiguration, "x").rpcStatus.code == .internal)
        #expect("\(UserServiceError(.notFound, "no user has the id 7"))" == "NOT_FOUND: \"no user has the id 7\"")
    }
}
