// ListProducts and SearchProducts: filters, page sizes and page tokens.
internal import CommonContracts
public import ProductContracts
public import RPC

extension ProductService {
    public func listProducts(
        _ request: Product_V1_ListProductsRequest, context: RPCServerContext
    ) async throws -> Product_V1_ListProductsResponse {
        let filter = try Self.filter(request)
        let size = try pageSize(request.page)
        let fingerprint = PageToken.fingerprint(filter.fingerprintText)
        let token = request.page?.pageToken ?? ""
        let position = token.isEmpty ? nil : try PageToken(text: token, kind: .list, fingerprint: fingerprint).position
        let page = try await repository.list(filter, after: position, limit: size, at: clock.now())
        let next = page.nextPosition.map { PageToken(kind: .list, fingerprint: fingerprint, position: $0).text }
        return Product_V1_ListProductsResponse(
            products: page.products.map(\.message), page: Common_V1_PageResponse(nextPageToken: next ?? ""))
    }

    public func searchProducts(
        _ request: Product_V1_SearchProductsRequest, context: RPCServerContext
    ) async throws -> Product_V1_SearchProductsResponse {
        let size = try pageSize(request.page)
        let depth = configuration.pages.maximumSearchDepth
        let fingerprint = PageToken.fingerprint("search\u{1F}" + request.query)
        let token = request.page?.pageToken ?? ""
        let offset =
            token.isEmpty ? 0 : Int(try PageToken(text: token, kind: .search, fingerprint: fingerprint).position)
        guard offset < depth else { return Product_V1_SearchProductsResponse(page: Common_V1_PageResponse()) }
        let page = try await repository.search(request.query, offset: offset, limit: min(size, depth - offset))
        let end = offset + page.hits.count
        let next =
            end < min(page.total, depth)
            ? PageToken(kind: .search, fingerprint: fingerprint, position: Int64(end)).text : ""
        return Product_V1_SearchProductsResponse(
            results: page.hits.map { Product_V1_SearchResult(product: $0.product.message, score: $0.score) },
            page: Common_V1_PageResponse(nextPageToken: next, totalSize: Int32(clamping: page.total)))
    }

    /// The page size a request asks for, capped: the default for 0, at most the maximum.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for a negative size.
    func pageSize(_ page: Common_V1_PageRequest?) throws(ProductError) -> Int {
        let asked = Int(page?.pageSize ?? 0)
        guard asked >= 0 else { throw .invalid("page.page_size", "must not be negative, got \(asked)") }
        return asked == 0 ? configuration.pages.defaultSize : min(asked, configuration.pages.maximumSize)
    }

    /// The listing filters of `request`.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for a malformed price bound.
    static func filter(_ request: Product_V1_ListProductsRequest) throws(ProductError) -> ProductFilter {
        ProductFilter(
            query: request.query.isEmpty ? nil : request.query, tag: request.tag, category: request.category,
            minimumPrice: try price(request.minPrice, "min_price"),
            maximumPrice: try price(request.maxPrice, "max_price"),
            isInStockOnly: request.inStock)
    }

    private static func price(_ money: Common_V1_Money?, _ field: String) throws(ProductError) -> Price? {
        guard let money else { return nil }
        guard ProductRules.isCurrencyCode(money.currencyCode) else {
            throw .invalid("\(field).currency_code", "must be an ISO 4217 code such as EUR")
        }
        return Price(minorUnits: money.minorUnits, currencyCode: money.currencyCode)
    }
}
