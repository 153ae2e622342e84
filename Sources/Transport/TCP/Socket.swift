internal import CTransport
internal import Glibc

/// An IPv4 or IPv6 socket address.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host as text (`127.0.0.1`, `::1`).
    public var host: String
    /// The port.
    public var port: Int

    /// An address; `host` must be a numeric IPv4 or IPv6 address (or `localhost`).
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:8080`, `[::1]:8080`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with the `sockaddr` form.
    func withSockAddr<R>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemError) -> R
    ) throws(SystemError) -> R {
        let numericHost = host == "localhost" ? "127.0.0.1" : host
        if numericHost.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            guard inet_pton(AF_INET6, numericHost, &address.sin6_addr) == 1 else {
                throw SystemError(call: "inet_pton", code: EINVAL, context: numericHost)
            }
            return try withUnsafePointer(to: &address) { (pointer) throws(SystemError) -> R in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (raw) throws(SystemError) -> R in
                    try body(raw, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        guard inet_pton(AF_INET, numericHost, &address.sin_addr) == 1 else {
            throw SystemError(call: "inet_pton", code: EINVAL, context: numericHost)
        }
        return try withUnsafePointer(to: &address) { (pointer) throws(SystemError) -> R in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (raw) throws(SystemError) -> R in
                try body(raw, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// The address in `storage`, or `nil` for families other than IPv4 and IPv6.
    static func from(_ storage: sockaddr_storage) -> SocketAddress? {
        var storage = storage
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            switch family {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var inAddress = address.pointee.sin_addr
                    inet_ntop(AF_INET, &inAddress, &text, socklen_t(text.count))
                    return SocketAddress(
                        host: cText(text), port: Int(UInt16(bigEndian: address.pointee.sin_port)))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var inAddress = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &inAddress, &text, socklen_t(text.count))
                    return SocketAddress(
                        host: cText(text), port: Int(UInt16(bigEndian: address.pointee.sin6_port)))
                }
            default:
                return nil
            }
        }
    }
}

/// Thin wrappers over the socket calls, each failing with a ``SystemError``.
enum Socket {
    static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)

    /// A non-blocking listening socket bound to `address` (port 0: any free port).
    static func listen(on address: SocketAddress, backlog: Int32 = 1024) throws(SystemError) -> Int32 {
        let family = address.host.contains(":") ? AF_INET6 : AF_INET
        let fd = socket(family, streamType, 0)
        guard fd >= 0 else { throw SystemError.last("socket") }
        do throws(SystemError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            try address.withSockAddr { (pointer, length) throws(SystemError) in
                guard bind(fd, pointer, length) == 0 else { throw SystemError.last("bind", address.description) }
            }
            guard Glibc.listen(fd, backlog) == 0 else { throw SystemError.last("listen", address.description) }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// A non-blocking socket with a connect in progress (or done) to `address`.
    static func connect(to address: SocketAddress) throws(SystemError) -> (fd: Int32, inProgress: Bool) {
        let family = address.host.contains(":") ? AF_INET6 : AF_INET
        let fd = socket(family, streamType, 0)
        guard fd >= 0 else { throw SystemError.last("socket") }
        do throws(SystemError) {
            try setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            return try address.withSockAddr { (pointer, length) throws(SystemError) in
                if Glibc.connect(fd, pointer, length) == 0 { return (fd, false) }
                guard errno == EINPROGRESS else { throw SystemError.last("connect", address.description) }
                return (fd, true)
            }
        } catch {
            close(fd)
            throw error
        }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32) throws(SystemError) {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SystemError.last("setsockopt")
        }
    }

    /// The pending error of a socket (after a non-blocking connect), 0 if none.
    static func pendingError(_ fd: Int32) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return errno }
        return value
    }

    /// The local address of a socket.
    static func localAddress(_ fd: Int32) -> SocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return result == 0 ? SocketAddress.from(storage) : nil
    }

    /// Accepts one pending connection: its descriptor and peer, `nil` when none is pending.
    static func accept(_ listener: Int32) throws(SystemError) -> (fd: Int32, peer: SocketAddress?)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                ct_accept_nonblocking(listener, $0, &length)
            }
        }
        if fd < 0 {
            switch errno {
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED: return nil
            default: throw SystemError.last("accept4")
            }
        }
        try? setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        return (fd, SocketAddress.from(storage))
    }
}

/// A C string in `buffer` (up to its first NUL) as a Swift string.
func cText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
