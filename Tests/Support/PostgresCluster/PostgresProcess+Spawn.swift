// Running programs with posix_spawn (usable from an atexit handler, unlike Foundation's Process),
// and the exit handler that stops the clusters.
import Foundation
import Synchronization

extension PostgresProcess {
    /// Runs `program` to completion (as `user` through `runuser` when given), its output in
    /// `log`; throws when it fails, with the log's end.
    static func run(_ program: String, _ arguments: [String], as user: String?, log: String? = nil) throws {
        // `env -C /`: the postgres user may not be allowed into the test's working directory.
        let (path, argv) =
            user.map { ("/usr/sbin/runuser", ["-u", $0, "--", "/usr/bin/env", "-C", "/", program] + arguments) }
            ?? (program, arguments)
        let pid = try spawn(path, argv, log: log)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS are macros: a normal exit has the low 7 bits clear.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let output = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
            throw PostgresClusterError(
                description:
                    "\(program) \(arguments.joined(separator: " ")) failed (status \(status)):\n\(output.suffix(2000))")
        }
    }

    /// Starts `path` with `arguments` (standard output and error to `log`, or /dev/null), in a
    /// process group of its own when `isolated`, so that a signal to the test's process group
    /// (Ctrl-C, a timeout killing the group) does not reach it.
    static func spawn(_ path: String, _ arguments: [String], log: String?, isolated: Bool = false) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if isolated {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let output = log ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw PostgresClusterError(description: "cannot run \(path): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Stops every cluster still registered when the process exits.
    static func registerExitHandler() {
        let isFirst = exitHandlerRegistered.withLock { registered in
            defer { registered = true }
            return !registered
        }
        guard isFirst else { return }
        atexit {
            let clusters = PostgresCluster.registry.withLock { clusters in
                defer { clusters = [] }
                return clusters
            }
            for cluster in clusters { cluster.stopNow() }
        }
    }

    private static let exitHandlerRegistered = Mutex(false)
}
