internal import Glibc
public import RPC
public import Transport

/// How a ``ProcessHost`` listens, runs and stops.
///
/// Start from ``defaults`` (or ``defaults(configure:)``) in code; an executable then lets the
/// operator override the listen address, the event-loop count and the grace period with flags
/// and environment variables through ``init(arguments:environment:defaults:)``:
///
/// | Setting | Flag | Variable | Default |
/// |---|---|---|---|
/// | listen host | `--host=` | `HOST` | `127.0.0.1` |
/// | listen port | `--port=` | `PORT` | `0` (any free port) |
/// | event loops | `--event-loops=` | `ROOM619_EVENT_LOOPS` | CPUs the process may run on |
/// | shutdown grace (seconds) | `--shutdown-grace=` | `ROOM619_SHUTDOWN_GRACE` | `5` |
///
/// ```swift
/// let configuration = try HostConfiguration(
///     arguments: CommandLine.arguments, environment: HostConfiguration.processEnvironment(),
///     defaults: .defaults { $0.isReflectionEnabled = true })
/// ```
public struct HostConfiguration: Sendable {
    /// The address the listener binds.
    public struct Listen: Sendable {
        /// A numeric IPv4 or IPv6 address, or `localhost`. Default `127.0.0.1`.
        public var host = "127.0.0.1"
        /// The port; 0 lets the system pick a free one. Default 0.
        public var port = 0

        /// The defaults.
        public init() {}
    }

    /// How the process stops.
    public struct Shutdown: Sendable {
        /// How long calls in flight may take to finish once a shutdown begins; services are
        /// cancelled if they have not stopped by the same deadline. Default 5 s.
        public var gracePeriod: Duration = .seconds(5)
        /// The signals that begin a graceful shutdown. Default SIGTERM and SIGINT; empty leaves
        /// signal handling alone (tests, or hosts embedded in a larger process).
        public var signals: [Int32] = [SIGTERM, SIGINT]

        /// The defaults.
        public init() {}
    }

    /// Who hears about calls and connections: set once here, handed to the RPC server and
    /// the HTTP server.
    public struct Observers: Sendable {
        /// Call events; when set, it replaces ``HostConfiguration/rpc``'s observer. Default none.
        public var rpc: (any RPCObserver)?
        /// Connection and stream events. Default none.
        public var transport: any TransportObserver = NoTransportObserver()

        /// The defaults.
        public init() {}
    }

    /// The HTTP server's limits.
    public struct HTTP: Sendable {
        /// Sizes and timeouts (HTTP/1.1 and HTTP/2).
        public var limits = HTTPServerLimits()
        /// HTTP/2 settings and abuse limits.
        public var http2 = HTTP2ServerLimits()

        /// The defaults.
        public init() {}
    }

    /// Readiness: what must hold for the process to take traffic, and how often it is checked.
    public struct Health: Sendable {
        /// Run after the host listens and then every ``interval``; all must pass for gRPC health
        /// to say `SERVING` and `/health/ready` to answer 200. None by default (ready once
        /// listening).
        public var readinessChecks: [ReadinessCheck] = []
        /// How often the checks run. Default 2 s.
        public var interval: Duration = .seconds(2)
        /// How long one check may take before it counts as failed. Default 2 s.
        public var checkTimeout: Duration = .seconds(2)

        /// The defaults.
        public init() {}
    }

    /// Where to listen.
    public var listen = Listen()
    /// Readiness checks.
    public var health = Health()
    /// Plain HTTP endpoints served beside `/health/live`, `/health/ready` and the handler.
    public var endpoints: [HTTPEndpoint] = []
    /// How many event loops (threads) serve connections. Default: the CPUs in the process's
    /// affinity mask (``Transport/EventLoopGroup/defaultLoopCount``).
    public var eventLoopCount = EventLoopGroup.defaultLoopCount
    /// How the process stops.
    public var shutdown = Shutdown()
    /// Call and connection observers.
    public var observers = Observers()
    /// The RPC server's limits, interceptors and compression (its observer comes from
    /// ``observers`` when that sets one).
    public var rpc = RPCServer.Configuration()
    /// The HTTP server's limits.
    public var http = HTTP()
    /// Whether the host serves gRPC server reflection (`grpc.reflection.v1` and `v1alpha`) for
    /// its RPC services. Default `false`.
    public var isReflectionEnabled = false
    /// Whether the host prints `listening on HOST:PORT` to stdout once it accepts connections
    /// (ARCHITECTURE.md, "Processes"). Default `true`.
    public var isAddressAnnounced = true

    /// The defaults, as documented on each property.
    public init() {}

    /// The defaults.
    public static var defaults: HostConfiguration { HostConfiguration() }

    /// The defaults, changed by `configure`.
    public static func defaults(configure: (inout HostConfiguration) -> Void) -> HostConfiguration {
        var configuration = HostConfiguration()
        configure(&configuration)
        return configuration
    }

    /// Checks every value.
    ///
    /// - Throws: ``HostError/Code/invalidConfiguration`` naming the first unusable value.
    public func validate() throws(HostError) {
        guard !listen.host.isEmpty else { throw HostError(.invalidConfiguration, "the listen host is empty") }
        guard (0...65535).contains(listen.port) else {
            throw HostError(.invalidConfiguration, "the listen port \(listen.port) is not in 0...65535")
        }
        guard eventLoopCount >= 1 else {
            throw HostError(.invalidConfiguration, "the event loop count \(eventLoopCount) is not positive")
        }
        guard health.interval > .zero, health.checkTimeout > .zero else {
            throw HostError(.invalidConfiguration, "the readiness interval and check timeout must be positive")
        }
        guard shutdown.gracePeriod >= .zero else {
            throw HostError(.invalidConfiguration, "the shutdown grace period \(shutdown.gracePeriod) is negative")
        }
    }
}
