internal import Bytes

/// One stream's sending side, shared by server and client streams: data waiting for
/// flow-control window, then the end (END_STREAM on the last DATA frame, or trailers), and the
/// writers waiting for room. Lives on the connection's loop; the windows it drains against are
/// the ``HTTP2ConnectionStateMachine``'s.
struct HTTP2SendQueue {
    private(set) var pending: [ByteBuffer] = []
    private(set) var pendingBytes = 0
    /// The producer ended the stream: what is pending is all there is.
    private(set) var finished = false
    /// END_STREAM went out: nothing more may.
    var closed = false
    private var trailers: HTTPHeaders?
    /// Writers waiting for ``hasRoom``.
    var writers: [CheckedContinuation<Void, any Error>] = []

    /// Bytes a stream may queue before its writer waits.
    static let pendingLimit = 256 * 1024

    /// Whether a writer may queue more.
    var hasRoom: Bool { pendingBytes < Self.pendingLimit }

    mutating func append(_ chunk: ByteBuffer) {
        guard chunk.readableBytes > 0 else { return }
        pending.append(chunk)
        pendingBytes += chunk.readableBytes
    }

    /// Ends the stream after the pending data, with `trailers` if there are any.
    mutating func finish(trailers: HTTPHeaders?) {
        finished = true
        if let trailers, trailers.count > 0 { self.trailers = trailers }
    }

    /// Drops what waits (the stream was reset) and fails the writers with `error`.
    mutating func abort(_ error: any Error) {
        pending.removeAll()
        pendingBytes = 0
        closed = true
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume(throwing: error) }
    }

    /// Resumes the writers if there is room and `connectionWritable`.
    mutating func resumeWriters(connectionWritable: Bool) {
        guard hasRoom, connectionWritable, !writers.isEmpty else { return }
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume() }
    }

    /// What ``drain(streamID:window:connectionWindow:maxFrameSize:out:emit:)`` left.
    enum DrainResult {
        /// Data waits for window.
        case blocked
        /// Everything queued went out; the stream is still open for more.
        case open
        /// END_STREAM went out.
        case ended
        /// The data went out; these trailers must follow as HEADERS with END_STREAM.
        case trailers(HTTPHeaders)
    }

    /// Writes DATA frames for as much pending data as the stream and connection windows allow,
    /// then the end if the producer finished. Small frames go into `out`; before a large
    /// payload, `emit` gets `out` and then the payload as it is (no copy).
    mutating func drain(
        streamID: UInt32, window: inout Int, connectionWindow: inout Int, maxFrameSize: Int, out: inout ByteBuffer,
        emit: (ByteBuffer) -> Void
    ) -> DrainResult {
        guard !closed else { return .ended }
        while !pending.isEmpty {
            let available = min(window, connectionWindow)
            guard available > 0 else { return .blocked }
            var chunk = pending[0]
            let count = min(available, maxFrameSize, chunk.readableBytes)
            let piece = chunk.readSlice(length: count) ?? ByteBuffer()
            if chunk.readableBytes == 0 { pending.removeFirst() } else { pending[0] = chunk }
            pendingBytes -= count
            window -= count
            connectionWindow -= count
            let last = pending.isEmpty && finished && trailers == nil
            HTTP2Frame.writeHeader(
                into: &out, length: count, type: .data, flags: last ? HTTP2Flags.endStream : 0, streamID: streamID)
            if count <= 4096 {
                out.writeBuffer(piece)
            } else {
                emit(out)
                out = ByteBuffer(capacity: 16 * 1024)
                emit(piece)
            }
            if last {
                closed = true
                return .ended
            }
        }
        guard finished else { return .open }
        closed = true
        if let trailers {
            self.trailers = nil
            return .trailers(trailers)
        }
        // The end with no data left: an empty DATA frame carries END_STREAM.
        HTTP2Frame.writeHeader(into: &out, length: 0, type: .data, flags: HTTP2Flags.endStream, streamID: streamID)
        return .ended
    }
}

/// A receive window (connection or stream): DATA consumes it, WINDOW_UPDATE frames top it up
/// once half of it is used, so a steady sender sees few updates.
struct HTTP2ReceiveWindow {
    /// Bytes the peer may still send.
    private(set) var available: Int
    /// The size the window is topped up to.
    let target: Int

    init(initial: Int, target: Int) {
        self.available = initial
        self.target = target
    }

    /// Takes `count` bytes of window; `false` (and nothing taken) if the peer overran it.
    mutating func consume(_ count: Int) -> Bool {
        guard count <= available else { return false }
        available -= count
        return true
    }

    /// The increment to announce now, if the window fell below half its target; the window is
    /// counted as announced.
    mutating func refill() -> Int? {
        guard available < target / 2 else { return nil }
        let increment = target - available
        available = target
        return increment
    }
}
