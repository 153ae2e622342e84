// A throwaway PostgreSQL cluster for tests: `initdb` in a temporary directory, `pg_ctl start` on a
// free loopback port (and a Unix socket in that directory), stopped and removed when the test
// process exits, even when it crashes.
import Foundation
import Synchronization

/// A PostgreSQL server the tests start themselves, one per test process.
///
/// ```swift
/// let cluster = try await PostgresCluster.shared()
/// var configuration = PostgresConfiguration(url: cluster.url())
/// configuration.schema = "t_\(UInt32.random(in: 0 ... .max))"  // each test its own schema
/// ```
///
/// The server binaries come from Debian's `postgresql` package (`/usr/lib/postgresql/<version>/bin`,
/// or `ROOM619_PG_BIN`); when they are missing, ``shared()`` throws an error saying to run
/// `./setup.sh`, so the tests fail rather than skip. `initdb` refuses to run as root: as root the
/// cluster runs as the `postgres` system user (`runuser`), its directory owned by that user; as any
/// other user it runs as that user.
///
/// The superuser `room619` signs in with a password over TCP (SCRAM-SHA-256, through libpq, as in
/// production) and without one over the Unix socket. Durability is not under test: the cluster
/// runs with `fsync=off`.
///
/// The cluster stops when the process exits (an `atexit` handler) and, should the process die
/// without running it, a small guardian shell process stops it once the test process is gone.
public final class PostgresCluster: Sendable {
    /// The loopback address the server listens on.
    public let host = "127.0.0.1"
    /// The TCP port.
    public let port: Int
    /// The superuser.
    public let user = "room619"
    /// The superuser's password (random per cluster).
    public let password: String
    /// The temporary directory holding the data directory, the log and the Unix socket.
    public let directory: String
    /// The server's major version (`15`).
    public let version: String
    let binaries: String
    let runsAsPostgresUser: Bool
    let guardian: pid_t

    init(
        port: Int, password: String, directory: String, version: String, binaries: String, runsAsPostgresUser: Bool,
        guardian: pid_t
    ) {
        self.port = port
        self.password = password
        self.directory = directory
        self.version = version
        self.binaries = binaries
        self.runsAsPostgresUser = runsAsPostgresUser
        self.guardian = guardian
    }

    /// A `postgres://` URL for `database` over TCP with the password.
    public func url(database: String = "postgres") -> String {
        "postgres://\(user):\(password)@\(host):\(port)/\(database)"
    }

    /// Creates a database (`createdb` over the Unix socket) and returns its URL.
    public func createDatabase(_ name: String) async throws -> String {
        try await PostgresProcess.runOffThePool(
            "\(binaries)/createdb", ["-h", directory, "-p", String(port), "-U", user, name], as: nil)
        return url(database: name)
    }

    /// The data directory.
    var dataDirectory: String { "\(directory)/data" }

    /// Stops the server now and removes its directory (also done at exit).
    public func stop() {
        PostgresCluster.registry.withLock { $0.removeAll { $0 === self } }
        stopNow()
    }

    func stopNow() {
        kill(guardian, SIGKILL)
        var status: Int32 = 0
        waitpid(guardian, &status, 0)
        _ = try? PostgresProcess.run(
            "\(binaries)/pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w"],
            as: runsAsPostgresUser ? "postgres" : nil)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The cluster of this test process, started on first use.
    public static func shared() async throws -> PostgresCluster {
        try await starter.cluster()
    }

    static let registry = Mutex<[PostgresCluster]>([])
    private static let starter = Starter()

    /// Starts the one shared cluster once, however many tests ask at the same time.
    private actor Starter {
        private var starting: Task<PostgresCluster, any Error>?

        func cluster() async throws -> PostgresCluster {
            if let starting { return try await starting.value }
            let task = Task { try await PostgresProcess.startOffThePool() }
            starting = task
            return try await task.value
        }
    }
}

/// Why a cluster could not start.
public struct PostgresClusterError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    public let description: String
}
