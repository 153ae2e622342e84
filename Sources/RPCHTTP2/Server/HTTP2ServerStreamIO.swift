internal import Bytes
internal import ProtoRuntime
internal import RPC
internal import Synchronization
internal import Transport

/// A server call on an HTTP/2 stream: request DATA cut into messages and decoded from protobuf
/// binary, responses encoded, framed (and gzip-compressed when negotiated) into the transport's
/// response writer.
final class HTTP2ServerStreamIO: RPCServerStreamIO {
    let body: HTTPBody
    let writer: HTTPResponseWriter
    let maxReceiveMessageSize: Int
    /// The request's `grpc-encoding`.
    let requestEncoding: GRPCCompression
    private let deframer: Mutex<GRPCDeframer>
    private let lastCompressed = Mutex(false)

    var lastMessageWasCompressed: Bool { lastCompressed.withLock { $0 } }

    init(body: HTTPBody, writer: HTTPResponseWriter, requestEncoding: GRPCCompression, maxReceiveMessageSize: Int) {
        self.body = body
        self.writer = writer
        self.requestEncoding = requestEncoding
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.deframer = Mutex(GRPCDeframer(maxMessageSize: maxReceiveMessageSize))
    }

    nonisolated(nonsending) func receive<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        guard let bytes = try await receiveBytes() else { return nil }
        return try RPCBinaryCodec.decode(M.self, from: bytes, what: "request")
    }

    func prepare<M: Message>(_ message: M, limit: Int) throws(RPCStatus) -> RPCOutgoingMessage {
        .encoded(try RPCBinaryCodec.encode(message, what: "response", limit: limit))
    }

    private nonisolated(nonsending) func receiveBytes() async throws(RPCStatus) -> ByteBuffer? {
        while true {
            if let framed = try deframer.withLock({ deframer throws(RPCStatus) in try deframer.next() }) {
                return try decompress(framed)
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch is CancellationError {
                throw RPCStatus(.cancelled, "the call was cancelled")
            } catch {
                throw RPCStatus(.cancelled, "the client went away: \(error)")
            }
            guard let chunk else {
                try deframer.withLock { deframer throws(RPCStatus) in try deframer.finish() }
                return nil
            }
            deframer.withLock { $0.append(chunk) }
        }
    }

    private func decompress(_ framed: GRPCFramedMessage) throws(RPCStatus) -> ByteBuffer {
        lastCompressed.withLock { $0 = framed.compressed }
        guard framed.compressed else { return framed.bytes }
        switch requestEncoding {
        case .identity:
            // The spec: a compressed flag without a grpc-encoding is a protocol error.
            throw RPCStatus(.internal, "a message has the compressed flag set, but the request has no grpc-encoding")
        case .gzip:
            return try GRPCCompression.gunzip(framed.bytes, limit: maxReceiveMessageSize)
        }
    }

    static func responseHeaders(_ metadata: Metadata, encoding: GRPCCompression) -> HTTPHeaders {
        var headers: HTTPHeaders = ["content-type": "application/grpc"]
        if encoding != .identity { headers.add(name: "grpc-encoding", value: encoding.rawValue) }
        headers.add(name: "grpc-accept-encoding", value: GRPCCompression.acceptEncoding)
        metadata.write(into: &headers)
        return headers
    }

    /// A prepared message as gRPC frames it: always encoded here (the HTTP/2 transports only
    /// ever prepare encoded messages; a value from elsewhere is encoded now).
    static func frame(_ message: RPCOutgoingMessage, compression: GRPCCompression?) throws(RPCStatus) -> ByteBuffer {
        switch message {
        case .encoded(let bytes): try frame(bytes, compression: compression)
        case .value(let value): try frame(RPCBinaryCodec.encode(value, what: "message"), compression: compression)
        }
    }

    static func frame(_ message: ByteBuffer, compression: GRPCCompression?) throws(RPCStatus) -> ByteBuffer {
        var framed = ByteBuffer()
        if compression == .gzip {
            GRPCFraming.frame(try GRPCCompression.gzip(message), compressed: true, into: &framed)
        } else {
            GRPCFraming.frame(message, into: &framed)
        }
        return framed
    }

    nonisolated(nonsending) func sendHeaders(_ metadata: Metadata, encoding: GRPCCompression) async throws {
        try await writer.writeHead(
            HTTPResponseHead(status: 200, headers: Self.responseHeaders(metadata, encoding: encoding)))
    }

    nonisolated(nonsending) func sendMessage(_ message: RPCOutgoingMessage, compressed: Bool) async throws {
        try await writer.write(Self.frame(message, compression: compressed ? .gzip : nil))
    }

    nonisolated(nonsending) func sendStatus(_ status: RPCStatus, trailers: Metadata, trailersOnly: Bool) async throws {
        if trailersOnly {
            var headers: HTTPHeaders = ["content-type": "application/grpc"]
            if status.code == .unimplemented {
                headers.add(name: "grpc-accept-encoding", value: GRPCCompression.acceptEncoding)
            }
            status.write(into: &headers)
            trailers.write(into: &headers)
            try await writer.respondHeadOnly(status: 200, headers: headers)
        } else {
            var headers = HTTPHeaders()
            status.write(into: &headers)
            trailers.write(into: &headers)
            try await writer.finish(trailers: headers)
        }
    }

    nonisolated(nonsending) func sendUnaryResponse(
        headers: Metadata, encoding: GRPCCompression, message: RPCOutgoingMessage, compressed: Bool,
        trailers: Metadata
    ) async throws {
        var trailerFields = HTTPHeaders()
        RPCStatus.ok.write(into: &trailerFields)
        trailers.write(into: &trailerFields)
        try await writer.respond(
            status: 200, headers: Self.responseHeaders(headers, encoding: encoding),
            body: Self.frame(message, compression: compressed ? encoding : nil), trailers: trailerFields)
    }
}
