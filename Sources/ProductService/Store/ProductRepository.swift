// What the API layer needs from storage, in the catalogue's terms: the seam between the RPC
// handlers and the SQL.

/// The product service's data: products, their search, stock and reservations.
///
/// ``SQLProductRepository`` is the implementation, on either Storage driver. Every method is
/// one transaction (or one read), so each call is atomic; the methods that change stock keep
/// `0 <= reserved <= on_hand` by conditional updates the database evaluates, never by a lock
/// in this process, so any number of replicas may share one database.
protocol ProductRepository: Sendable {
    /// Stores a new product with `onHand` units.
    /// - Throws: ``ProductError/Code/alreadyExists`` when the SKU is taken.
    func create(_ product: CatalogProduct, onHand: Int64) async throws(ProductError)

    /// The product `id`, discontinued or not.
    /// - Throws: ``ProductError/Code/notFound``.
    func product(id: String) async throws(ProductError) -> CatalogProduct

    /// Applies `update` (with the values of `fields`) to the product `id` at `now`.
    /// - Throws: ``ProductError/Code/notFound``, ``ProductError/Code/alreadyExists`` for a taken
    ///   SKU, ``ProductError/Code/invalidArgument`` when the result breaks a rule.
    func update(
        id: String, _ update: ProductUpdate, with fields: ProductFields, at now: UTCInstant
    )
        async throws(ProductError) -> CatalogProduct

    /// Discontinues the product `id` (a soft delete; again, if it is already).
    /// - Throws: ``ProductError/Code/notFound``.
    func discontinue(id: String, at now: UTCInstant) async throws(ProductError)

    /// Active products passing `filter`, newest first, after `position` (a previous page's end).
    func list(
        _ filter: ProductFilter, after position: Int64?, limit: Int, at now: UTCInstant
    )
        async throws(ProductError) -> ProductPage

    /// Active products matching `query` (``Storage/SQLDialect/fullTextQuery(_:)``), best first.
    func search(_ query: String, offset: Int, limit: Int) async throws(ProductError) -> SearchPage

    /// The stock of the product `id` at `now` (lapsed holds count as free).
    /// - Throws: ``ProductError/Code/notFound``.
    func stock(productID: String, at now: UTCInstant) async throws(ProductError) -> StockLevel

    /// Holds units for `request`, or returns the reservation its key made before.
    /// - Throws: ``ProductError/Code/notFound`` (product), ``ProductError/Code/failedPrecondition``
    ///   (discontinued, insufficient stock), ``ProductError/Code/alreadyExists`` (the key was
    ///   used for another request).
    func reserve(
        _ request: ReservationRequest, id: String, at now: UTCInstant
    ) async throws(ProductError)
        -> StockReservation

    /// Releases or commits the reservation `id`.
    /// - Throws: ``ProductError/Code/notFound``, ``ProductError/Code/failedPrecondition`` when it
    ///   is settled another way or expired.
    func settle(
        reservationID id: String, _ settlement: ReservationSettlement, at now: UTCInstant
    )
        async throws(ProductError) -> StockReservation

    /// Marks up to `limit` HELD reservations that lapsed by `now` EXPIRED and gives their units
    /// back; returns how many.
    func expireLapsedReservations(at now: UTCInstant, limit: Int) async throws(ProductError) -> Int
}
