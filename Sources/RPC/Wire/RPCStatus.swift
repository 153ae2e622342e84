public import Bytes

/// A gRPC status: a code, a message, and optional details (a serialized `google.rpc.Status`, sent
/// as `grpc-status-details-bin`). What every call ends with, and what handlers throw to end one
/// with an error.
///
/// ```swift
/// throw RPCStatus(.notFound, "no product 42")
/// ```
public struct RPCStatus: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status codes of the gRPC spec (`doc/statuscodes.md`).
    public enum Code: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case ok = 0
        case cancelled = 1
        case unknown = 2
        case invalidArgument = 3
        case deadlineExceeded = 4
        case notFound = 5
        case alreadyExists = 6
        case permissionDenied = 7
        case resourceExhausted = 8
        case failedPrecondition = 9
        case aborted = 10
        case outOfRange = 11
        case unimplemented = 12
        case `internal` = 13
        case unavailable = 14
        case dataLoss = 15
        case unauthenticated = 16

        /// The spec's name: `DEADLINE_EXCEEDED`.
        public var name: String {
            switch self {
            case .ok: "OK"
            case .cancelled: "CANCELLED"
            case .unknown: "UNKNOWN"
            case .invalidArgument: "INVALID_ARGUMENT"
            case .deadlineExceeded: "DEADLINE_EXCEEDED"
            case .notFound: "NOT_FOUND"
            case .alreadyExists: "ALREADY_EXISTS"
            case .permissionDenied: "PERMISSION_DENIED"
            case .resourceExhausted: "RESOURCE_EXHAUSTED"
            case .failedPrecondition: "FAILED_PRECONDITION"
            case .aborted: "ABORTED"
            case .outOfRange: "OUT_OF_RANGE"
            case .unimplemented: "UNIMPLEMENTED"
            case .internal: "INTERNAL"
            case .unavailable: "UNAVAILABLE"
            case .dataLoss: "DATA_LOSS"
            case .unauthenticated: "UNAUTHENTICATED"
            }
        }

        public var description: String { name }

        /// The code a `grpc-status` value names; codes outside 0…16 are `UNKNOWN`, as the spec asks.
        public init(wireValue: Int) {
            self = Code(rawValue: wireValue) ?? .unknown
        }
    }

    /// What kind of outcome.
    public var code: Code
    /// A sentence for developers (sent percent-encoded as `grpc-message`).
    public var message: String
    /// A serialized `google.rpc.Status` with machine-readable details, if any.
    public var details: ByteBuffer?
    /// The error this status was made from, if any. It stays in this process: never sent, and
    /// not part of `==` or `hashValue`.
    public var cause: (any Error)?

    /// A status.
    public init(_ code: Code, _ message: String = "", details: ByteBuffer? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.cause = cause
    }

    /// Success.
    public static let ok = RPCStatus(.ok)

    /// `NOT_FOUND: no product 42`, then ` (cause: …)` when there is a cause.
    public var description: String {
        let status = message.isEmpty ? code.name : "\(code.name): \(message)"
        return cause.map { "\(status) (cause: \($0))" } ?? status
    }

    public static func == (lhs: RPCStatus, rhs: RPCStatus) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.details == rhs.details
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(details)
    }
}
