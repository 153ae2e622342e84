internal import Bytes
internal import CTransport
internal import Synchronization

/// A connection's protocol (HTTP/1.1, HTTP/2), driven by its ``Connection`` on the loop.
protocol ConnectionHandler: AnyObject {
    /// New bytes are readable in `connection.inbound`; consume what can be used.
    func dataReceived(_ connection: Connection)
    /// The peer closed its sending side.
    func inputClosed(_ connection: Connection)
    /// The outbound queue drained below the low watermark after passing the high one.
    func becameWritable(_ connection: Connection)
    /// The connection's deadline passed (see ``Connection/setDeadline(after:)``).
    func deadlinePassed(_ connection: Connection)
    /// The connection closed; release everything.
    func connectionClosed(_ connection: Connection, error: (any Error)?)
}

/// Process-unique connection numbers.
let connectionIDs = Atomic<UInt64>(0)

/// One TCP connection, confined to its event loop: reads into ``inbound``, queues writes with
/// backpressure, closes once. Its protocol lives in ``handler``.
///
/// `@unchecked Sendable`: it is handed to its loop's closures, and every access happens on that
/// loop's thread (callers elsewhere go through `loop.execute`).
final class Connection: Selectable, @unchecked Sendable {
    let loop: EventLoop
    let stream: any ByteStream
    let info: ConnectionInfo
    let observer: any TransportObserver
    var handler: (any ConnectionHandler)?
    /// Bytes read and not yet consumed by the handler.
    var inbound = ByteBuffer()

    private var outbound: [ByteBuffer] = []
    private var outboundHead = 0
    private(set) var outboundBytes = 0
    /// Bytes written to the socket so far (progress, for the drain watchdog).
    private var bytesWritten = 0
    private var slot = -1
    private var interest: UInt32 = CT_EPOLLIN | CT_EPOLLRDHUP
    private(set) var isClosed = false
    private var closeWhenFlushed = false
    /// A write failed: nothing more goes out; the connection closes after a last read.
    private var outputBroken = false
    /// `closeAfterFlush` wrote everything and half-closed; waiting for the peer's FIN.
    private var finishing = false
    /// The peer's FIN arrived while closing.
    private var peerFinished = false
    private var readingPaused = false
    /// Whether the registration includes `EPOLLOUT` (queued bytes wait for writability).
    private var isRegisteredForWritable = false
    private var wasOverHighWater = false
    private var deadline: UInt64 = 0
    /// The timer that checks the deadline, and when it fires.
    private var deadlineTimer: (handle: TimerHeap.Handle, firesAt: UInt64)?

    /// Outbound bytes above which writers wait, and below which they resume.
    static let highWatermark = 256 * 1024
    static let lowWatermark = 64 * 1024
    /// Bytes read per `read` call at most.
    static let readChunk = 64 * 1024

    init(loop: EventLoop, stream: any ByteStream, peer: SocketAddress?, observer: any TransportObserver) {
        self.loop = loop
        self.stream = stream
        self.observer = observer
        self.info = ConnectionInfo(
            id: connectionIDs.wrappingAdd(1, ordering: .relaxed).newValue, peer: peer,
            local: Socket.localAddress(stream.fd))
    }

    /// Starts waiting for input. Call on the loop.
    func activate() throws(SystemError) {
        slot = try loop.register(fd: stream.fd, events: interest, self)
        observer.connectionOpened(info)
    }

    /// Whether the outbound queue is below the high watermark (never after a failed write:
    /// writers then wait for the close instead of queueing into nothing).
    var isWritable: Bool { !outputBroken && outboundBytes < Self.highWatermark }

    // MARK: Reading

    func readable() {
        guard !isClosed else { return }
        var total = 0
        // Bounded reads per wake-up, so one busy peer cannot starve the others on this loop.
        reads: for _ in 0..<4 {
            var outcome = IOResult.wouldBlock
            inbound.writeWithUnsafeMutableBytes(minimumWritableBytes: 16 * 1024) { raw in
                outcome = stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw.prefix(Self.readChunk)))
                if case .bytes(let count) = outcome { return count }
                return 0
            }
            switch outcome {
            case .bytes(let count):
                if closeWhenFlushed {
                    inbound.clear()  // closing: what the peer still sends is read only to be dropped
                    continue
                }
                total += count
                if count < 16 * 1024 { break reads }
            case .wouldBlock:
                break reads
            case .endOfStream:
                if closeWhenFlushed {
                    peerFinished = true
                    if finishing || outboundHead >= outbound.count { close(error: nil) } else { stopReading() }
                    return
                }
                if total > 0 { deliver(total) }
                guard !isClosed else { return }
                stopReading()
                handler?.inputClosed(self)
                return
            case .failed(let error):
                close(error: error)
                return
            }
        }
        if total > 0 { deliver(total) }
    }

    private func deliver(_ count: Int) {
        observer.bytesTransferred(info, read: count, written: 0)
        handler?.dataReceived(self)
        // Keep the buffer from growing with consumed bytes.
        if inbound.readableBytes == 0 { inbound.clear() }
    }

    /// Stops reading (backpressure: the handler has enough buffered).
    func pauseReading() {
        guard !readingPaused, !isClosed else { return }
        readingPaused = true
        updateInterest()
    }

    /// Resumes reading after ``pauseReading()``.
    func resumeReading() {
        guard readingPaused, !isClosed else { return }
        readingPaused = false
        updateInterest()
        // Bytes may have arrived (or sit in `inbound` unprocessed) while paused.
        if inbound.readableBytes > 0 { loop.execute { [self] in if !isClosed { handler?.dataReceived(self) } } }
    }

    private func stopReading() {
        interest &= ~(CT_EPOLLIN | CT_EPOLLRDHUP)
        updateInterest()
    }

    private func updateInterest() {
        var events = interest
        if readingPaused { events &= ~(CT_EPOLLIN | CT_EPOLLRDHUP) }
        if outboundHead < outbound.count { events |= CT_EPOLLOUT }
        isRegisteredForWritable = events & CT_EPOLLOUT != 0
        loop.modify(fd: stream.fd, slot: slot, events: events)
    }

    // MARK: Writing

    /// Queues `buffer`; bytes go out on ``flush()``.
    func write(_ buffer: ByteBuffer) {
        guard !isClosed, !outputBroken, buffer.readableBytes > 0 else { return }
        outbound.append(buffer)
        outboundBytes += buffer.readableBytes
        if outboundBytes >= Self.highWatermark { wasOverHighWater = true }
    }

    /// Writes queued bytes now, as far as the socket takes them; the rest waits for writability.
    func flush() {
        guard !isClosed, !outputBroken else { return }
        var written = 0
        while outboundHead < outbound.count {
            let result = outbound[outboundHead].withUnsafeReadableBytes { stream.write($0) }
            switch result {
            case .bytes(let count):
                written += count
                outboundBytes -= count
                if count == outbound[outboundHead].readableBytes {
                    outboundHead += 1
                } else {
                    outbound[outboundHead].moveReaderIndex(forwardBy: count)
                }
                continue
            case .wouldBlock, .endOfStream:
                break
            case .failed(let error):
                if written > 0 { observer.bytesTransferred(info, read: 0, written: written) }
                outputFailed(error)
                return
            }
            break
        }
        if written > 0 {
            bytesWritten += written
            observer.bytesTransferred(info, read: 0, written: written)
        }
        let pending = outboundHead < outbound.count
        if !pending {
            outbound.removeAll(keepingCapacity: outbound.count < 64)
            outboundHead = 0
            if closeWhenFlushed {
                finishClose()
                return
            }
        } else if outboundHead > 32 {
            outbound.removeFirst(outboundHead)
            outboundHead = 0
        }
        // Compare with the registration, not with the queue before this flush: `write` queues
        // bytes before calling `flush`, so the queue was never empty here on a first stall.
        if pending != isRegisteredForWritable { updateInterest() }
        if wasOverHighWater && outboundBytes <= Self.lowWatermark {
            wasOverHighWater = false
            handler?.becameWritable(self)
        }
    }

    func writable() {
        flush()
    }

    /// The peer reset the connection (EPIPE, ECONNRESET) while we wrote. What it sent before —
    /// typically a final answer such as a 413 to an upload it refused — is still readable: read
    /// it (on the next turn of the loop, not inside the caller's write), then close.
    private func outputFailed(_ error: SystemError) {
        guard !outputBroken else { return }
        outputBroken = true
        outbound.removeAll()
        outboundHead = 0
        outboundBytes = 0
        updateInterest()
        loop.execute { [self] in
            guard !isClosed else { return }
            if !readingPaused { readable() }
            close(error: error)
        }
    }

    // MARK: Deadlines

    /// Calls the handler's ``ConnectionHandler/deadlinePassed(_:)`` after `delay` unless the
    /// deadline is moved or cleared first. Moving it later costs a field write, not a timer (the
    /// armed timer re-arms itself); moving it earlier replaces the timer.
    func setDeadline(after delay: Duration) {
        deadline = MonotonicClock.now() + delay.nanoseconds
        armDeadlineTimer()
    }

    /// No deadline.
    func clearDeadline() { deadline = 0 }

    private func armDeadlineTimer() {
        guard deadline != 0, !isClosed else { return }
        if let armed = deadlineTimer {
            // A timer that fires by the deadline checks it then; a later one would fire late
            // (a short head timeout after a long idle timeout).
            guard armed.firesAt > deadline else { return }
            loop.cancel(armed.handle)
        }
        let now = MonotonicClock.now()
        let delay = deadline > now ? deadline - now : 0
        let handle = loop.schedule(after: .nanoseconds(Int64(delay))) { [weak self] in
            guard let self else { return }
            deadlineTimer = nil
            guard !isClosed, deadline != 0 else { return }
            if MonotonicClock.now() >= deadline {
                deadline = 0
                handler?.deadlinePassed(self)
            } else {
                armDeadlineTimer()
            }
        }
        deadlineTimer = (handle, deadline)
    }

    // MARK: Closing

    func failed() {
        close(error: SystemError(call: "epoll", code: Socket.pendingError(stream.fd)))
    }

    /// Closes once the queued bytes are written.
    ///
    /// Input keeps being read and dropped meanwhile: closing a socket with unread input makes the
    /// kernel reset the connection, which can destroy the last bytes still in flight to the peer
    /// (an HTTP/2 client keeps sending WINDOW_UPDATEs while it reads a response).
    func closeAfterFlush() {
        guard !isClosed, !closeWhenFlushed else { return }
        closeWhenFlushed = true
        deadline = 0  // the handler is done with the connection: its timeouts no longer apply
        if readingPaused {
            readingPaused = false
            updateInterest()
        }
        inbound.clear()
        if outboundHead >= outbound.count {
            finishClose()
        } else {
            flush()
            watchDrain()
        }
    }

    /// Everything is written: send FIN, then close when the peer's FIN comes, or after a short
    /// grace period.
    private func finishClose() {
        guard !isClosed, !finishing else { return }
        finishing = true
        guard !peerFinished else {
            close(error: nil)
            return
        }
        stream.shutdownOutput()
        _ = loop.schedule(after: .seconds(2)) { [weak self] in self?.close(error: nil) }
    }

    /// How long draining before a close may go without progress before the peer is given up on.
    static let drainStallTimeout: Duration = .seconds(10)

    /// While the last bytes drain before a close, closes anyway once the peer has taken nothing
    /// for ``drainStallTimeout``: a slow reader still gets everything, one that stopped reading
    /// cannot hold the connection open.
    private func watchDrain() {
        let mark = bytesWritten
        _ = loop.schedule(after: Self.drainStallTimeout) { [weak self] in
            guard let self, !isClosed else { return }
            if bytesWritten == mark { close(error: nil) } else { watchDrain() }
        }
    }

    /// Closes now, dropping queued bytes.
    func close(error: (any Error)?) {
        guard !isClosed else { return }
        isClosed = true
        if slot >= 0 { loop.deregister(fd: stream.fd, slot: slot) }
        stream.close()
        outbound.removeAll()
        outboundBytes = 0
        observer.connectionClosed(info, error: error)
        let handler = self.handler
        self.handler = nil  // breaks the cycle handler → connection
        handler?.connectionClosed(self, error: error)
    }
}
