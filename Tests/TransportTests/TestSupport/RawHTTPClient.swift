import Foundation
import Glibc

/// Why a raw socket operation failed.
enum RawClientError: Error, Equatable, CustomStringConvertible {
    /// A system call failed with `errno`.
    case system(String, Int32)
    /// Nothing arrived (or nothing could be sent) within the socket's timeout.
    case timedOut(String)
    /// The peer closed before what was expected arrived.
    case closedEarly(String)
    /// The peer reset the connection.
    case reset
    /// The response did not parse.
    case malformed(String)

    var description: String {
        switch self {
        case .system(let call, let code): "\(call): \(String(cString: strerror(code))) (errno \(code))"
        case .timedOut(let what): "timed out: \(what)"
        case .closedEarly(let what): "connection closed early: \(what)"
        case .reset: "connection reset by peer"
        case .malformed(let what): "malformed response: \(what)"
        }
    }
}

/// A response as read off the wire.
struct RawResponse: Sendable {
    var status: Int
    var reason: String
    /// Header fields in order, names lower-cased.
    var headers: [(name: String, value: String)]
    var body: [UInt8] = []
    var trailers: [(name: String, value: String)] = []

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first value of `name` (lower-case).
    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
}

/// A blocking TCP client on 127.0.0.1 for sending what well-behaved clients never send. Every
/// receive and send has a timeout, so a test fails instead of hanging. Blocking: use it only
/// inside ``onBlockingThread(_:)``, never on the cooperative pool.
final class RawHTTPClient {
    let fd: Int32
    private var received: [UInt8] = []
    private var readIndex = 0
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    private var isClosed = false

    /// Connects to `127.0.0.1:port`.
    /// - Throws: ``RawClientError/system(_:_:)`` (`ECONNREFUSED` when nothing listens).
    init(port: Int, timeout: Duration = testPatience) throws(RawClientError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .system("connect", code)
        }
        let (seconds, attoseconds) = timeout.components
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, size)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, size)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        self.fd = fd
    }

    deinit { close() }

    /// Closes the socket (unread input makes the kernel send a reset).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Shrinks the kernel's receive buffer, so a reader that does not read is felt sooner.
    /// Closes with a TCP reset (`SO_LINGER` 0) instead of a FIN: the server cannot mistake it
    /// for a half-close after a complete request.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    func setReceiveBuffer(_ bytes: Int32) {
        var value = bytes
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    // MARK: Sending

    func send(_ text: String) throws(RawClientError) { try send(Array(text.utf8)) }

    /// Sends every byte (`MSG_NOSIGNAL`: a closed peer is an error, not a signal).
    func send(_ bytes: [UInt8]) throws(RawClientError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count >= 0 {
                offset += count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .timedOut("sending \(bytes.count - offset) more bytes")
            case EPIPE, ECONNRESET: throw .reset
            case let code: throw .system("send", code)
            }
        }
    }

    // MARK: Receiving

    /// Reads more bytes into the buffer; `false` at the end of the stream.
    private func fill(_ what: String) throws(RawClientError) -> Bool {
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                if readIndex > 0 && readIndex == received.count {
                    received.removeAll(keepingCapacity: true)
                    readIndex = 0
                }
                received.append(contentsOf: scratch[0..<count])
                return true
            }
            if count == 0 { return false }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .timedOut(what)
            case ECONNRESET: throw .reset
            case let code: throw .system("recv", code)
            }
        }
    }

    private var available: Int { received.count - readIndex }

    private func take(_ count: Int) -> [UInt8] {
        let bytes = Array(received[readIndex..<(readIndex + count)])
        readIndex += count
        return bytes
    }

    /// The next line without its CRLF.
    private func readLine(_ what: String) throws(RawClientError) -> String {
        while true {
            if let lf = received[readIndex...].firstIndex(of: 0x0A) {
                let line = take(lf - readIndex + 1)
                guard line.count >= 2, line[line.count - 2] == 0x0D else { throw .malformed("bare LF in \(what)") }
                return String(decoding: line.dropLast(2), as: UTF8.self)
            }
            guard try fill(what) else { throw .closedEarly(what) }
        }
    }

    /// Exactly `count` bytes.
    func readExactly(_ count: Int, _ what: String = "body") throws(RawClientError) -> [UInt8] {
        while available < count {
            guard try fill(what) else { throw .closedEarly("\(what): \(available) of \(count) bytes") }
        }
        return take(count)
    }

    /// Streams `count` bytes to `each` without collecting them.
    func readStreaming(_ count: Int, each: ([UInt8]) -> Void) throws(RawClientError) {
        var remaining = count
        while remaining > 0 {
            if available == 0 {
                guard try fill("streamed body") else {
                    throw .closedEarly("streamed body: \(count - remaining) of \(count) bytes")
                }
            }
            let piece = take(min(available, remaining))
            remaining -= piece.count
            each(piece)
        }
    }

    /// A status line and header fields (the body is not read).
    func readHead() throws(RawClientError) -> RawResponse {
        let statusLine = try readLine("status line")
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0", let status = Int(parts[1]) else {
            throw .malformed("status line \(statusLine)")
        }
        return RawResponse(
            status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: try readFields("header"))
    }

    private func readFields(_ what: String) throws(RawClientError) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        while true {
            let line = try readLine(what)
            if line.isEmpty { return fields }
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("\(what) line \(line)") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields.append((name: line[..<colon].lowercased(), value: value))
        }
    }

    /// One whole response; `method` says whether a body follows (none for `HEAD`).
    func readResponse(method: String = "GET") throws(RawClientError) -> RawResponse {
        var response = try readHead()
        if method == "HEAD" || response.status == 204 || response.status == 304 || response.status < 200 {
            return response
        }
        if response.header("transfer-encoding") == "chunked" {
            while true {
                let sizeLine = try readLine("chunk size")
                guard let size = Int(sizeLine.prefix { $0 != ";" }, radix: 16) else {
                    throw .malformed("chunk size \(sizeLine)")
                }
                if size == 0 { break }
                response.body += try readExactly(size, "chunk")
                guard try readLine("chunk end").isEmpty else { throw .malformed("chunk not followed by CRLF") }
            }
            response.trailers = try readFields("trailer")
        } else if let text = response.header("content-length") {
            guard let length = Int(text) else { throw .malformed("content-length \(text)") }
            response.body = try readExactly(length)
        } else {
            response.body = try readUntilClose()
        }
        return response
    }

    /// Everything until the peer closes.
    /// - Throws: ``RawClientError/reset`` if it resets instead, ``RawClientError/timedOut(_:)``
    ///   if it stays open.
    func readUntilClose() throws(RawClientError) -> [UInt8] {
        while try fill("the end of the stream") {}
        return take(available)
    }
}

/// Runs blocking work on a thread of its own, so the cooperative pool (two threads on a
/// two-core machine) stays free for the server's tasks and the other tests.
func onBlockingThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
