internal import Bytes

/// One HTTP/1.1 request/response exchange: runs the handler as a task on the loop and writes
/// its response (content-length, chunked, or until close for HTTP/1.0).
///
/// `@unchecked Sendable`: the handler task holds it, but every method touching its state runs
/// on the connection's loop (``HTTPResponseWriter`` hops there).
final class HTTP1Exchange: HTTPResponseSink, @unchecked Sendable {
    let loop: EventLoop
    private var owner: HTTP1ServerConnection?
    private let head: HTTPRequestHead
    private(set) var headSent = false
    private var finished = false
    private var chunked = false
    private var remainingLength: Int?
    private var bodyAllowed = true
    private var closeDelimited = false
    private var task: HandlerWorkers.Worker?
    private var writers: [CheckedContinuation<Void, any Error>] = []

    /// Bodies up to this size are copied behind the head, so a small response is one write.
    static let coalesceLimit = 16 * 1024

    init(owner: HTTP1ServerConnection, head: HTTPRequestHead) {
        self.owner = owner
        self.loop = owner.connection.loop
        self.head = head
        bodyAllowed = head.method != "HEAD"
    }

    func start(handler: any HTTPHandler, request: HTTPRequest) {
        task = runHandler(handler, request: request)
    }

    /// After the handler: finish what it left open, or report its failure.
    func handlerReturned(error: (any Error)?) {
        task = nil
        guard !finished, owner != nil else { return }
        if !headSent {
            try? sendComplete(Self.fallbackHead, body: fallbackBody(for: error))
        } else if error == nil {
            try? sendEnd(trailers: nil)
        } else {
            // The head is out: the only way to say the response is broken is to close.
            owner?.connection.close(error: error)
        }
    }

    /// The connection is gone: cancel the handler and fail waiting writers.
    func abort() {
        owner = nil
        task?.cancel()
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume(throwing: HTTPError(.connectionClosed, "the connection closed")) }
    }

    func resumeWriters() {
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume() }
    }

    // MARK: HTTPResponseSink

    /// A finished response never waits: nothing more will be written, and once it is no longer
    /// the connection's current exchange nobody would wake it.
    var canWrite: Bool { finished || (owner?.connection.isWritable ?? true) }

    func waitForWritability(_ continuation: CheckedContinuation<Void, any Error>) {
        guard let owner, !owner.connection.isClosed else {
            continuation.resume(throwing: HTTPError(.connectionClosed, "the connection closed"))
            return
        }
        if canWrite { continuation.resume() } else { writers.append(continuation) }
    }

    private func liveConnection() throws(HTTPError) -> Connection {
        guard let owner, !owner.connection.isClosed else {
            throw HTTPError(.connectionClosed, "the connection closed")
        }
        return owner.connection
    }

    func sendHead(_ head: HTTPResponseHead, contentLength: Int?) throws(HTTPError) {
        let connection = try liveConnection()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        var buffer = ByteBuffer(capacity: 256)
        try encodeHead(head, contentLength: contentLength, into: &buffer)
        connection.write(buffer)
        connection.flush()
    }

    func sendBody(_ chunk: ByteBuffer) throws(HTTPError) {
        let connection = try liveConnection()
        guard headSent, !finished else {
            throw HTTPError(.invalidState, headSent ? "the response is finished" : "write the head first")
        }
        guard bodyAllowed, chunk.readableBytes > 0 else { return }
        if chunked {
            var prefix = ByteBuffer(capacity: 12)
            prefix.writeString(String(chunk.readableBytes, radix: 16) + "\r\n")
            connection.write(prefix)
            connection.write(chunk)
            connection.write(ByteBuffer(string: "\r\n"))
        } else {
            if let remaining = remainingLength {
                guard chunk.readableBytes <= remaining else {
                    throw HTTPError(.invalidState, "the body is longer than its content-length")
                }
                remainingLength = remaining - chunk.readableBytes
            }
            connection.write(chunk)
        }
        connection.flush()
    }

    func sendEnd(trailers: HTTPHeaders?) throws(HTTPError) {
        let connection = try liveConnection()
        guard !finished else { throw HTTPError(.invalidState, "the response is finished") }
        if !headSent {
            try sendComplete(HTTPResponseHead(status: 200), body: ByteBuffer())
            return
        }
        if chunked && bodyAllowed {  // a HEAD response has no body, not even its last chunk
            var end = ByteBuffer(capacity: 64)
            end.writeString("0\r\n")
            for field in trailers ?? HTTPHeaders() {
                try Self.checkField(field)
                end.writeString(field.name + ": " + field.value + "\r\n")
            }
            end.writeString("\r\n")
            connection.write(end)
        } else if let remaining = remainingLength, remaining > 0, bodyAllowed {
            // Fewer bytes than announced: the client would wait forever; close instead.
            finished = true
            connection.close(error: HTTPError(.invalidState, "the body ended \(remaining) bytes short"))
            return
        }
        complete(connection)
    }

    func sendComplete(_ head: HTTPResponseHead, body: ByteBuffer) throws(HTTPError) {
        let connection = try liveConnection()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        var buffer = ByteBuffer(capacity: 256 + (body.readableBytes <= Self.coalesceLimit ? body.readableBytes : 0))
        try encodeHead(head, contentLength: body.readableBytes, into: &buffer)
        if bodyAllowed && body.readableBytes > 0 {
            if body.readableBytes <= Self.coalesceLimit {
                buffer.writeBuffer(body)
                connection.write(buffer)
            } else {
                connection.write(buffer)
                connection.write(body)
            }
        } else {
            connection.write(buffer)
        }
        complete(connection)
    }

    private func complete(_ connection: Connection) {
        finished = true
        connection.flush()
        if closeDelimited {
            connection.closeAfterFlush()
        } else {
            owner?.responseFinished(self)
        }
    }

    // MARK: Encoding

    private static func checkField(_ field: HTTPHeaders.Field) throws(HTTPError) {
        guard field.name.utf8.allSatisfy(HTTP1Parser.isTokenByte), !field.name.isEmpty,
            !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
        else { throw HTTPError(.invalidState, "invalid header field \(field.name)") }
    }

    private func encodeHead(
        _ head: HTTPResponseHead, contentLength: Int?, into buffer: inout ByteBuffer
    ) throws(HTTPError) {
        guard (200...999).contains(head.status) else {
            throw HTTPError(.invalidState, "status \(head.status) cannot be a final response")
        }
        let keepAlive = owner?.keepAlive ?? false
        let noBody = head.status == 204 || head.status == 304
        if noBody { bodyAllowed = false }
        // Written piece by piece: string interpolation would allocate a String per piece.
        buffer.writeString("HTTP/1.1 ")
        buffer.writeDecimal(Int64(head.status))
        buffer.writeInteger(UInt8(ascii: " "))
        buffer.writeString(HTTPResponseHead.reason(head.status))
        buffer.writeString("\r\n")
        var hasDate = false
        for field in head.headers {
            switch field.name {
            case "content-length", "transfer-encoding", "connection": continue  // set below
            case "date": hasDate = true
            default: break
            }
            try Self.checkField(field)
            buffer.writeString(field.name)
            buffer.writeString(": ")
            buffer.writeString(field.value)
            buffer.writeString("\r\n")
        }
        if !hasDate {
            buffer.writeString("date: ")
            buffer.writeString(HTTPDate.now())
            buffer.writeString("\r\n")
        }
        if noBody {
            remainingLength = 0
        } else if let contentLength {
            buffer.writeString("content-length: ")
            buffer.writeDecimal(Int64(contentLength))
            buffer.writeString("\r\n")
            remainingLength = contentLength
        } else if self.head.version == .http1_1 {
            buffer.writeString("transfer-encoding: chunked\r\n")
            chunked = true
        } else {
            closeDelimited = true  // HTTP/1.0 without a length: the end of the body is the close
        }
        if !keepAlive || closeDelimited {
            buffer.writeString("connection: close\r\n")
        } else if self.head.version == .http1_0 {
            buffer.writeString("connection: keep-alive\r\n")
        }
        buffer.writeString("\r\n")
        headSent = true
    }
}
