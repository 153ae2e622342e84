/// The HTTP status for each gRPC status code, by the code's number: grpc-gateway v2's
/// `runtime.HTTPStatusFromCode`, which is also the "HTTP Mapping" `google/rpc/code.proto`
/// documents. One table for both sides of the contract: the gateway answers with it
/// (`HTTPStatusMapping` in `Gateway`) and the generator documents declared errors under it in
/// OpenAPI, which cannot link the gateway.
///
/// ```swift
/// GRPCHTTPStatus.httpStatus(forCode: 5)   // NOT_FOUND → 404
/// ```
public enum GRPCHTTPStatus {
    /// The HTTP status for the gRPC code `code` (0 OK … 16 UNAUTHENTICATED); 500 for a number
    /// outside them, as an unknown code is UNKNOWN.
    public static func httpStatus(forCode code: Int) -> Int {
        switch code {
        case 0: 200  // OK
        case 1: 499  // CANCELLED
        case 2: 500  // UNKNOWN
        case 3: 400  // INVALID_ARGUMENT
        case 4: 504  // DEADLINE_EXCEEDED
        case 5: 404  // NOT_FOUND
        case 6: 409  // ALREADY_EXISTS
        case 7: 403  // PERMISSION_DENIED
        case 8: 429  // RESOURCE_EXHAUSTED
        case 9: 400  // FAILED_PRECONDITION (not 412: the request may succeed once the system changes)
        case 10: 409  // ABORTED
        case 11: 400  // OUT_OF_RANGE
        case 12: 501  // UNIMPLEMENTED
        case 13: 500  // INTERNAL
        case 14: 503  // UNAVAILABLE
        case 15: 500  // DATA_LOSS
        case 16: 401  // UNAUTHENTICATED
        default: 500
        }
    }
}
