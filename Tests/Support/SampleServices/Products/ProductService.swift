// product.v1.ProductService in memory: the catalog, its search, its stock levels and the
// reservations that hold stock for orders.
internal import CommonContracts
public import ProductContracts
public import ProtoRuntime
public import RPC

/// Serves `product.v1.ProductService` from a ``ProductCatalog``.
///
/// ```swift
/// let catalog = ProductCatalog(clock: .system)
/// let server = RPCServer(services: [ProductService(catalog: catalog)])
/// ```
///
/// Listing and search show active products only; a deleted product is discontinued, and stays
/// readable by id for order history. Reservations hold stock until committed, released or
/// expired; this sample does not check who calls (no auth interceptor yet), so the internal
/// inventory methods answer any caller.
public final class ProductService: Product_V1_ProductService.ServiceProtocol {
    private let catalog: ProductCatalog

    /// A service over `catalog` (shared with the order service, which prices orders from it).
    public init(catalog: ProductCatalog) {
        self.catalog = catalog
    }

    public func createProduct(
        _ request: Product_V1_CreateProductRequest, context: RPCServerContext
    ) async throws -> Product_V1_Product {
        guard let product = request.product else { throw RPCStatus(.invalidArgument, "product is required") }
        guard request.initialStock >= 0 else {
            throw RPCStatus(.invalidArgument, "initial_stock must not be negative, got \(request.initialStock)")
        }
        return try catalog.create(product, stock: request.initialStock)
    }

    public func getProduct(
        _ request: Product_V1_GetProductRequest, context: RPCServerContext
    ) async throws -> Product_V1_Product {
        try catalog.product(request.id)
    }

    public func listProducts(
        _ request: Product_V1_ListProductsRequest, context: RPCServerContext
    ) async throws -> Product_V1_ListProductsResponse {
        let cursor = try PageCursor(request.page)
        let search = ProductSearch(request.query)
        let matching = catalog.active { product, stock in
            request.accepts(product, stock: stock) && (search.isEmpty || search.score(product) > 0)
        }
        let page = cursor.slice(matching)
        return Product_V1_ListProductsResponse(products: page.items, page: page.page)
    }

    public func searchProducts(
        _ request: Product_V1_SearchProductsRequest, context: RPCServerContext
    ) async throws -> Product_V1_SearchProductsResponse {
        let cursor = try PageCursor(request.page)
        let search = ProductSearch(request.query)
        var hits: [Product_V1_SearchResult] = []
        if !search.isEmpty {
            for product in catalog.active(where: { _, _ in true }) {
                let score = search.score(product)
                if score > 0 { hits.append(Product_V1_SearchResult(product: product, score: score)) }
            }
        }
        // Best first; equal scores by name, then id, so pages are stable.
        hits.sort { lhs, rhs in
            let left = (-lhs.score, lhs.product?.name ?? "", lhs.product?.id ?? "")
            let right = (-rhs.score, rhs.product?.name ?? "", rhs.product?.id ?? "")
            return left < right
        }
        let page = cursor.slice(hits)
        return Product_V1_SearchProductsResponse(results: page.items, page: page.page)
    }

    public func updateProduct(
        _ request: Product_V1_UpdateProductRequest, context: RPCServerContext
    ) async throws -> Product_V1_Product {
        guard let changes = request.product else { throw RPCStatus(.invalidArgument, "product is required") }
        let update = try FieldMaskUpdate(
            mask: request.updateMask, updatable: ProductCatalog.updatableFields, populated: changes.populatedFields)
        return try catalog.update(changes, update)
    }

    public func deleteProduct(
        _ request: Product_V1_DeleteProductRequest, context: RPCServerContext
    ) async throws -> Google_Protobuf_Empty {
        try catalog.discontinue(request.id)
        return Google_Protobuf_Empty()
    }

    public func getStock(
        _ request: Product_V1_GetStockRequest, context: RPCServerContext
    ) async throws -> Product_V1_StockLevel {
        try catalog.stock(request.productID)
    }

    public func reserveStock(
        _ request: Product_V1_ReserveStockRequest, context: RPCServerContext
    ) async throws -> Product_V1_Reservation {
        try catalog.reserve(request)
    }

    public func releaseReservation(
        _ request: Product_V1_ReleaseReservationRequest, context: RPCServerContext
    ) async throws -> Product_V1_Reservation {
        try catalog.release(request.reservationID)
    }

    public func commitReservation(
        _ request: Product_V1_CommitReservationRequest, context: RPCServerContext
    ) async throws -> Product_V1_Reservation {
        try catalog.commit(request.reservationID)
    }
}

extension Product_V1_ListProductsRequest {
    /// Whether `product`, with `stock` units, passes the tag, price, category and stock filters.
    /// A price bound in another currency than the product's excludes it.
    fileprivate func accepts(_ product: Product_V1_Product, stock: Int32) -> Bool {
        if let tag, !product.tags.contains(where: { $0.lowercased() == tag.lowercased() }) { return false }
        if let category, product.category != category { return false }
        if inStock, stock <= 0 { return false }
        let price = product.price ?? Common_V1_Money()
        if let maxPrice, price.currencyCode != maxPrice.currencyCode || price.minorUnits > maxPrice.minorUnits {
            return false
        }
        if let minPrice, price.currencyCode != minPrice.currencyCode || price.minorUnits < minPrice.minorUnits {
            return false
        }
        return true
    }
}

extension Product_V1_Product {
    /// The updatable fields this value populates (not their defaults).
    fileprivate var populatedFields: [String] {
        var fields: [String] = []
        if !sku.isEmpty { fields.append("sku") }
        if !name.isEmpty { fields.append("name") }
        if !description_p.isEmpty { fields.append("description") }
        if price != nil { fields.append("price") }
        if status != .unspecified { fields.append("status") }
        if !tags.isEmpty { fields.append("tags") }
        if !attributes.isEmpty { fields.append("attributes") }
        if !category.isEmpty { fields.append("category") }
        return fields
    }
}
