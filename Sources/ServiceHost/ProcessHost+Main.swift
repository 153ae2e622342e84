internal import Glibc
public import RPC
public import Transport

extension ProcessHost {
    /// Runs a gRPC server as this process's whole job: reads the configuration from flags and
    /// the environment over `defaults`, runs a host of `rpcServices` and `services` until it is
    /// stopped, and exits.
    ///
    /// ```swift
    /// // main.swift
    /// await ProcessHost.serve(rpcServices: [Greeter()])
    /// ```
    ///
    /// Exits 0 after a graceful stop, 64 (`EX_USAGE`) on a bad flag or variable and 1 when the host
    /// fails, with the error on stderr.
    public static func serve(
        rpcServices: [any RPCService], services: [any Service] = [], defaults: HostConfiguration = .defaults
    ) async -> Never {
        await serve(defaults: defaults) { configuration in
            ProcessHost(rpcServices: rpcServices, services: services, configuration: configuration)
        }
    }

    /// Runs an HTTP server as this process's whole job; see
    /// ``serve(rpcServices:services:defaults:)``.
    public static func serve(
        httpHandler: any HTTPHandler, services: [any Service] = [], defaults: HostConfiguration = .defaults
    ) async -> Never {
        await serve(defaults: defaults) { configuration in
            ProcessHost(httpHandler: httpHandler, services: services, configuration: configuration)
        }
    }

    /// Runs `rpcServices` behind the HTTP handler `makeHandler` builds from their RPC server as
    /// this process's whole job (gRPC and REST on one port with `GatewayHandler`); see
    /// ``serve(rpcServices:services:defaults:)``. A handler that cannot be built exits 1.
    public static func serve(
        rpcServices: [any RPCService], services: [any Service] = [], defaults: HostConfiguration = .defaults,
        handler makeHandler: @escaping (RPCServer) throws -> any HTTPHandler
    ) async -> Never {
        await serve(defaults: defaults) { configuration throws in
            try ProcessHost(
                rpcServices: rpcServices, services: services, configuration: configuration, handler: makeHandler)
        }
    }

    private static func serve(
        defaults: HostConfiguration, makeHost: (HostConfiguration) throws -> ProcessHost
    ) async -> Never {
        let configuration: HostConfiguration
        do {
            configuration = try HostConfiguration.fromProcess(defaults: defaults)
        } catch {
            ServerProcess.report("\(programName): \(error)")
            exit(64)
        }
        do {
            try await makeHost(configuration).run()
        } catch {
            ServerProcess.report("\(programName): \(error)")
            exit(1)
        }
        exit(0)
    }

    /// The executable's file name, to start error lines with.
    private static var programName: String {
        let path = CommandLine.arguments.first ?? "server"
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
