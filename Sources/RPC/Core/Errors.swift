/// An error that knows its gRPC status. Throw one from a handler (or conform your domain errors)
/// to choose the status a client sees; any other error becomes `UNKNOWN` without its
/// description, so internals never leak to callers.
///
/// ```swift
/// enum StockError: Error, RPCStatusConvertible {
///     case outOfStock(sku: String)
///     var rpcStatus: RPCStatus {
///         switch self { case .outOfStock(let sku): RPCStatus(.failedPrecondition, "\(sku) is out of stock") }
///     }
/// }
/// ```
public protocol RPCStatusConvertible: Error {
    /// The status this error ends a call with.
    var rpcStatus: RPCStatus { get }
}

extension RPCStatus: RPCStatusConvertible {
    public var rpcStatus: RPCStatus { self }
}

extension RPCStatus {
    /// The status for an error a handler, interceptor or caller threw.
    public init(from error: any Error) {
        switch error {
        case let convertible as any RPCStatusConvertible:
            self = convertible.rpcStatus
        case is CancellationError:
            self = RPCStatus(.cancelled, "the call was cancelled")
        default:
            self = RPCStatus(.unknown, "the handler failed with an error of type \(type(of: error))")
        }
    }
}
