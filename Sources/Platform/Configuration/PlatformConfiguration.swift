public import ServiceHost

/// Everything `room619 run` and `room619 serve` need to know, from four layers, each over the
/// one before: the defaults below, an optional JSON file (`--config=PATH` or `ROOM619_CONFIG`),
/// the environment, then flags.
///
/// | setting | file key | variable | flag | default |
/// |---|---|---|---|---|
/// | listen host | `host` | `HOST` | `--host` | `127.0.0.1` |
/// | listen port | `port` | `PORT` | `--port` | `8080` |
/// | data directory (SQLite files, generated keys) | `dataDir` | `ROOM619_DATA_DIR` | `--data-dir` | `./room619-data` |
/// | PostgreSQL instead of SQLite | — | `DATABASE_URL` | — | none |
/// | token issuer (`iss`) | `auth.issuer` | `ROOM619_ISSUER` | — | `room619` |
/// | token audience (`aud`) | `auth.audience` | `ROOM619_AUDIENCE` | — | `room619` |
/// | access token lifetime, seconds | `auth.accessTokenSeconds` | — | — | 900 |
/// | refresh token lifetime, seconds | `auth.refreshTokenSeconds` | — | — | 2,592,000 (30 days) |
/// | signing key (PEM file) | `auth.signingKeyFile` | `ROOM619_SIGNING_KEY_FILE` | — | generated into the data directory |
/// | signing key (PEM text) | — | `ROOM619_SIGNING_KEY` | — | — |
/// | HS256 shared secret (≥ 32 bytes) | — | `ROOM619_HS256_SECRET` | — | — |
/// | retired keys that still verify (PEM files) | `auth.verificationKeyFiles` | — | — | none |
/// | outside issuers | `auth.outsideIssuers: [{issuer, jwksUrl, audience}]` | — | — | none |
/// | first administrator | `adminEmail` | `ROOM619_ADMIN_EMAIL` | — | none |
/// | its password | — | `ROOM619_ADMIN_PASSWORD` | — | printed once when generated |
/// | shutdown grace, seconds | `shutdownGraceSeconds` | `ROOM619_SHUTDOWN_GRACE` | `--shutdown-grace` | 5 |
///
/// Secrets (the database URL, which may hold a password; keys; the admin password) come only
/// from the environment or from files the configuration names, never from the JSON file itself,
/// and no error message or log line repeats them.
public struct PlatformConfiguration: Sendable {
    /// How tokens are signed.
    public enum SigningKeySource: Sendable, Equatable {
        /// Generated at first start and kept in `<data dir>/keys/` (0600), so restarts keep
        /// issued tokens valid.
        case generated
        /// A PEM private key file (Ed25519, P-256 or RSA).
        case pemFile(String)
        /// PEM text (from the environment).
        case pem(String)
        /// An HS256 shared secret (small setups; nothing to publish as a JWKS).
        case sharedSecret([UInt8])

        public static func == (lhs: Self, rhs: Self) -> Bool {
            switch (lhs, rhs) {
            case (.generated, .generated): true
            case (.pemFile(let a), .pemFile(let b)): a == b
            case (.pem(let a), .pem(let b)): a == b
            case (.sharedSecret(let a), .sharedSecret(let b)): a == b
            default: false
            }
        }
    }

    /// An identity provider whose tokens are accepted too, verified against its JWKS.
    public struct OutsideIssuer: Sendable, Equatable {
        public var issuer: String
        public var jwksURL: String
        /// The `aud` its tokens must carry for us; `nil` to accept any.
        public var audience: String?

        public init(issuer: String, jwksURL: String, audience: String? = nil) {
            self.issuer = issuer
            self.jwksURL = jwksURL
            self.audience = audience
        }
    }

    /// Token settings.
    public struct Tokens: Sendable, Equatable {
        public var issuer = "room619"
        public var audience = "room619"
        public var accessTokenLifetime: Duration = .seconds(900)
        public var refreshTokenLifetime: Duration = .seconds(30 * 86_400)
        public var signingKey = SigningKeySource.generated
        public var verificationKeyFiles: [String] = []
        public var outsideIssuers: [OutsideIssuer] = []

        public init() {}
    }

    /// Listen address, loops, shutdown: the host's own settings (port 8080 by default here).
    public var host: HostConfiguration
    /// Where SQLite files and generated keys live.
    public var dataDirectory = "./room619-data"
    /// PostgreSQL (`postgres://…`) instead of the embedded SQLite databases.
    public var databaseURL: String?
    public var tokens = Tokens()
    /// The first administrator's email: created (or promoted) at start.
    public var adminEmail: String?
    /// Its password; generated and printed once when absent.
    public var adminPassword: String?

    /// The defaults (listening on 127.0.0.1:8080).
    public init() {
        host = .defaults { $0.listen.port = 8080 }
    }
}
