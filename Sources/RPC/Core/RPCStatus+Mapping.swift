internal import GoogleContracts
internal import ProtoRuntime

// The pieces of `RPCStatus(from:input:)` (Errors.swift) for errors from below RPC: domain errors
// that declare their status, and messages that do not decode or encode.

extension RPCStatus {
    /// Who sent the message whose decoding failed, which decides the status a
    /// `ProtoDecodingError` or `JSONDecodingError` becomes in ``RPCStatus/init(from:input:)``.
    public struct Input: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable { case grpc, restRequest }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A gRPC message (a request a server received, a response a client received) or data the
        /// process keeps: bytes that do not decode are `INTERNAL`, as gRPC's status codes say for a
        /// message that cannot be parsed (`doc/statuscodes.md`): the peer's contract or encoder is
        /// broken, not the caller's input. The default.
        public static let grpc = Input(.grpc)

        /// The body or query of a REST/JSON request (the HTTP gateway): input that does not decode
        /// is the caller's mistake, `INVALID_ARGUMENT` (HTTP 400), with a `google.rpc.BadRequest`
        /// naming the field when the error knows it.
        public static let restRequest = Input(.restRequest)

        public var description: String {
            switch value {
            case .grpc: "gRPC message"
            case .restRequest: "REST request"
            }
        }
    }

    /// The status for a message that does not decode or encode, or `nil` for any other error.
    init?(codingFailure error: any Error, input: Input) {
        switch error {
        case let error as ProtoDecodingError:
            self =
                input == .restRequest
                ? RPCStatus(.invalidArgument, "the request does not decode: \(error)", cause: error)
                : RPCStatus(.internal, "a message does not decode: \(error)", cause: error)
        case let error as JSONDecodingError:
            if input == .restRequest {
                self = RPCStatus.invalidArgument(
                    "the request is not valid JSON for its message: \(error)",
                    fieldViolations: [(field: error.pathDescription, description: error.message)], cause: error)
            } else {
                self = RPCStatus(.internal, "a message does not decode from JSON: \(error)", cause: error)
            }
        case let error as ProtoEncodingError:
            self = RPCStatus(.internal, "a message could not be encoded: \(error)", cause: error)
        default:
            return nil
        }
    }

    /// The status a domain error declares, with its details.
    init(declaredBy error: any RPCStatusDeclaring) {
        self.init(Code(error.statusCode), error.statusMessage, details: error.statusDetails, cause: error)
    }

    /// This status as a peer receives it: the cause stays behind. For transports without a wire.
    var withoutCause: RPCStatus {
        var copy = self
        copy.cause = nil
        return copy
    }
}
