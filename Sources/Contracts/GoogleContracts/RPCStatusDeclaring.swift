// GoogleContracts: Google's error model (google.rpc Status, Code and the standard error details),
// generated from Protos/google/rpc by the room619 build plugin, plus the protocol through which
// contract targets declare the status of their domain errors.

public import ProtoRuntime

/// A domain error that declares the status a call ends with when a handler throws it.
///
/// For contract targets, which hold messages and their domain logic and so depend on
/// `ProtoRuntime` and `GoogleContracts` but never on `RPC`. Code that can see `RPC` conforms to its
/// `RPCStatusConvertible` instead; `RPCStatus(from:)` asks that protocol first and this one
/// second. The message goes over the wire, so it must name no secrets or internals.
///
/// ```swift
/// struct StockError: RPCStatusDeclaring {
///     var sku: String
///     var statusCode: Google_Rpc_Code { .failedPrecondition }
///     var statusMessage: String { "\(sku) is out of stock" }
/// }
/// ```
public protocol RPCStatusDeclaring: Error {
    /// The status code.
    var statusCode: Google_Rpc_Code { get }
    /// The status message: a sentence for developers, sent to the client.
    var statusMessage: String { get }
    /// Typed details for programs, such as a `Google_Rpc_ErrorInfo` with a stable reason; they
    /// travel packed in `google.protobuf.Any`s inside the status. None by default.
    var statusDetails: [any Message] { get }
}

extension RPCStatusDeclaring {
    public var statusDetails: [any Message] { [] }
}
