internal import Access
internal import Auth
internal import Gateway
internal import RPC
public import ServiceHost
public import Storage
internal import Transport

/// Why the platform could not start: which part, and the cause.
public struct PlatformError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var cause: (any Error)?

    public init(_ message: String, cause: (any Error)? = nil) {
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}

/// A platform process put together: its host (gRPC and REST on one port, health, the JWKS)
/// and what to print once it listens.
public struct PlatformProcess: Sendable {
    /// Runs the process: ``ServiceHost/ProcessHost/run()``.
    public let host: ProcessHost
    /// The databases, one per module, closed when the host stops.
    public let databases: [(name: String, location: SQLDatabaseLocation)]
    /// Run once the host listens; each returns lines for stdout.
    let onStart: [@Sendable () async throws -> [String]]

    /// Runs ``onStart`` after the host listens, printing their lines after `listening on …`.
    public func runStartTasks() async throws -> [String] {
        var lines: [String] = []
        for task in onStart { lines += try await task() }
        return lines
    }
}

extension PlatformProcess {
    /// Assembles `modules` into one process: keys, the issuer and verifier, the auth
    /// interceptor (with outside issuers' JWKS), each module's database (SQLite in the data
    /// directory, or its schema of `DATABASE_URL`), the gateway in front of the RPC server,
    /// `/.well-known/jwks.json`, readiness checks on every database, and the databases' closing
    /// after the listener drains.
    ///
    /// - Throws: ``PlatformError`` naming the step that failed.
    public static func assemble(
        _ configuration: PlatformConfiguration, modules: [PlatformModule]
    ) async throws(PlatformError) -> PlatformProcess {
        let keys: KeyRing
        do {
            keys = try PlatformKeys.load(configuration.tokens, dataDirectory: configuration.dataDirectory)
        } catch {
            throw PlatformError("the token keys", cause: error)
        }
        let tokens = configuration.tokens
        let issuer: JWTIssuer
        let verifier: JWTVerifier
        do {
            issuer = try JWTIssuer(
                keys: keys, issuer: tokens.issuer, audience: [tokens.audience], lifetime: tokens.accessTokenLifetime)
            verifier = try JWTVerifier(
                keys: keys,
                options: try .defaults {
                    $0.issuer = tokens.issuer
                    $0.audience = tokens.audience
                })
        } catch {
            throw PlatformError("the token settings", cause: error)
        }
        let outside = try outsideVerifiers(tokens.outsideIssuers)
        let context = PlatformContext(configuration: configuration, keys: keys, issuer: issuer, verifier: verifier)

        var rpcServices: [any RPCService] = []
        var services: [any Service] = []
        var onStart: [@Sendable () async throws -> [String]] = []
        var databases: [(name: String, location: SQLDatabaseLocation, database: any SQLDatabase)] = []
        for module in modules {
            let location: SQLDatabaseLocation
            let database: any SQLDatabase
            do {
                location = try SQLDatabaseLocation(
                    url: configuration.databaseURL, dataDirectory: configuration.dataDirectory, name: module.name)
                database = try await location.open()
            } catch {
                for opened in databases { await opened.database.close() }
                throw PlatformError("the \(module.name) database", cause: error)
            }
            databases.append((module.name, location, database))
            do {
                let parts = try await module.build(database, context)
                rpcServices += parts.rpcServices
                services += parts.services
                onStart += parts.onStart
            } catch {
                for opened in databases { await opened.database.close() }
                throw PlatformError("the \(module.name) service", cause: error)
            }
        }

        var host = configuration.host
        // grpcurl-style tools list and describe the services without their .proto files.
        host.isReflectionEnabled = true
        host.rpc.interceptors.insert(AuthInterceptor(verifier: verifier, outsideIssuers: outside), at: 0)
        host.health.readinessChecks += databases.map { entry in
            let database = entry.database
            return ReadinessCheck(name: "\(entry.name)-database") { _ = try await database.query("SELECT 1") }
        }
        host.endpoints.append(jwksEndpoint(keys))
        services.append(DatabaseCloser(databases: databases.map(\.database)))
        let processHost: ProcessHost
        do {
            processHost = try ProcessHost(rpcServices: rpcServices, services: services, configuration: host) {
                try GatewayHandler(server: $0)
            }
        } catch {
            for opened in databases { await opened.database.close() }
            throw PlatformError("the REST routes", cause: error)
        }
        return PlatformProcess(
            host: processHost, databases: databases.map { ($0.name, $0.location) }, onStart: onStart)
    }

    /// `GET /.well-known/jwks.json`: the public keys that verify the platform's tokens (none for
    /// an HS256 secret, which is never published).
    static func jwksEndpoint(_ keys: KeyRing) -> HTTPEndpoint {
        HTTPEndpoint(path: "/.well-known/jwks.json") {
            let document = JWKS(publishing: keys.keySet, at: SystemClock().now())
            return HTTPEndpoint.Response(
                status: 200, contentType: "application/json", body: document.jsonText,
                headers: [("cache-control", "public, max-age=300")])
        }
    }

    /// A verifier per outside issuer, fetching its JWKS through a client of its own.
    static func outsideVerifiers(
        _ issuers: [PlatformConfiguration.OutsideIssuer]
    ) throws(PlatformError) -> [String: JWTVerifier] {
        guard !issuers.isEmpty else { return [:] }
        let group: EventLoopGroup
        do {
            group = try EventLoopGroup(loopCount: 1)
        } catch {
            throw PlatformError("the JWKS client's event loop", cause: error)
        }
        let client = HTTPClient(group: group)
        var verifiers: [String: JWTVerifier] = [:]
        for entry in issuers {
            do {
                let source = try RemoteJWKS(fetcher: try HTTPJWKSFetcher(url: entry.jwksURL, client: client))
                verifiers[entry.issuer] = try JWTVerifier(
                    keys: source,
                    options: try .defaults {
                        $0.issuer = entry.issuer
                        $0.audience = entry.audience
                        // An outside identity provider signs users' tokens, never services'.
                        $0.acceptedKinds = [.user]
                    })
            } catch {
                throw PlatformError("the outside issuer \(entry.issuer)", cause: error)
            }
        }
        return verifiers
    }
}

/// Closes the databases once the listener has drained (the host stops services after its
/// calls end), so no call in flight loses its connection.
struct DatabaseCloser: Service {
    let databases: [any SQLDatabase]
    let shutdown = GracefulShutdownSignal()

    var name: String { "database-pool" }

    func run() async throws {
        await shutdown.wait()
        for database in databases { await database.close() }
    }

    func beginGracefulShutdown() { shutdown.trigger() }
}
