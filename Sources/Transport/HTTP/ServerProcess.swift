internal import Dispatch
internal import Glibc

/// The conventions every room619 server executable follows (ARCHITECTURE.md, "Processes"):
/// the listen address from `HOST` (default `127.0.0.1`) and `PORT` (default 0: any free port)
/// or `--host=` / `--port=` flags, unknown `--name=value` flags ignored, one
/// `listening on HOST:PORT` line on stdout once ready, graceful stop on SIGTERM or SIGINT.
public enum ServerProcess {
    /// The address to listen on, from flags (which win) and the environment.
    public static func listenAddress(
        arguments: [String] = CommandLine.arguments, defaultPort: Int = 0
    ) -> (host: String, port: Int) {
        var host = Environment.value("HOST") ?? "127.0.0.1"
        var port = Environment.value("PORT").flatMap { Int($0) } ?? defaultPort
        for argument in arguments.dropFirst() {
            if argument.hasPrefix("--host=") {
                host = String(argument.dropFirst("--host=".count))
            } else if argument.hasPrefix("--port="), let value = Int(argument.dropFirst("--port=".count)) {
                port = value
            }
            // Anything else (--use_tls=false, --server_host_override=…) is accepted and ignored.
        }
        return (host, port)
    }

    /// Prints `listening on HOST:PORT` and flushes, so a parent reading stdout sees it at once.
    public static func announce(_ address: SocketAddress) {
        print("listening on \(address)")
        fflush(nil)  // every stream; naming `stdout` is not concurrency-safe in Swift 6
    }

    /// Returns when the process receives SIGTERM or SIGINT (which no longer kill it).
    public static func terminationSignal() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "room619.signals")
            let fired = SignalLatch(continuation)
            for number in [SIGTERM, SIGINT] {
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { fired.fire() }
                source.resume()
                fired.keep(source)
            }
        }
    }

    /// Resumes the continuation once; keeps the signal sources alive.
    private final class SignalLatch: @unchecked Sendable {
        private var continuation: CheckedContinuation<Void, Never>?
        private var sources: [any DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

        // Both run on the one serial signal queue (keep: before any handler can run).
        func keep(_ source: any DispatchSourceSignal) { sources.append(source) }

        func fire() {
            continuation?.resume()
            continuation = nil
        }
    }
}
