public import RPC

extension UserServiceError: RPCStatusConvertible {
    /// The status a caller gets: the code and message; a `google.rpc.BadRequest` naming the
    /// field for `INVALID_ARGUMENT`; a `google.rpc.RetryInfo` for `RESOURCE_EXHAUSTED`. The cause
    /// stays with the status in the process and is never sent.
    public var rpcStatus: RPCStatus {
        var status: RPCStatus
        if code == .invalidArgument, let field {
            status = RPCStatus.invalidArgument(message, fieldViolations: [(field: field, description: message)])
        } else {
            status = RPCStatus(code.rpcCode, message)
        }
        if let retryAfter { status = status.addingRetryInfo(retryDelay: retryAfter) }
        status.cause = self
        return status
    }
}
