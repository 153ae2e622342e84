// The one error type of the product service: what went wrong in the catalogue's terms, with the
// storage failure behind it when there is one.
public import Storage

/// A failure of the product service, typed, with its cause.
///
/// Every layer of the service throws this type: the domain rules (``Code/invalidArgument``,
/// ``Code/failedPrecondition``), the store (``Code/notFound``, ``Code/alreadyExists``, and a
/// storage failure as the code docs/storage.md suggests, such as ``Code/unavailable``). The API
/// layer turns it into the RPC status of the same name; ``message`` goes over the wire, ``cause``
/// never does (it names SQL and constraints).
///
/// ```swift
/// do {
///     try await service.migrate()
/// } catch {
///     print(error)  // internal: "the product store failed" (cause: invalid statement: "…")
/// }
/// ```
public struct ProductError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; each code is the gRPC status a caller sees.
    ///
    /// A struct over a private enum, so that a new code breaks no caller's `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Value: Sendable, Hashable {
            case invalidArgument, notFound, alreadyExists, failedPrecondition, aborted, deadlineExceeded, cancelled
            case unavailable, `internal`
        }
        let value: Value
        private init(_ value: Value) { self.value = value }

        /// The request breaks a rule of the catalogue (a negative price, an unknown mask path).
        public static let invalidArgument = Code(.invalidArgument)
        /// No product or reservation has the id.
        public static let notFound = Code(.notFound)
        /// The SKU is taken, or an idempotency key was used for another reservation.
        public static let alreadyExists = Code(.alreadyExists)
        /// The request is well formed but the state forbids it: insufficient stock, a discontinued
        /// product, a reservation already settled or expired.
        public static let failedPrecondition = Code(.failedPrecondition)
        /// The transaction kept losing races with concurrent ones (retried, then given up): try
        /// again.
        public static let aborted = Code(.aborted)
        /// A statement ran past the database's time limit.
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// The call was cancelled while it waited for the database.
        public static let cancelled = Code(.cancelled)
        /// The database could not be reached, was busy past its limits, or closed: try again.
        public static let unavailable = Code(.unavailable)
        /// A bug or a broken database: the cause says which.
        public static let `internal` = Code(.internal)

        public var description: String {
            switch value {
            case .invalidArgument: "invalid argument"
            case .notFound: "not found"
            case .alreadyExists: "already exists"
            case .failedPrecondition: "failed precondition"
            case .aborted: "aborted"
            case .deadlineExceeded: "deadline exceeded"
            case .cancelled: "cancelled"
            case .unavailable: "unavailable"
            case .internal: "internal"
            }
        }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence for the caller: what failed and, where it helps, which field.
    public var message: String
    /// The storage failure behind it, if any.
    public var cause: StorageError?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: StorageError? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `failed precondition: "insufficient stock: 2 available, 3 asked" (cause: …)`.
    public var description: String {
        let suffix = cause.map { " (cause: \($0))" } ?? ""
        return "\(code): \"\(message)\"\(suffix)"
    }
}

extension ProductError {
    /// `INVALID_ARGUMENT` naming `field`.
    static func invalid(_ field: String, _ rule: String) -> ProductError {
        ProductError(.invalidArgument, "\(field): \(rule)")
    }

    /// `NOT_FOUND` for the product `id`.
    static func productNotFound(_ id: String) -> ProductError {
        ProductError(.notFound, "no product has the id \(id)")
    }

    /// `NOT_FOUND` for the reservation `id`.
    static func reservationNotFound(_ id: String) -> ProductError {
        ProductError(.notFound, "no reservation has the id \(id)")
    }

    /// The error a storage failure becomes when no rule of the catalogue explains it, as
    /// docs/storage.md's table suggests: lost races `ABORTED`, a statement timeout
    /// `DEADLINE_EXCEEDED`, an unreachable, exhausted or closed database `UNAVAILABLE`, a refused
    /// value `INVALID_ARGUMENT`, a constraint `FAILED_PRECONDITION` (or `ALREADY_EXISTS`), and
    /// everything that means a bug or a broken disk `INTERNAL`. The message never names SQL.
    static func storage(_ error: StorageError) -> ProductError {
        let (code, message): (Code, String) =
            switch error.kind {
            case .serializationFailure: (.aborted, "the catalogue was busy with concurrent changes; try again")
            case .timeout: (.deadlineExceeded, "the product database took too long")
            case .cancelled: (.cancelled, "the call was cancelled")
            case .poolExhausted, .connectionFailed, .closed:
                (.unavailable, "the product database is unavailable; try again")
            case .invalidValue, .notNullViolation: (.invalidArgument, "the product database refused a value")
            case .uniqueViolation: (.alreadyExists, "the record exists already")
            case .checkViolation, .foreignKeyViolation, .constraintViolation:
                (.failedPrecondition, "the change would break a rule of the catalogue")
            default: (.internal, "the product store failed")
            }
        return ProductError(code, message, cause: error)
    }
}
