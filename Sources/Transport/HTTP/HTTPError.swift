/// Why an HTTP operation failed: on the server (a handler's read or write), in the client (a
/// request, a stream), or in the HTTP/2 connection under either.
///
/// One shape for the whole transport (STYLE.md §5): a ``code`` to switch on, a ``message`` for
/// people, the HTTP/2 error code of the RST_STREAM or GOAWAY behind it if there was one
/// (``http2Code``), and the error that caused it (``cause``), which equality ignores.
///
/// ```swift
/// do {
///     _ = try await stream.response()
/// } catch where error.code == .refused {
///     // not processed by the server: safe to send again elsewhere
/// }
/// ```
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure. New codes may be added; switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case connectionClosed, invalidState, tooLarge, malformed, timeout
            case connectFailed, connectTimeout, requestTimeout, malformedResponse, responseTooLarge, shutDown
            case refused, streamReset, cancelled, requestNotNeeded, protocolError
        }

        private let kind: Kind

        private init(_ kind: Kind) { self.kind = kind }

        /// The connection (or stream) closed before the operation completed.
        public static let connectionClosed = Code(.connectionClosed)
        /// The call does not fit the exchange's state (body before head, write after finish,
        /// awaiting a response twice).
        public static let invalidState = Code(.invalidState)
        /// A body exceeded a limit.
        public static let tooLarge = Code(.tooLarge)
        /// The peer sent something malformed.
        public static let malformed = Code(.malformed)
        /// A timeout passed.
        public static let timeout = Code(.timeout)
        /// The TCP connect failed.
        public static let connectFailed = Code(.connectFailed)
        /// The TCP connect took too long.
        public static let connectTimeout = Code(.connectTimeout)
        /// No complete response within the request timeout.
        public static let requestTimeout = Code(.requestTimeout)
        /// The response head broke the protocol.
        public static let malformedResponse = Code(.malformedResponse)
        /// The response (body or head) exceeded a limit.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// The client was shut down.
        public static let shutDown = Code(.shutDown)
        /// The server did not process the request (HTTP/2 REFUSED_STREAM, or a stream above
        /// GOAWAY's last stream ID): it is safe to send again, on another connection.
        public static let refused = Code(.refused)
        /// The server reset the stream (``HTTPError/http2Code`` says with what).
        public static let streamReset = Code(.streamReset)
        /// The caller cancelled the stream.
        public static let cancelled = Code(.cancelled)
        /// The server answered in full and wants no more of the request (HTTP/2 RST_STREAM
        /// NO_ERROR after a complete response, RFC 9113 §8.1): the rest of the request body was
        /// not sent, and need not be. The response stands.
        public static let requestNotNeeded = Code(.requestNotNeeded)
        /// The peer broke the HTTP/2 protocol; the connection was closed (``HTTPError/http2Code``
        /// is the GOAWAY's code).
        public static let protocolError = Code(.protocolError)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// A sentence saying what happened.
    public var message: String
    /// The HTTP/2 error code of the reset or GOAWAY that caused it, if one did.
    public var http2Code: HTTP2ErrorCode?
    /// The underlying error, if there is one. Not part of equality.
    public var cause: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, http2Code: HTTP2ErrorCode? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.http2Code = http2Code
        self.cause = cause
    }

    /// Creates an error (the labelled spelling).
    public init(code: Code, message: String, http2Code: HTTP2ErrorCode? = nil, cause: (any Error)? = nil) {
        self.init(code, message, http2Code: http2Code, cause: cause)
    }

    /// An HTTP/2 connection error (RFC 9113 §5.4.1): the connection ends with GOAWAY `code`.
    static func connection(_ code: HTTP2ErrorCode, _ message: String) -> HTTPError {
        HTTPError(.protocolError, message, http2Code: code)
    }

    /// The GOAWAY code of a connection error (``connection(_:_:)``); INTERNAL_ERROR for others.
    var goAwayCode: HTTP2ErrorCode { http2Code ?? .internalError }

    public static func == (lhs: HTTPError, rhs: HTTPError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.http2Code == rhs.http2Code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(http2Code)
    }

    /// `code: "message"`, then the cause if there is one.
    public var description: String {
        let text = "\(code): \"\(message)\""
        guard let cause else { return text }
        return "\(text) (cause: \(cause))"
    }
}

/// The client's name for ``HTTPError``: the transport has one error type.
public typealias HTTPClientError = HTTPError
