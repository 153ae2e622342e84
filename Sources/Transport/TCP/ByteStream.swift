internal import Glibc

/// What one read or write did.
enum IOResult {
    /// This many bytes moved.
    case bytes(Int)
    /// Nothing moved: try again when the descriptor is ready.
    case wouldBlock
    /// The peer closed its sending side (reads only).
    case endOfStream
    /// The stream failed.
    case failed(SystemError)
}

/// The byte stream under HTTP: plain TCP today; TLS (OpenSSL, with ALPN) slots in by
/// implementing this over the same descriptor, without touching the HTTP code.
protocol ByteStream: AnyObject {
    /// The descriptor the event loop waits on.
    var fd: Int32 { get }
    /// Reads into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult
    /// Writes from `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult
    /// Ends the sending side (TCP FIN; TLS would send close_notify first); reading goes on.
    func shutdownOutput()
    /// Closes the stream and its descriptor.
    func close()
}

/// A TCP socket as a byte stream.
final class SocketStream: ByteStream {
    let fd: Int32
    private var isClosed = false

    init(fd: Int32) {
        self.fd = fd
    }

    deinit { close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(SystemError.last("read"))
            }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            // `send` with MSG_NOSIGNAL, not `write`: writing to a connection the peer reset would
            // raise SIGPIPE, whose default action kills the whole process.
            let count = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .bytes(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(SystemError.last("write"))
            }
        }
    }

    func shutdownOutput() {
        guard !isClosed else { return }
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }
}
