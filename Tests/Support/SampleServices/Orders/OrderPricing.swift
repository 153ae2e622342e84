// Prices an order's lines from the catalog: the client names products and quantities, the
// catalog decides SKUs and prices.
internal import CommonContracts
internal import OrderContracts
internal import ProductContracts
internal import RPC

extension ProductCatalog {
    /// `items` with each line's SKU and unit price from the catalog, and their total.
    /// - Throws: `FAILED_PRECONDITION` for an unknown, discontinued or unpriced product or prices
    ///   in more than one currency (the catalog's state, not the request, decides those);
    ///   `OUT_OF_RANGE` when the total does not fit in an amount.
    func price(_ items: [Order_V1_LineItem]) throws(RPCStatus) -> (items: [Order_V1_LineItem], total: Common_V1_Money) {
        var priced: [Order_V1_LineItem] = []
        var total: Common_V1_Money?
        for item in items {
            guard let product = productIfPresent(item.productID) else {
                throw RPCStatus(.failedPrecondition, "product \(item.productID) is unknown")
            }
            guard product.status == .active else {
                throw RPCStatus(.failedPrecondition, "product \(item.productID) (\(product.sku)) is discontinued")
            }
            guard let price = product.price else {
                throw RPCStatus(.failedPrecondition, "product \(item.productID) (\(product.sku)) has no price")
            }
            guard let line = price.multiplied(by: Int64(item.quantity)) else { throw Self.overflow(price) }
            do throws(MoneyError) {
                total = try (total ?? .zero(price.currencyCode)).adding(line)
            } catch  where error.code == .currencyMismatch {
                throw RPCStatus(
                    .failedPrecondition,
                    "product \(item.productID) (\(product.sku)) is priced in \(error.rhs), the order in \(error.lhs)")
            } catch {
                throw Self.overflow(price)
            }
            priced.append(
                Order_V1_LineItem(
                    productID: item.productID, sku: product.sku, quantity: item.quantity, unitPrice: price))
        }
        guard let total else { throw RPCStatus(.invalidArgument, "an order needs at least one line") }
        return (priced, total)
    }

    private static func overflow(_ price: Common_V1_Money) -> RPCStatus {
        RPCStatus(.outOfRange, "the order's total does not fit in an amount of \(price.currencyCode)")
    }
}
