#if canImport(Glibc)
    internal import Glibc
#endif

/// What one pool thread owns: its connection (opened on first use, replaced when it breaks) and
/// the means to open another. Lives and dies on that thread.
final class WorkerContext {
    private let open: @Sendable () throws(StorageError) -> any DriverConnection
    private let counters: StorageCounters
    private var current: (any DriverConnection)?

    init(open: @escaping @Sendable () throws(StorageError) -> any DriverConnection, counters: StorageCounters) {
        self.open = open
        self.counters = counters
    }

    /// The open connection, opening one first when there is none.
    func connection() throws(StorageError) -> any DriverConnection {
        if let current { return current }
        let connection = try open()
        StorageCounters.increment(counters.connectionsOpened)
        current = connection
        return connection
    }

    /// Whether there is a connection and it is broken.
    var isConnectionBroken: Bool { current?.isBroken ?? false }

    /// After a job: drops a broken connection (the next job opens another), otherwise lets the
    /// connection tidy up.
    func finishJob() {
        guard let connection = current else { return }
        if connection.isBroken {
            discard()
        } else {
            connection.finishJob()
        }
    }

    /// Closes and forgets the connection, counting it as discarded.
    func discard() {
        guard let connection = current else { return }
        connection.close()
        current = nil
        StorageCounters.increment(counters.connectionsDiscarded)
    }

    /// Closes the connection for good (the pool is closing).
    func close() {
        current?.close()
        current = nil
    }

    /// Blocks this (dedicated) thread for `duration`: the backoff between two attempts.
    static func sleep(_ duration: Duration) {
        let nanoseconds = duration.totalNanoseconds
        guard nanoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
