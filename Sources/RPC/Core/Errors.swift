internal import GoogleContracts

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
    /// The status for an error a handler, interceptor or caller threw: the one place where lower
    /// errors become a status. In order: an ``RPCStatusConvertible`` error's own status; the status
    /// an `RPCStatusDeclaring` domain error (from a contract target) declares; `CANCELLED` for
    /// `CancellationError`; for `ProtoDecodingError` and `JSONDecodingError` the status `input`
    /// names (see ``Input``); `INTERNAL` for `ProtoEncodingError`; `UNKNOWN` for the rest. The
    /// status keeps `error` as its ``cause`` (unless it is an `RPCStatus` already).
    public init(from error: any Error, input: Input = .grpc) {
        switch error {
        case let status as RPCStatus:
            self = status
        case let convertible as any RPCStatusConvertible:
            self = convertible.rpcStatus
            if cause == nil { cause = error }
        case let declaring as any RPCStatusDeclaring:
            self = RPCStatus(declaredBy: declaring)
        case is CancellationError:
            self = RPCStatus(.cancelled, "the call was cancelled", cause: error)
        default:
            self =
                RPCStatus(codingFailure: error, input: input)
                ?? RPCStatus(.unknown, "the handler failed with an error of type \(type(of: error))", cause: error)
        }
    }
}
