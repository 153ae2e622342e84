internal import Foundation
internal import ServiceHost
internal import Storage

/// `room619 run` and `room619 serve`: load the configuration, assemble the modules, run the
/// host until SIGTERM or SIGINT, and print what a newcomer needs once it listens.
public enum PlatformCommand {
    /// Runs `modules` as this process's whole job; returns the exit status (0 after a graceful
    /// stop, 64 for a bad configuration, 1 when the platform fails).
    ///
    /// - Parameters:
    ///   - arguments: The command's arguments (flags `--name=value`).
    ///   - environment: The process environment.
    ///   - modules: What to run (`run`: every service; `serve user`: one).
    public static func run(
        arguments: [String], environment: [String: String], modules: [PlatformModule]
    ) async -> Int32 {
        let configuration: PlatformConfiguration
        do {
            configuration = try PlatformConfiguration.load(arguments: arguments, environment: environment)
        } catch {
            report("room619: \(error)")
            return 64
        }
        let process: PlatformProcess
        do {
            process = try await PlatformProcess.assemble(configuration, modules: modules)
        } catch {
            report("room619: could not start: \(error)")
            return 1
        }
        let host = process.host
        let announcer = Task {
            guard let address = try? await host.listeningAddress() else { return }
            var lines = banner(address: "\(address)", configuration: configuration, process: process)
            do {
                lines += try await process.runStartTasks()
            } catch {
                report("room619: start-up task failed: \(error)")
                host.beginGracefulShutdown()
            }
            print(lines.joined(separator: "\n"))
            fflush(nil)
        }
        defer { announcer.cancel() }
        do {
            try await host.run()
            return 0
        } catch {
            report("room619: \(error)")
            return 1
        }
    }

    /// The lines printed after `listening on …`: where it runs, on what data, and a first
    /// session to paste.
    static func banner(address: String, configuration: PlatformConfiguration, process: PlatformProcess) -> [String] {
        let url = "http://\(address)"
        var lines = [
            "",
            "room619 is running at \(url): REST and gRPC on one port",
            "  health:   \(url)/health/ready",
            "  keys:     \(url)/.well-known/jwks.json",
        ]
        for (name, location) in process.databases {
            lines.append("  \(name):\(String(repeating: " ", count: max(1, 9 - name.count)))\(location)")
        }
        lines += [
            "",
            "Try it (another terminal):",
            "  curl -s -X POST \(url)/v1/users -d '{\"email\":\"you@example.com\",\"displayName\":\"You\",\"password\":\"a long password\"}'",
            "  curl -s -X POST \(url)/v1/auth:login -d '{\"email\":\"you@example.com\",\"password\":\"a long password\"}'",
            "  curl -s '\(url)/v1/products:search?query=lamp'",
            "",
            "Stop with Ctrl-C (a graceful shutdown).",
        ]
        return lines
    }

    /// One line to stderr.
    static func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
