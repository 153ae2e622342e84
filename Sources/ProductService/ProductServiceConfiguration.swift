/// How the product service behaves: reservation times, the sweeper's pace and page sizes.
///
/// ```swift
/// let configuration = try ProductServiceConfiguration.defaults { $0.reservations.sweepInterval = .seconds(5) }
/// ```
public struct ProductServiceConfiguration: Sendable, Hashable {
    /// Reservation holds and their sweeper.
    public struct Reservations: Sendable, Hashable {
        /// The hold of a ReserveStock request without a `ttl`. Default: 15 minutes.
        public var defaultTTL: Duration = .seconds(15 * 60)
        /// The longest hold a request may ask for. Default: 24 hours (the contract's limit).
        public var maximumTTL: Duration = .seconds(24 * 60 * 60)
        /// How often ``ReservationSweeper`` marks lapsed holds EXPIRED. Default: 30 seconds.
        /// (Stock levels and new reservations count lapsed holds as free before the sweep.)
        public var sweepInterval: Duration = .seconds(30)
        /// Reservations one sweep transaction expires at most; a sweep runs transactions until
        /// none is left. Default: 500.
        public var sweepBatchSize = 500

        /// The defaults.
        public init() {}
    }

    /// Page sizes of ListProducts and SearchProducts.
    public struct Pages: Sendable, Hashable {
        /// The size of a page when the request asks for 0. Default: 50.
        public var defaultSize = 50
        /// The largest page, whatever the request asks (the contract allows asking up to 1000).
        /// Default: 100.
        public var maximumSize = 100
        /// How deep search pages go: hits past this many are not served (a search is ranked,
        /// so deep pages cost the whole ranking each time). Default: 1000.
        public var maximumSearchDepth = 1000

        /// The defaults.
        public init() {}
    }

    /// Reservation holds and their sweeper.
    public var reservations = Reservations()
    /// Page sizes.
    public var pages = Pages()

    /// The defaults.
    public static var defaults: ProductServiceConfiguration { ProductServiceConfiguration() }

    /// The defaults, changed by `configure`, then checked.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for a configuration out of range.
    public static func defaults(
        configure: (inout ProductServiceConfiguration) -> Void
    ) throws(ProductError) -> ProductServiceConfiguration {
        var configuration = ProductServiceConfiguration()
        configure(&configuration)
        try configuration.validate()
        return configuration
    }

    private init() {}

    /// Checks that every value is in range.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` naming the value.
    public func validate() throws(ProductError) {
        let holds = reservations
        guard holds.defaultTTL > .zero, holds.maximumTTL >= holds.defaultTTL else {
            throw ProductError(.invalidArgument, "reservations: need 0 < defaultTTL <= maximumTTL")
        }
        guard holds.sweepInterval > .zero else {
            throw ProductError(.invalidArgument, "reservations.sweepInterval must be positive")
        }
        guard holds.sweepBatchSize >= 1 else {
            throw ProductError(.invalidArgument, "reservations.sweepBatchSize must be at least 1")
        }
        guard pages.defaultSize >= 1, pages.maximumSize >= pages.defaultSize, pages.maximumSearchDepth >= 1 else {
            throw ProductError(.invalidArgument, "pages: need 1 <= defaultSize <= maximumSize and a positive depth")
        }
    }
}
