internal import Foundation
internal import ServiceHost

/// Why a configuration could not be loaded: which file, key, variable or flag, and what was
/// expected. Never holds a secret's value.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension PlatformConfiguration {
    /// The configuration of a process: the defaults, then the JSON file named by `--config=PATH`
    /// or `ROOM619_CONFIG` (if any), then the environment, then the flags (see the table on
    /// ``PlatformConfiguration``).
    ///
    /// - Parameters:
    ///   - arguments: The command line; `--name=value` flags it does not know are ignored.
    ///   - environment: The process environment.
    ///   - readFile: Reads a file's text (injected for tests); by default the file system.
    /// - Throws: ``ConfigurationError`` naming the source and the key.
    public static func load(
        arguments: [String], environment: [String: String],
        readFile: ((String) throws -> String)? = nil
    ) throws(ConfigurationError) -> PlatformConfiguration {
        let readFile = readFile ?? { try String(contentsOfFile: $0, encoding: .utf8) }
        var configuration = PlatformConfiguration()
        let flags = Flags(arguments)
        if let path = flags["--config"] ?? environment["ROOM619_CONFIG"].nonEmpty {
            let text: String
            do {
                text = try readFile(path)
            } catch {
                throw ConfigurationError("the configuration file \(path) could not be read: \(error)")
            }
            try configuration.apply(fileText: text, path: path)
        }
        try configuration.apply(environment: environment, flags: flags)
        do {
            configuration.host = try HostConfiguration(
                arguments: arguments, environment: environment, defaults: configuration.host)
        } catch {
            throw ConfigurationError(error.message)
        }
        return configuration
    }

    /// The `--name=value` flags of a command line (the last of a name wins).
    struct Flags {
        private var values: [String: String] = [:]

        init(_ arguments: [String]) {
            for argument in arguments where argument.hasPrefix("--") {
                guard let equals = argument.firstIndex(of: "=") else { continue }
                values[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
            }
        }

        subscript(name: String) -> String? { values[name] }
    }

    /// Keys a JSON file must not hold: secrets come from the environment or from files.
    static let secretKeys: Set<String> = [
        "databaseUrl", "adminPassword", "signingKey", "hs256Secret", "password", "secret",
    ]

    mutating func apply(fileText: String, path: String) throws(ConfigurationError) {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(fileText.utf8)) as? [String: Any] else {
                throw ConfigurationError("\(path): the configuration must be a JSON object")
            }
            object = parsed
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("\(path) is not valid JSON")
        }
        var file = ConfigurationFile(object: object, path: path)
        try file.refuseSecrets()
        if let value = try file.string("host") { host.listen.host = value }
        if let value = try file.integer("port", in: 0...65535) { host.listen.port = value }
        if let value = try file.string("dataDir") { dataDirectory = value }
        if let value = try file.string("adminEmail") { adminEmail = value }
        if let value = try file.integer("shutdownGraceSeconds", in: 0...3600) {
            host.shutdown.gracePeriod = .seconds(value)
        }
        if var auth = try file.section("auth") {
            try auth.refuseSecrets()
            if let value = try auth.string("issuer") { tokens.issuer = value }
            if let value = try auth.string("audience") { tokens.audience = value }
            if let value = try auth.integer("accessTokenSeconds", in: 1...86_400) {
                tokens.accessTokenLifetime = .seconds(value)
            }
            if let value = try auth.integer("refreshTokenSeconds", in: 60...(365 * 86_400)) {
                tokens.refreshTokenLifetime = .seconds(value)
            }
            if let value = try auth.string("signingKeyFile") { tokens.signingKey = .pemFile(value) }
            if let value = try auth.strings("verificationKeyFiles") { tokens.verificationKeyFiles = value }
            if let issuers = try auth.sections("outsideIssuers") {
                tokens.outsideIssuers = try issuers.map { entry throws(ConfigurationError) in
                    var entry = entry
                    guard let issuer = try entry.string("issuer"), let url = try entry.string("jwksUrl") else {
                        throw ConfigurationError("\(path): each of auth.outsideIssuers needs issuer and jwksUrl")
                    }
                    guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                        throw ConfigurationError("\(path): auth.outsideIssuers jwksUrl must be an http(s) URL")
                    }
                    return OutsideIssuer(issuer: issuer, jwksURL: url, audience: try entry.string("audience"))
                }
            }
            try auth.refuseUnknown()
        }
        try file.refuseUnknown()
    }

    mutating func apply(environment: [String: String], flags: Flags) throws(ConfigurationError) {
        if let value = flags["--data-dir"] ?? environment["ROOM619_DATA_DIR"].nonEmpty { dataDirectory = value }
        if let value = environment["DATABASE_URL"].nonEmpty {
            guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") else {
                // The value may hold a password: not repeated.
                throw ConfigurationError("DATABASE_URL must be a postgres:// or postgresql:// URL")
            }
            databaseURL = value
        }
        if let value = environment["ROOM619_ISSUER"].nonEmpty { tokens.issuer = value }
        if let value = environment["ROOM619_AUDIENCE"].nonEmpty { tokens.audience = value }
        if let value = environment["ROOM619_SIGNING_KEY_FILE"].nonEmpty { tokens.signingKey = .pemFile(value) }
        if let value = environment["ROOM619_SIGNING_KEY"].nonEmpty { tokens.signingKey = .pem(value) }
        if let value = environment["ROOM619_HS256_SECRET"].nonEmpty {
            guard value.utf8.count >= 32 else {
                throw ConfigurationError("ROOM619_HS256_SECRET must be at least 32 bytes")
            }
            tokens.signingKey = .sharedSecret(Array(value.utf8))
        }
        if let value = environment["ROOM619_ADMIN_EMAIL"].nonEmpty { adminEmail = value }
        if let value = environment["ROOM619_ADMIN_PASSWORD"].nonEmpty { adminPassword = value }
        guard !dataDirectory.isEmpty else { throw ConfigurationError("the data directory must not be empty") }
    }
}

extension Optional where Wrapped == String {
    /// The string unless it is `nil` or empty (an empty variable counts as unset).
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
