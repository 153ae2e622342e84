internal import Dispatch
internal import Glibc
internal import Transport

/// The process edge (ARCHITECTURE.md, "Processes"): the `listening on HOST:PORT` line, reports on
/// stderr, and termination signals. Only the host touches the process's streams and signals; the
/// libraries below it do not.
enum ServerProcess {
    /// Prints `listening on HOST:PORT` and flushes, so a parent reading stdout sees it at once.
    static func announce(_ address: SocketAddress) {
        print("listening on \(address)")
        fflush(nil)  // every stream; naming `stdout` is not concurrency-safe in Swift 6
    }

    /// Writes one line to stderr (what stopped a service, why the host failed).
    static func report(_ line: String) {
        // A plain write(2): naming `stderr` is not concurrency-safe in Swift 6, and Foundation's
        // FileHandle would link all of Foundation into every server for this one line.
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                write(2, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// Calls a handler when one of the watched signals arrives, instead of the signal's action
/// (by default, killing the process); ``stop()`` gives the signals their earlier actions back.
final class SignalWatcher: @unchecked Sendable {
    // @unchecked: every property is set in init and never changes; dispatch sources are
    // thread-safe objects, and the saved actions are plain C function pointers.
    private let signals: [Int32]
    private let earlierActions: [__sighandler_t?]
    private let sources: [any DispatchSourceSignal]

    /// Watches `signals`; `handler` runs on a private serial queue, once per delivery.
    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "room619.signals")
        self.signals = signals
        // A dispatch source sees a signal only if its action does not end the process first.
        earlierActions = signals.map { signal($0, SIG_IGN) }
        sources = signals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    /// Stops watching and restores the actions the signals had before.
    func stop() {
        for source in sources { source.cancel() }
        for (number, action) in zip(signals, earlierActions) { signal(number, action) }
    }
}
