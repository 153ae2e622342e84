/// What the user service's rules depend on, with safe defaults.
///
/// ```swift
/// let configuration = try UserServiceConfiguration.defaults { configuration in
///     configuration.refreshTokenLifetime = .seconds(7 * 86_400)
///     configuration.loginLimits.accountFailures = 10
/// }
/// ```
public struct UserServiceConfiguration: Sendable {
    /// How many failed sign-ins are tolerated, per account and per client address, within a
    /// sliding window.
    public struct LoginLimits: Sendable, Hashable {
        /// Failures per account (by normalized email, whether it exists or not) within
        /// ``window``. Default 5.
        public var accountFailures = 5
        /// Failures per client address (the host part of the call's peer) within ``window``.
        /// Default 20.
        public var addressFailures = 20
        /// The sliding window. Default 15 minutes.
        public var window: Duration = .seconds(15 * 60)
        /// Keys of each kind remembered at most (a flood of random emails or addresses cannot
        /// grow memory past it). Default 100,000.
        public var maxTrackedKeys = 100_000

        /// The defaults above.
        public init() {}
    }

    /// List page sizes.
    public struct Paging: Sendable, Hashable {
        /// The page size when a request asks for 0. Default 50.
        public var defaultPageSize = 50
        /// The largest page: a request for more gets this many (the contract allows asking for
        /// up to 1,000 and says the server caps it). Default 200.
        public var maxPageSize = 200

        /// The defaults above.
        public init() {}
    }

    /// The role name access tokens carry for `ROLE_ADMIN`, and that the contract's
    /// administrator-only methods require. Default `admin`.
    public var adminRole = "admin"
    /// The role name access tokens carry for `ROLE_CUSTOMER`. Default `customer`.
    public var customerRole = "customer"
    /// How long a session lasts: a refresh token and every token rotated from it expire this
    /// long after the sign-in that started the family. Default 30 days.
    public var refreshTokenLifetime: Duration = .seconds(30 * 86_400)
    /// Failed sign-in limits.
    public var loginLimits = LoginLimits()
    /// Page sizes of ``UserService/listUsers(_:context:)``.
    public var paging = Paging()

    /// The defaults above.
    public static var defaults: UserServiceConfiguration { UserServiceConfiguration() }

    /// The defaults, changed by `configure`, then validated.
    /// - Throws: ``UserServiceError/Code/invalidConfiguration`` naming the value out of range.
    public static func defaults(
        configure: (inout UserServiceConfiguration) throws(UserServiceError) -> Void
    ) throws(UserServiceError) -> UserServiceConfiguration {
        var configuration = UserServiceConfiguration()
        try configure(&configuration)
        try configuration.validate()
        return configuration
    }

    /// The defaults.
    public init() {}

    /// Checks every value's range.
    /// - Throws: ``UserServiceError/Code/invalidConfiguration`` naming the value.
    public func validate() throws(UserServiceError) {
        func require(_ condition: Bool, _ message: String) throws(UserServiceError) {
            guard condition else { throw UserServiceError(.invalidConfiguration, message) }
        }
        try require(!adminRole.isEmpty && !customerRole.isEmpty, "role names must not be empty")
        try require(adminRole != customerRole, "the administrator and customer role names must differ")
        try require(
            refreshTokenLifetime >= .seconds(60) && refreshTokenLifetime <= .seconds(366 * 86_400),
            "refreshTokenLifetime must be between 1 minute and 366 days")
        try require(
            loginLimits.accountFailures >= 1 && loginLimits.addressFailures >= 1,
            "loginLimits failures must be at least 1")
        try require(
            loginLimits.window >= .seconds(1) && loginLimits.window <= .seconds(86_400),
            "loginLimits.window must be between 1 s and 1 day")
        try require(loginLimits.maxTrackedKeys >= 16, "loginLimits.maxTrackedKeys must be at least 16")
        try require(
            paging.defaultPageSize >= 1 && paging.defaultPageSize <= paging.maxPageSize,
            "paging.defaultPageSize must be between 1 and paging.maxPageSize")
        try require(paging.maxPageSize <= 1000, "paging.maxPageSize must be at most 1000")
    }
}
