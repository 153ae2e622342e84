internal import Access
public import Auth
internal import RPC
public import Storage
public import UserContracts

/// `user.v1.UserService` on a database: sign-up with Argon2id password hashes, sign-in that
/// returns an EdDSA access token and a rotating refresh token, and account management with
/// ownership rules.
///
/// ```swift
/// let database = try await SQLDatabaseLocation(url: env["DATABASE_URL"], dataDirectory: dataDirectory,
///                                              name: "user").open()
/// let service = try UserService(database: database, issuer: issuer, hasher: try PasswordHasher())
/// try await service.prepare()                          // migrations, before serving
/// try await service.ensureAdmin(email: adminEmail, password: adminPassword)
/// let server = RPCServer(services: [service], configuration: .init { $0.interceptors = [AuthInterceptor(verifier: verifier)] })
/// ```
///
/// Who may call each method is the contract's (`access` in `user.proto`), enforced by the
/// ``Access/AuthInterceptor`` before a handler runs; the service enforces ownership (a user acts
/// on their own account unless they are an administrator) and checks the administrator role
/// again where the contract requires it. Field formats are checked by the generated validators
/// before a handler runs too; the service checks only what it alone knows. Every change is one
/// transaction. docs/services.md describes the rules and errors of each method.
public final class UserService: User_V1_UserService.ServiceProtocol {
    /// The rules' configuration.
    public let configuration: UserServiceConfiguration
    let database: any SQLDatabase
    let repository: any UserRepository
    let issuer: JWTIssuer
    let hasher: PasswordHasher
    let clock: any UserServiceClock
    let limiter: LoginLimiter

    /// A service over `database`, whose schema ``prepare()`` brings up to date.
    ///
    /// - Parameters:
    ///   - database: The service's own database (SQLite file or PostgreSQL schema).
    ///   - issuer: Signs access tokens (subject: the user id; roles: the role names of
    ///     ``UserServiceConfiguration``). Its lifetime is the access tokens'.
    ///   - hasher: Hashes and checks passwords off the event loops.
    ///   - clock: Stamps accounts and refresh tokens and runs the login limiter's windows.
    ///   - configuration: Role names, refresh-token lifetime, login limits, page sizes.
    /// - Throws: ``UserServiceError/Code/invalidConfiguration`` for a configuration out of range.
    public init(
        database: any SQLDatabase, issuer: JWTIssuer, hasher: PasswordHasher,
        clock: any UserServiceClock = SystemUserServiceClock(), configuration: UserServiceConfiguration = .defaults
    ) throws(UserServiceError) {
        try configuration.validate()
        self.configuration = configuration
        self.database = database
        self.repository = SQLUserRepository(database: database)
        self.issuer = issuer
        self.hasher = hasher
        self.clock = clock
        self.limiter = LoginLimiter(limits: configuration.loginLimits)
    }

    /// Gets the service ready to serve: applies ``UserMigrations`` and computes the decoy hash
    /// that sign-ins for unknown emails are checked against (so the first one is not faster).
    ///
    /// - Returns: What the migrations did.
    /// - Throws: `UNAVAILABLE` or `INTERNAL` with the storage error as cause (a schema newer than
    ///   this code, a changed migration).
    @discardableResult
    public func prepare() async throws(UserServiceError) -> MigrationReport {
        let report = try await stored { () async throws(StorageError) in try await database.migrate(UserMigrations.all)
        }
        _ = try await hashing { () async throws(AuthError) in try await hasher.verifyUnknownAccount("") }
        return report
    }

    /// Deletes refresh tokens past their expiry (a used or revoked token is kept until then, so
    /// a replay is still recognized); run it now and then. Returns how many were deleted.
    @discardableResult
    public func removeExpiredRefreshTokens() async throws(UserServiceError) -> Int {
        let now = clock.nowMilliseconds()
        return try await stored { () async throws(StorageError) in
            try await repository.removeExpiredRefreshTokens(now: now)
        }
    }

    /// The signed-in user a call acts for.
    /// - Throws: `UNAUTHENTICATED` without a user's principal (the interceptor sets it).
    func caller(_ context: RPCServerContext) throws(UserServiceError) -> Caller {
        guard let principal = context.principal, principal.kind == .user else {
            throw UserServiceError(.unauthenticated, "this method needs an access token")
        }
        return Caller(userID: principal.subject, isAdmin: principal.has(role: configuration.adminRole))
    }

    /// Runs a storage call, turning its error into the service's (`conflict` for a unique
    /// violation).
    func stored<Value>(
        conflict: @autoclosure () -> UserServiceError? = nil, _ body: () async throws(StorageError) -> Value
    ) async throws(UserServiceError) -> Value {
        do {
            return try await body()
        } catch {
            throw UserServiceError.storage(error, conflict: conflict())
        }
    }

    /// Runs a hasher or issuer call, turning its error into the service's.
    func hashing<Value>(_ body: () async throws(AuthError) -> Value) async throws(UserServiceError) -> Value {
        do {
            return try await body()
        } catch {
            throw UserServiceError.auth(error)
        }
    }

    /// The account `id`, or `NOT_FOUND`.
    func existingAccount(_ id: String) async throws(UserServiceError) -> UserAccount {
        let account = try await stored { () async throws(StorageError) in try await repository.account(id: id) }
        guard let account else { throw UserServiceError.noSuchUser(id) }
        return account
    }
}
