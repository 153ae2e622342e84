internal import Bytes
internal import ProtoRuntime
internal import RPC
internal import Synchronization
internal import Transport

/// One call attempt on an HTTP/2 stream: requests framed (and compressed) into DATA, the
/// response head checked, DATA cut into messages, the status read from the trailers.
final class HTTP2ClientCallStream: RPCClientStream {
    let stream: HTTP2ClientStream
    let compression: GRPCCompression
    let maxReceiveMessageSize: Int
    let maxSendMessageSize: Int
    /// Told the call's status when the stream goes (the channel's balancer counts calls with it).
    let onEnd: (@Sendable (RPCStatus) -> Void)?

    private struct State {
        var body: HTTPBody?
        var responseEncoding: GRPCCompression = .identity
        var deframer: GRPCDeframer
        var status: RPCStatus?
        var trailers = Metadata()
    }
    private let state: Mutex<State>

    init(
        stream: HTTP2ClientStream, compression: GRPCCompression, maxReceiveMessageSize: Int, maxSendMessageSize: Int,
        onEnd: (@Sendable (RPCStatus) -> Void)? = nil
    ) {
        self.stream = stream
        self.compression = compression
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.maxSendMessageSize = maxSendMessageSize
        self.onEnd = onEnd
        self.state = Mutex(State(deframer: GRPCDeframer(maxMessageSize: maxReceiveMessageSize)))
    }

    /// The call is over once nobody holds its stream: whatever path it took, its status (or
    /// `CANCELLED` when it was dropped before it had one) goes to ``onEnd`` exactly once.
    deinit {
        onEnd?(state.withLock { $0.status } ?? RPCStatus(.cancelled, "the call was dropped before it ended"))
    }

    /// The request head of a call.
    static func requestHead(_ request: RPCClientStreamRequest, authority: String) -> HTTPRequestHead {
        var headers: HTTPHeaders = [
            "content-type": "application/grpc", "te": "trailers", "user-agent": "room619-grpc",
            "grpc-accept-encoding": GRPCCompression.acceptEncoding,
        ]
        if request.compression != .identity { headers.add(name: "grpc-encoding", value: request.compression.rawValue) }
        if let deadline = request.deadline {
            headers.add(
                name: "grpc-timeout", value: GRPCTimeout.format(max(ContinuousClock.now.duration(to: deadline), .zero)))
        }
        request.metadata.write(into: &headers)
        return HTTPRequestHead(
            method: "POST", target: request.method.path, version: .http2, headers: headers, authority: authority)
    }

    /// The status for a transport failure.
    static func status(for error: HTTPClientError) -> RPCStatus {
        switch error.code {
        case .requestTimeout: RPCStatus(.deadlineExceeded, "the deadline passed")
        case .streamReset: error.http2Code.map { RPCStatus(resetWith: $0.rawValue) } ?? RPCStatus(.internal, "\(error)")
        case .cancelled: RPCStatus(.cancelled, "the call was cancelled")
        case .responseTooLarge: RPCStatus(.resourceExhausted, "\(error)")
        case .protocolError, .malformedResponse, .invalidState: RPCStatus(.internal, "\(error)")
        default: RPCStatus(.unavailable, "\(error)")
        }
    }

    private static func status(forBodyError error: any Error) -> RPCStatus {
        if let error = error as? HTTPClientError { return status(for: error) }
        if error is CancellationError { return RPCStatus(.cancelled, "the call was cancelled") }
        return RPCStatus(.unavailable, "\(error)")
    }

    func prepare<M: Message>(_ message: M) throws(RPCStatus) -> RPCOutgoingMessage {
        .encoded(try RPCBinaryCodec.encode(message, what: "request", limit: maxSendMessageSize))
    }

    nonisolated(nonsending) func send(_ message: RPCOutgoingMessage, compressed: Bool) async throws(RPCStatus) {
        let framed = try HTTP2ServerStreamIO.frame(
            message, compression: compressed && compression != .identity ? compression : nil)
        try checkCancelled()
        do {
            try await stream.write(framed)
        } catch  where error.code == .requestNotNeeded {
            // The server answered before it took every request (grpc-core resets the stream with
            // NO_ERROR once its status is out): the rest is dropped, and the response, read as
            // usual, decides the call.
        } catch {
            throw await failedSend(error)
        }
    }

    nonisolated(nonsending) func finishSending() async throws(RPCStatus) {
        try checkCancelled()
        do {
            try await stream.finish()
        } catch  where error.code == .requestNotNeeded {
            // As in `send`: the server has answered; there is nothing left to end.
        } catch {
            throw await failedSend(error)
        }
    }

    /// A write failed: if the server has already ended the call (a trailers-only answer to a
    /// method it does not serve, say), its status explains why better than the write does.
    private nonisolated(nonsending) func failedSend(_ error: HTTPClientError) async -> RPCStatus {
        if let status = state.withLock({ $0.status }) { return status }
        do {
            _ = try await receiveHeaders()
        } catch {
            return error
        }
        return Self.status(for: error)
    }

    nonisolated(nonsending) func receiveHeaders() async throws(RPCStatus) -> Metadata {
        try checkCancelled()
        let response: HTTPClientStreamResponse
        do {
            response = try await stream.response()
        } catch {
            throw end(Self.status(for: error))
        }
        let headers = response.headers
        guard response.status == 200 else {
            response.abort()
            throw end(RPCStatus(httpStatus: response.status))
        }
        guard let contentType = headers["content-type"], RPCHTTPHandler.isGRPC(contentType: contentType) else {
            response.abort()
            throw end(
                RPCStatus(.unknown, "the response content-type is \(headers["content-type"] ?? "missing"), not gRPC"))
        }
        if headers["grpc-status"] != nil {
            // Trailers-only: the head is the whole response.
            let status = RPCStatus(trailers: headers)
            state.withLock {
                $0.status = status
                $0.trailers = Metadata(headers: headers)
            }
            if status.code != .ok { throw status }
            return Metadata(headers: headers)
        }
        var encoding = GRPCCompression.identity
        switch headers["grpc-encoding"] {
        case nil, "identity": break
        case "gzip": encoding = .gzip
        case let other?:
            response.abort()
            throw end(RPCStatus(.internal, "the server used grpc-encoding \"\(other)\", which was not offered"))
        }
        state.withLock {
            $0.body = response.body
            $0.responseEncoding = encoding
        }
        return Metadata(headers: headers)
    }

    private func end(_ status: RPCStatus) -> RPCStatus {
        state.withLock { state in
            if let existing = state.status { return existing }
            state.status = status
            return status
        }
    }

    nonisolated(nonsending) func receiveMessage<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        guard let bytes = try await receiveBytes() else { return nil }
        return try RPCBinaryCodec.decode(M.self, from: bytes, what: "response")
    }

    private nonisolated(nonsending) func receiveBytes() async throws(RPCStatus) -> ByteBuffer? {
        try checkCancelled()
        while true {
            let (body, framed, ended) = try state.withLock { state throws(RPCStatus) in
                (state.body, try state.deframer.next(), state.status)
            }
            if let framed {
                guard framed.compressed else { return framed.bytes }
                guard state.withLock({ $0.responseEncoding }) == .gzip else {
                    stream.cancel()
                    throw end(
                        RPCStatus(.internal, "a response message is compressed, but the response has no grpc-encoding"))
                }
                return try GRPCCompression.gunzip(framed.bytes, limit: maxReceiveMessageSize)
            }
            guard let body else {
                if ended != nil { return nil }
                throw end(RPCStatus(.internal, "messages were read before the response headers"))
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                throw end(Self.status(forBodyError: error))
            }
            guard let chunk else {
                let trailers = body.trailers ?? HTTPHeaders()
                let leftover = state.withLock { $0.deframer.bufferedBytes }
                let status =
                    leftover > 0
                    ? RPCStatus(.internal, "the response ended inside a message (\(leftover) bytes left)")
                    : RPCStatus(trailers: trailers)
                state.withLock {
                    $0.status = $0.status ?? status
                    $0.trailers = Metadata(headers: trailers)
                    $0.body = nil
                }
                return nil
            }
            state.withLock { $0.deframer.append(chunk) }
        }
    }

    nonisolated(nonsending) func receiveStatus() async -> (status: RPCStatus, trailers: Metadata) {
        state.withLock { ($0.status ?? RPCStatus(.internal, "the call has not ended"), $0.trailers) }
    }

    /// Ends the call as `CANCELLED` at once (unless it has ended already): every later
    /// operation fails with it, even one whose data had already arrived, and the stream is reset.
    func cancel() {
        _ = end(RPCStatus(.cancelled, "the call was cancelled"))
        stream.cancel()
    }

    private func checkCancelled() throws(RPCStatus) {
        if let status = state.withLock({ $0.status }), status.code == .cancelled { throw status }
    }
}
