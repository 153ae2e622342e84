internal import Auth
internal import ProductService
internal import ServiceHost
internal import Storage
internal import UserService

extension PlatformModule {
    /// The user service: accounts, sign-in, tokens. On first start it creates the administrator
    /// named by the configuration (`ROOM619_ADMIN_EMAIL`, default `admin@room619.local`), with
    /// `ROOM619_ADMIN_PASSWORD` or a generated password printed once.
    public static let user = PlatformModule(name: "user") { database, context in
        var settings = UserServiceConfiguration()
        settings.refreshTokenLifetime = context.configuration.tokens.refreshTokenLifetime
        let service = try UserService(
            database: database, issuer: context.issuer, hasher: try PasswordHasher(), configuration: settings)
        try await service.prepare()
        let configuration = context.configuration
        return PlatformModuleParts(
            rpcServices: [service],
            onStart: [{ try await bootstrapAdministrator(service, configuration) }])
    }

    /// The product service: catalogue, search, stock reservations, and its reservation sweeper.
    public static let product = PlatformModule(name: "product") { database, _ in
        let service = try ProductService(database: database)
        try await service.migrate()
        return PlatformModuleParts(rpcServices: [service], services: [service.makeSweeper()])
    }

    /// Every module `room619 run` starts, by name.
    public static let all: [PlatformModule] = [.user, .product]

    /// The default administrator's email when none is configured.
    static let defaultAdminEmail = "admin@room619.local"

    /// Creates the first administrator (or promotes the account); the lines to print.
    static func bootstrapAdministrator(
        _ service: UserService, _ configuration: PlatformConfiguration
    ) async throws -> [String] {
        let email = configuration.adminEmail ?? defaultAdminEmail
        let generated = configuration.adminPassword == nil
        let password = try configuration.adminPassword ?? generatedPassword()
        switch try await service.ensureAdmin(email: email, password: password) {
        case .created where generated:
            return [
                "", "Created the administrator \(email) with the password", "  \(password)",
                "(shown once: keep it, or set ROOM619_ADMIN_PASSWORD on the first run)",
            ]
        case .created:
            return ["", "Created the administrator \(email) (password from ROOM619_ADMIN_PASSWORD)"]
        case .promoted:
            return ["", "Made \(email) an administrator"]
        case .unchanged:
            return []
        }
    }

    /// 24 characters of a random base64url token (144 bits).
    static func generatedPassword() throws -> String {
        String(try RefreshToken.generate().token.prefix(24))
    }
}
