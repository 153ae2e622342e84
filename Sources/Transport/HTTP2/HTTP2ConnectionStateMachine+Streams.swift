internal import Bytes

/// Streams: DATA and header blocks from the peer, and what the owner sends (RFC 9113 §5.1, §6.1,
/// §6.2, §8).
extension HTTP2ConnectionStateMachine {
    // MARK: Looking streams up

    /// Open and half-closed streams.
    var openStreamCount: Int { streams.count }

    /// Runs `body` on the entry at `index` in place. Reading a field as `streams.values[index].x`
    /// goes through the getter, which copies the whole entry (a retain and a release of the
    /// owner's object, slow ones for a weakly referenced object); a modify access copies nothing.
    mutating func withStream<Result>(
        at index: Dictionary<UInt32, Stream>.Index, _ body: (inout Stream) -> Result
    ) -> Result {
        body(&streams.values[index])
    }

    /// The owner's object for stream `id`, if it is open or half-closed.
    func context(for id: UInt32) -> Context? { streams[id]?.context }

    /// The owners' objects of every open and half-closed stream.
    var contexts: some Sequence<Context> { streams.values.lazy.map(\.context) }

    /// Closes every stream (the connection has closed) and returns their owners' objects.
    mutating func removeAllStreams() -> [Context] {
        let all = streams.values.map(\.context)
        streams.removeAll()
        return all
    }

    /// Client: whether a stream may open now (no GOAWAY, and under the server's
    /// MAX_CONCURRENT_STREAMS).
    var canOpenStream: Bool { !isDraining && streams.count < (peer.maxConcurrentStreams ?? Int.max) }

    // MARK: Streams we open or accept

    /// Client: opens a stream by writing its request header block (§8.3.1); returns its ID, the
    /// next odd one (§5.1.1). When IDs run out, the connection drains.
    mutating func openStream(
        _ context: Context, fields: [(name: String, value: String)], endStream: Bool
    ) -> UInt32 {
        precondition(role == .client, "only clients open streams")
        let id = nextStreamID
        nextStreamID += 2
        if nextStreamID > 0x7FFF_FFFF { isDraining = true }
        streams[id] = Stream(
            context: context, sendWindow: peer.initialWindowSize,
            receiveWindow: HTTP2ReceiveWindow(
                initial: configuration.initialWindowSize, target: configuration.initialWindowSize),
            isLocalClosed: endStream)
        writeHeaderBlock(id, fields: fields, endStream: endStream)
        return id
    }

    /// Server: takes the stream of a ``Action/requestReceived(streamID:head:endStream:)`` into the
    /// table with the owner's object for it.
    mutating func accept(_ context: Context, streamID id: UInt32, endStream: Bool) {
        streams[id] = Stream(
            context: context, sendWindow: peer.initialWindowSize,
            receiveWindow: HTTP2ReceiveWindow(
                initial: configuration.initialWindowSize, target: configuration.initialWindowSize),
            isRemoteClosed: endStream)
    }

    /// What closing our side of a stream did.
    enum LocalEnd: Equatable {
        /// The peer's side is still open (client): the stream stays half-closed (local).
        case halfClosed
        /// Both sides are closed: the stream is gone.
        case closed
        /// Server: the peer was still sending. RST_STREAM NO_ERROR tells it to stop (§8.1);
        /// the stream is gone.
        case closedWithReset
        /// The stream is not open (it was reset).
        case notOpen
    }

    /// Writes a header block on an open stream (a response head, trailers); with `endStream`,
    /// closes our side.
    mutating func writeHeaders(
        _ fields: [(name: String, value: String)], streamID id: UInt32, endStream: Bool
    ) -> LocalEnd? {
        writeHeaderBlock(id, fields: fields, endStream: endStream)
        return endStream ? endLocal(id) : nil
    }

    /// Our END_STREAM went out on stream `id` (§5.1: half-closed local, or closed).
    mutating func endLocal(_ id: UInt32) -> LocalEnd {
        // In place through the index: one hash, and no copy (retain) of the owner's object.
        guard let index = streams.index(forKey: id) else { return .notOpen }
        if withStream(at: index, { $0.isRemoteClosed }) {
            streams.remove(at: index)
            return .closed
        }
        guard role == .server else {
            streams.values[index].isLocalClosed = true
            return .halfClosed
        }
        // We answered without reading the whole request: the client may stop sending (§8.1).
        streams.remove(at: index)
        HTTP2Frame.writeReset(into: &output, streamID: id, code: .noError)
        resetByUs.insert(id)
        return .closedWithReset
    }

    /// Sends what `queue` holds for stream `id` as far as the stream and connection windows
    /// allow (§6.9), then its end: END_STREAM on the last DATA frame, or its trailers. Small
    /// frames go into the output; before a large payload, `emit` gets the output so far and
    /// then the payload itself, so DATA is never copied. Call ``endLocal(_:)`` after `.ended`.
    mutating func drain(
        _ queue: inout HTTP2SendQueue, streamID id: UInt32, emit: (ByteBuffer) -> Void
    ) -> HTTP2SendQueue.DrainResult {
        guard let index = streams.index(forKey: id) else { return .ended }
        let result = queue.drain(
            streamID: id, window: &streams.values[index].sendWindow, connectionWindow: &sendWindow,
            maxFrameSize: peer.maxFrameSize, out: &output, emit: emit)
        guard case .trailers(let trailers) = result else { return result }
        writeHeaderBlock(id, fields: trailers.fields.map { ($0.name, $0.value) }, endStream: true)
        return .ended
    }

    /// The reader of stream `id` took what was buffered: reopen its receive window once half of
    /// it is used (§6.9).
    mutating func replenishReceiveWindow(_ id: UInt32) {
        guard let index = streams.index(forKey: id),
            let increment = withStream(at: index, { $0.isRemoteClosed ? nil : $0.receiveWindow.refill() })
        else {
            return
        }
        HTTP2Frame.writeWindowUpdate(into: &output, streamID: id, increment: increment)
    }

    /// Resets stream `id` with `code` (RST_STREAM, §6.4) and closes it; returns the owner's
    /// object if the stream was open.
    mutating func resetStream(_ id: UInt32, code: HTTP2ErrorCode) -> Context? {
        guard let stream = streams.removeValue(forKey: id) else { return nil }
        HTTP2Frame.writeReset(into: &output, streamID: id, code: code)
        if role == .server { resetByUs.insert(id) }
        return stream.context
    }

    // MARK: Frames on streams

    /// §5.1: an ID above any the peer may have used (server), or one we never opened (client).
    func isIdle(_ id: UInt32) -> Bool {
        switch role {
        case .server: id > lastPeerStreamID
        case .client: id % 2 == 0 || id >= nextStreamID
        }
    }

    /// Whether stream `id` is one of ours to open: odd for a client, even for a server (§5.1.1).
    func isLocallyInitiated(_ id: UInt32) -> Bool { (id % 2 == 1) == (role == .client) }

    /// - Throws: a PROTOCOL_ERROR connection error if stream `id` is idle (§5.1).
    func checkNotIdle(_ id: UInt32, _ what: String) throws(HTTPError) {
        guard !isIdle(id) else { throw .connection(.protocolError, "\(what) on idle stream \(id)") }
    }

    /// A stream error (§5.4.2): RST_STREAM `code`, and the stream is closed.
    mutating func resetStream(
        _ id: UInt32, _ code: HTTP2ErrorCode, _ message: String, as kind: HTTPError.Code = .protocolError
    ) -> Action {
        guard let context = resetStream(id, code: code) else { return .none }
        return .streamFailed(context, streamID: id, code: code, error: HTTPError(kind, message, http2Code: code))
    }

    /// RST_STREAM `code` for a stream that is not in the table (refused, closed, a bad PRIORITY).
    mutating func reject(
        _ id: UInt32, _ code: HTTP2ErrorCode, protocolError: String? = nil
    ) -> Action {
        HTTP2Frame.writeReset(into: &output, streamID: id, code: code)
        return .streamRejected(streamID: id, code: code, protocolError: protocolError)
    }

    /// §6.1: DATA counts against the connection window whatever its stream's state, then
    /// against the stream's.
    mutating func receiveData(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        let id = frame.streamID
        guard id != 0 else { throw .connection(.protocolError, "DATA on stream 0") }
        try checkNotIdle(id, "DATA")
        let length = frame.payload.readableBytes  // flow control counts padding too
        floods.peerSentWork()
        guard receiveWindow.consume(length) else {
            throw .connection(.flowControlError, "DATA beyond the connection window")
        }
        if let increment = receiveWindow.refill() {
            HTTP2Frame.writeWindowUpdate(into: &output, streamID: 0, increment: increment)
        }
        // The stream is changed in place through its index: one hash, no copy of its entry.
        guard let index = streams.index(forKey: id), !withStream(at: index, { $0.isRemoteClosed }) else {
            // Client: a stream we reset or finished, whose frames may still be in flight. Server:
            // STREAM_CLOSED; a stream still open on our side (half-closed remote) is reset and
            // forgotten too, so nothing more of its response follows the RST_STREAM (§5.1).
            guard role == .server else { return .none }
            if streams[id] != nil { return resetStream(id, .streamClosed, "DATA on a half-closed stream") }
            // §5.1: frames the client sent before our RST_STREAM reached it are ignored (their
            // length still counted against the connection window above), not answered with
            // STREAM_CLOSED, which clients report as a failed request.
            if resetByUs.contains(id) { return .none }
            return reject(id, .streamClosed)
        }
        let role = self.role
        let refusal = withStream(at: index) { stream -> (HTTP2ErrorCode, String)? in
            if role == .client && !stream.hasResponseHead { return (.protocolError, "DATA before the response head") }
            guard stream.receiveWindow.consume(length) else {
                return (.flowControlError, "DATA beyond the stream window")
            }
            return nil
        }
        if let (code, message) = refusal { return resetStream(id, code, message) }
        let data = try HTTP2Frame.unpadded(frame)
        let endStream = frame.has(HTTP2Flags.endStream)
        let count = data.readableBytes
        let (lengthError, closed) = withStream(at: index) { stream -> (String?, Bool) in
            if let expected = stream.expectedLength {
                stream.receivedLength += count
                if stream.receivedLength > expected { return ("more DATA than the content-length", false) }
                if endStream && stream.receivedLength != expected {
                    return ("less DATA than the content-length", false)
                }
            }
            let closed = endStream && stream.isLocalClosed
            if !closed { stream.isRemoteClosed = endStream }
            return (nil, closed)
        }
        if let lengthError { return resetStream(id, .protocolError, lengthError) }
        let context = closed ? streams.remove(at: index).value.context : withStream(at: index) { $0.context }
        return .data(context, streamID: id, data: data, endStream: endStream, isStreamClosed: closed)
    }

    /// A complete header block (§4.3): decoded even for a stream we forgot, so the HPACK table
    /// stays in step with the peer's.
    mutating func receiveHeaderBlock(_ block: HTTP2HeaderBlockReader.Block) throws(HTTPError) -> Action {
        switch role {
        case .server: try receiveRequestBlock(block)
        case .client: try receiveResponseBlock(block)
        }
    }

    private mutating func decode(
        _ block: HTTP2HeaderBlockReader.Block
    ) -> Result<[(name: String, value: String)], HPACKError> {
        block.bytes.withUnsafeBytes { raw in
            Result { () throws(HPACKError) in try decoder.decode(raw) }
        }
    }

    /// Server: a new request (§8.3.1), or trailers on an open one.
    private mutating func receiveRequestBlock(_ block: HTTP2HeaderBlockReader.Block) throws(HTTPError) -> Action {
        let id = block.streamID
        let decoded = decode(block)
        if var stream = streams[id] {
            if case .failure(let error) = decoded, error.kind == .compression {
                throw .connection(.compressionError, error.message)
            }
            // §5.1: half-closed (remote) takes no more HEADERS: a stream error.
            guard !stream.isRemoteClosed else {
                return resetStream(id, .streamClosed, "HEADERS on a half-closed stream")
            }
            // Trailers must end the stream (§8.1).
            guard block.endStream else {
                throw .connection(.protocolError, "HEADERS on an open stream without END_STREAM")
            }
            stream.isRemoteClosed = true
            let closed = stream.isLocalClosed
            streams[id] = closed ? nil : stream
            let trailers = try? decoded.get()
            return .trailers(
                stream.context, streamID: id, trailers.map { HTTPHeaders($0.map { ($0.name, $0.value) }) },
                isStreamClosed: closed)
        }
        guard id % 2 == 1 else { throw .connection(.protocolError, "client stream IDs are odd") }
        guard id > lastPeerStreamID else {
            // Trailers the client sent before our RST_STREAM reached it (§5.1: ignored; the block
            // was decoded above, so the HPACK state stays in step).
            if resetByUs.contains(id) { return .none }
            // §5.1.1: a new stream's ID must exceed every earlier one (PROTOCOL_ERROR); the last
            // stream's ID again names a closed stream (§5.1: STREAM_CLOSED).
            if id == lastPeerStreamID { throw .connection(.streamClosed, "HEADERS on closed stream \(id)") }
            throw .connection(.protocolError, "stream \(id) after stream \(lastPeerStreamID)")
        }
        lastPeerStreamID = id
        let fields: [(name: String, value: String)]
        switch decoded {
        case .success(let value): fields = value
        case .failure(let error) where error.kind == .compression:
            throw .connection(.compressionError, error.message)
        case .failure:
            // Too large: refuse this request, keep the connection (the table is in step).
            return reject(id, .refusedStream, protocolError: "header list too large")
        }
        guard !isDraining, streams.count < configuration.maxConcurrentStreams else { return reject(id, .refusedStream) }
        guard let head = HTTPRequestHead(http2Fields: fields) else { return reject(id, .protocolError) }
        return .requestReceived(streamID: id, head: head, endStream: block.endStream)
    }

    /// Client: a response head (§8.3.2; interim 1xx heads are skipped), or trailers.
    private mutating func receiveResponseBlock(_ block: HTTP2HeaderBlockReader.Block) throws(HTTPError) -> Action {
        let id = block.streamID
        try checkNotIdle(id, "HEADERS")
        let fields: [(name: String, value: String)]
        switch decode(block) {
        case .success(let value): fields = value
        case .failure(let error) where error.kind == .compression:
            throw .connection(.compressionError, error.message)
        case .failure(let error):
            return resetStream(id, .cancel, error.message, as: .responseTooLarge)
        }
        guard var stream = streams[id], !stream.isRemoteClosed else { return .none }
        if !stream.hasResponseHead {
            guard let head = HTTPResponseHead(http2Fields: fields) else {
                return resetStream(id, .protocolError, "malformed response head", as: .malformedResponse)
            }
            if (100..<200).contains(head.status) {
                // Interim (100 Continue, 103 Early Hints): the final head follows; it cannot end the stream.
                guard !block.endStream else {
                    return resetStream(id, .protocolError, "1xx with END_STREAM", as: .malformedResponse)
                }
                return .none
            }
            stream.hasResponseHead = true
            stream.expectedLength = head.headers["content-length"].flatMap { Int($0) }
            stream.isRemoteClosed = block.endStream
            let closed = block.endStream && stream.isLocalClosed
            streams[id] = closed ? nil : stream
            return .responseReceived(
                stream.context, streamID: id, head: head, endStream: block.endStream, isStreamClosed: closed)
        }
        // Trailers: no pseudo-headers, and they end the stream (§8.1).
        guard block.endStream, !fields.contains(where: { $0.name.utf8.first == UInt8(ascii: ":") }) else {
            return resetStream(id, .protocolError, "malformed trailers")
        }
        stream.isRemoteClosed = true
        let closed = stream.isLocalClosed
        streams[id] = closed ? nil : stream
        return .trailers(
            stream.context, streamID: id, HTTPHeaders(fields.map { ($0.name, $0.value) }), isStreamClosed: closed)
    }

    /// Encodes `fields` and writes them as HEADERS (+ CONTINUATION) frames (§4.3).
    private mutating func writeHeaderBlock(_ id: UInt32, fields: [(name: String, value: String)], endStream: Bool) {
        var block: [UInt8] = []
        encoder.encode(fields, into: &block)
        HTTP2Frame.writeHeaderBlock(
            into: &output, block, streamID: id, endStream: endStream, maxFrameSize: peer.maxFrameSize)
    }
}
