public import Bytes
public import Transport

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

    /// The status a call gets when its HTTP/2 stream is reset with `http2Code` instead of ending
    /// with trailers (the mapping in the gRPC spec's "HTTP2 Transport Mapping").
    public init(resetWith http2Code: UInt32) {
        switch http2Code {
        case 0x7: self.init(.unavailable, "the server refused the stream (REFUSED_STREAM)")
        case 0x8: self.init(.cancelled, "the stream was cancelled (CANCEL)")
        case 0xB: self.init(.resourceExhausted, "the peer is overloaded (ENHANCE_YOUR_CALM)")
        case 0xC: self.init(.permissionDenied, "the transport is not secure enough (INADEQUATE_SECURITY)")
        default: self.init(.internal, "the stream was reset with HTTP/2 error 0x\(String(http2Code, radix: 16))")
        }
    }

    /// The status for a response that is not gRPC: an HTTP status other than 200, as gRPC's
    /// HTTP-to-gRPC status mapping says (`doc/http-grpc-status-mapping.md`).
    public init(httpStatus: Int) {
        let code: Code
        switch httpStatus {
        case 400: code = .internal
        case 401: code = .unauthenticated
        case 403: code = .permissionDenied
        case 404: code = .unimplemented
        case 429, 502, 503, 504: code = .unavailable
        default: code = .unknown
        }
        self.init(code, "the server answered HTTP \(httpStatus), not gRPC")
    }
}

// MARK: On the wire

extension RPCStatus {
    /// The status fields of a response's trailers (or of a trailers-only response):
    /// `grpc-status`, `grpc-message` (percent-encoded, left out when empty) and
    /// `grpc-status-details-bin` (unpadded base64).
    public func write(into headers: inout HTTPHeaders) {
        headers.add(name: "grpc-status", value: String(code.rawValue))
        if !message.isEmpty { headers.add(name: "grpc-message", value: GRPCMessageEncoding.encode(message)) }
        if let details {
            headers.add(name: "grpc-status-details-bin", value: Metadata.encodeBinary(details.readableBytesArray))
        }
    }

    /// The status that `trailers` carry. Without a valid `grpc-status` (a broken peer or proxy)
    /// the status is synthesized, as the spec asks: `UNKNOWN` naming what was missing.
    public init(trailers: HTTPHeaders) {
        let message = trailers["grpc-message"].map { GRPCMessageEncoding.decode($0) } ?? ""
        guard let text = trailers["grpc-status"], let value = Int(text), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else {
            let what = trailers["grpc-status"].map { "an invalid grpc-status \"\($0)\"" } ?? "no grpc-status"
            self.init(.unknown, message.isEmpty ? "the response ended with \(what)" : message)
            return
        }
        let details = trailers["grpc-status-details-bin"].flatMap { Metadata.decodeBinary($0).first }
            .map { ByteBuffer(bytes: $0) }
        self.init(Code(wireValue: value), message, details: details)
    }
}
