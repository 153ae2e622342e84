internal import CTransport
internal import Glibc

/// Waits for a non-blocking connect to finish (the socket becomes writable).
private final class ConnectWaiter: Selectable, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    var slot = -1
    var done: ((SystemError?) -> Void)?

    init(fd: Int32, loop: EventLoop) {
        self.fd = fd
        self.loop = loop
    }

    func finish(_ error: SystemError?) {
        guard let done else { return }
        self.done = nil
        if slot >= 0 { loop.deregister(fd: fd, slot: slot) }
        slot = -1
        done(error)
    }

    func readable() { writable() }
    func writable() {
        let code = Socket.pendingError(fd)
        finish(code == 0 ? nil : SystemError(call: "connect", code: code))
    }
    func failed() { writable() }
}

/// Connects to `address` on `loop` within `timeout`, then (on the loop) wraps the socket in a
/// ``Connection`` driven by the handler `makeHandler` returns, and starts reading. Both client
/// protocols connect this way.
/// - Throws: ``HTTPClientError`` `connectFailed` or `connectTimeout`.
func connectTCP<Handler: ConnectionHandler & Sendable>(
    to address: SocketAddress, loop: EventLoop, timeout: Duration, observer: any TransportObserver,
    makeHandler: @escaping @Sendable (Connection) -> Handler,
    activated: @escaping @Sendable (Handler) -> Void = { _ in }
) async throws(HTTPClientError) -> Handler {
    let result = await withCheckedContinuation {
        (continuation: CheckedContinuation<Result<Handler, HTTPClientError>, Never>) in
        loop.execute {
            let fd: Int32
            let inProgress: Bool
            do throws(SystemError) {
                (fd, inProgress) = try Socket.connect(to: address)
            } catch {
                continuation.resume(
                    returning: .failure(HTTPClientError(code: .connectFailed, message: error.description)))
                return
            }
            let waiter = ConnectWaiter(fd: fd, loop: loop)
            var timer: TimerHeap.Handle?
            waiter.done = { error in
                if let timer { loop.cancel(timer) }
                if let error {
                    close(fd)
                    let code: HTTPClientError.Code = error.code == ETIMEDOUT ? .connectTimeout : .connectFailed
                    continuation.resume(
                        returning: .failure(HTTPClientError(code: code, message: "\(address): \(error)")))
                    return
                }
                let connection = Connection(loop: loop, stream: SocketStream(fd: fd), peer: address, observer: observer)
                let handler = makeHandler(connection)
                connection.handler = handler
                do throws(SystemError) {
                    try connection.activate()
                    // On the loop, before any read is processed: an HTTP/2 preface must be the
                    // first bytes out, ahead of the ACK of a server's SETTINGS.
                    activated(handler)
                    continuation.resume(returning: .success(handler))
                } catch {
                    connection.close(error: error)
                    continuation.resume(
                        returning: .failure(HTTPClientError(code: .connectFailed, message: error.description)))
                }
            }
            guard inProgress else {
                waiter.finish(nil)
                return
            }
            do throws(SystemError) {
                waiter.slot = try loop.register(fd: fd, events: CT_EPOLLOUT, waiter)
            } catch {
                waiter.finish(error)
                return
            }
            timer = loop.schedule(after: timeout) {
                waiter.finish(SystemError(call: "connect", code: ETIMEDOUT, context: address.description))
            }
        }
    }
    return try result.get()
}
