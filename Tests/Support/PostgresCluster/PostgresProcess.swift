// Starting the cluster: finding the binaries, initdb, a free port, pg_ctl start, the guardian,
// and the programs it runs (posix_spawn, waited for on a thread of their own).
import Foundation
import Synchronization

enum PostgresProcess {
    /// Runs ``start()`` on a thread of its own (it blocks for a second or two).
    static func startOffThePool() async throws -> PostgresCluster {
        try await offThePool { try start() }
    }

    /// Runs a program to completion on a thread of its own.
    static func runOffThePool(_ program: String, _ arguments: [String], as user: String?) async throws {
        try await offThePool { try run(program, arguments, as: user) }
    }

    private static func offThePool<Value: Sendable>(
        _ work: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    static func start() throws -> PostgresCluster {
        let (binaries, version) = try findBinaries()
        let asRoot = getuid() == 0
        let owner = try asRoot ? postgresUser() : nil
        let base = asRoot ? "/tmp" : FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/room619-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PostgresClusterError(description: "mkdtemp failed in \(base)")
        }
        let directory = String(cString: made)
        let password = (0..<24).map { _ in String("abcdefghijkmnopqrstuvwxyz23456789".randomElement() ?? "x") }.joined()
        let passwordFile = "\(directory)/password"
        try password.write(toFile: passwordFile, atomically: false, encoding: .utf8)
        if let owner {
            chown(directory, owner.uid, owner.gid)
            chown(passwordFile, owner.uid, owner.gid)
        }
        let user = asRoot ? "postgres" : nil
        do {
            try run(
                "\(binaries)/initdb",
                [
                    "-D", "\(directory)/data", "-U", "room619", "--pwfile=\(passwordFile)", "--auth-host=scram-sha-256",
                    "--auth-local=trust", "-E", "UTF8", "--no-locale", "--no-sync",
                ], as: user, log: "\(directory)/initdb.log")
            let port = try startServer(binaries: binaries, directory: directory, as: user)
            let guardian = try spawnGuardian(binaries: binaries, directory: directory, as: user)
            let cluster = PostgresCluster(
                port: port, password: password, directory: directory, version: version, binaries: binaries,
                runsAsPostgresUser: asRoot, guardian: guardian)
            registerExitHandler()
            PostgresCluster.registry.withLock { $0.append(cluster) }
            return cluster
        } catch {
            _ = try? run("\(binaries)/pg_ctl", ["stop", "-D", "\(directory)/data", "-m", "immediate"], as: user)
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// `pg_ctl start` on a free port, a few times in case another process took the port between
    /// the probe and the start.
    private static func startServer(binaries: String, directory: String, as user: String?) throws -> Int {
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = try freePort()
            let options = [
                "-p \(port)", "-k \(directory)", "-c listen_addresses=127.0.0.1", "-c fsync=off",
                "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300",
            ].joined(separator: " ")
            do {
                try run(
                    "\(binaries)/pg_ctl",
                    [
                        "start", "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60", "-o",
                        options,
                    ],
                    as: user, log: "\(directory)/pg_ctl.log")
                return port
            } catch {
                lastError = error
            }
        }
        let log = (try? String(contentsOfFile: "\(directory)/server.log", encoding: .utf8)) ?? ""
        throw PostgresClusterError(
            description: "PostgreSQL did not start: \(lastError.map { "\($0)" } ?? "")\n\(log.suffix(2000))")
    }

    /// A shell that waits for this process to end, then stops the server and removes the
    /// directory: the cleanup for a test process that crashed or was killed.
    private static func spawnGuardian(binaries: String, directory: String, as user: String?) throws -> pid_t {
        let stop = (user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + ["\(binaries)/pg_ctl"]
        let script =
            // `kill -0` succeeds on a zombie too: a test process that exited but is not yet reaped
            // (its parent may wait for this very cleanup) counts as gone.
            "while kill -0 \"$1\" 2>/dev/null && [ \"$(cut -d' ' -f3 /proc/$1/stat 2>/dev/null)\" != Z ]; "
            + "do sleep 0.5; done; "
            + "\(stop.joined(separator: " ")) stop -D \"$2/data\" -m immediate >/dev/null 2>&1; rm -rf \"$2\""
        return try spawn(
            "/bin/sh", ["-c", script, "room619-pg-guardian", String(getpid()), directory], log: nil, isolated: true)
    }

    /// The directory of `initdb` and `pg_ctl`: `override` (`ROOM619_PG_BIN`) when set, else the
    /// newest `<root>/<version>/bin`, and the version.
    static func findBinaries(
        under root: String = "/usr/lib/postgresql",
        override: String? = ProcessInfo.processInfo.environment["ROOM619_PG_BIN"]
    ) throws -> (String, String) {
        if let override {
            guard FileManager.default.isExecutableFile(atPath: "\(override)/initdb") else {
                throw PostgresClusterError(
                    description: "ROOM619_PG_BIN=\(override) has no initdb: point it at a PostgreSQL bin directory, "
                        + "or unset it and run ./setup.sh")
            }
            return (override, "custom")
        }
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        guard let version = versions.first else {
            throw PostgresClusterError(
                description: "the PostgreSQL server (initdb, pg_ctl in \(root)/<version>/bin) is not "
                    + "installed: run ./setup.sh, which installs Debian's postgresql package")
        }
        return ("\(root)/\(version)/bin", version)
    }

    private static func postgresUser() throws -> (uid: uid_t, gid: gid_t) {
        guard let entry = getpwnam("postgres") else {
            throw PostgresClusterError(
                description: "running as root, the tests run PostgreSQL as the postgres system user, which is missing: "
                    + "run ./setup.sh (Debian's postgresql package creates it)")
        }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresClusterError(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw PostgresClusterError(description: "could not find a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
