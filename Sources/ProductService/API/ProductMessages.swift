// The contract's messages to and from the catalogue's domain values: the only place that knows
// both.
internal import CommonContracts
internal import ProductContracts
internal import ProtoRuntime
public import RPC

extension CatalogProduct {
    /// The product as the contract's message.
    var message: Product_V1_Product {
        Product_V1_Product(
            id: id, sku: sku, name: name, description_p: description,
            price: Common_V1_Money(minorUnits: price.minorUnits, currencyCode: price.currencyCode),
            status: status == .active ? .active : .discontinued, tags: tags, attributes: attributes,
            createdAt: createdAt.timestamp, updatedAt: updatedAt.timestamp, category: category)
    }
}

extension ProductFields {
    /// The fields a request's product carries (`id` and the output-only fields are not among them).
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for a status the contract does not define.
    init(_ message: Product_V1_Product) throws(ProductError) {
        self.init(
            sku: message.sku, name: message.name, description: message.description_p, category: message.category,
            price: message.price.map { Price(minorUnits: $0.minorUnits, currencyCode: $0.currencyCode) },
            status: try ProductStatus(message.status), tags: message.tags, attributes: message.attributes)
    }
}

extension ProductStatus {
    /// The domain status of `status`; `nil` for `UNSPECIFIED`.
    init?(_ status: Product_V1_ProductStatus) throws(ProductError) {
        switch status {
        case .unspecified: return nil
        case .active: self = .active
        case .discontinued: self = .discontinued
        case .unrecognized(let number): throw .invalid("product.status", "\(number) is not a defined status")
        }
    }
}

extension StockReservation {
    /// The reservation as the contract's message.
    var message: Product_V1_Reservation {
        Product_V1_Reservation(
            id: id, productID: productID, quantity: Int32(clamping: quantity), orderID: orderID, state: state.message,
            expiresAt: expiresAt.timestamp, createdAt: createdAt.timestamp)
    }
}

extension ReservationState {
    /// The contract's state.
    var message: Product_V1_ReservationState {
        switch self {
        case .held: .held
        case .released: .released
        case .committed: .committed
        case .expired: .expired
        }
    }
}

extension StockLevel {
    /// The stock as the contract's message.
    var message: Product_V1_StockLevel {
        Product_V1_StockLevel(
            productID: productID, available: Int32(clamping: available), reserved: Int32(clamping: reserved))
    }
}

extension UTCInstant {
    /// The instant as a `google.protobuf.Timestamp`.
    var timestamp: Google_Protobuf_Timestamp {
        let (seconds, nanoseconds) = secondsAndNanoseconds
        return Google_Protobuf_Timestamp(seconds: seconds, nanos: nanoseconds)
    }
}

extension Google_Protobuf_Duration {
    /// The duration as a Swift `Duration`.
    var duration: Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }
}

extension ProductError: RPCStatusConvertible {
    /// The status of the same name, with ``message``; the cause stays in the process (it is the
    /// status's local `cause`, never sent).
    public var rpcStatus: RPCStatus {
        let code: RPCStatus.Code =
            switch self.code.value {
            case .invalidArgument: .invalidArgument
            case .notFound: .notFound
            case .alreadyExists: .alreadyExists
            case .failedPrecondition: .failedPrecondition
            case .aborted: .aborted
            case .deadlineExceeded: .deadlineExceeded
            case .cancelled: .cancelled
            case .unavailable: .unavailable
            case .internal: .internal
            }
        return RPCStatus(code, message, cause: self)
    }
}
