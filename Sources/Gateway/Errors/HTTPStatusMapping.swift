internal import HTTPRouting
public import RPC

/// The one place where gRPC status codes and HTTP statuses meet.
///
/// ```swift
/// HTTPStatusMapping.httpStatus(for: .notFound)     // 404
/// HTTPStatusMapping.code(forHTTPStatus: 405)       // .unimplemented
/// ```
public enum HTTPStatusMapping {
    /// The HTTP status for a gRPC code, exactly as grpc-gateway v2's `runtime.HTTPStatusFromCode`:
    /// OK 200, CANCELLED 499, UNKNOWN 500, INVALID_ARGUMENT 400, DEADLINE_EXCEEDED 504,
    /// NOT_FOUND 404, ALREADY_EXISTS 409, PERMISSION_DENIED 403, UNAUTHENTICATED 401,
    /// RESOURCE_EXHAUSTED 429, FAILED_PRECONDITION 400 (not 412: the request may be fine once the
    /// system changes), ABORTED 409, OUT_OF_RANGE 400, UNIMPLEMENTED 501, INTERNAL 500,
    /// UNAVAILABLE 503, DATA_LOSS 500. It also matches the HTTP mapping in `google/rpc/code.proto`.
    public static func httpStatus(for code: RPCStatus.Code) -> Int {
        GRPCHTTPStatus.httpStatus(forCode: code.rawValue)
    }

    /// The gRPC code for the `code` field of the JSON body of an error the gateway raises itself
    /// (routing, decoding, limits), where the HTTP status is decided first.
    ///
    /// | HTTP | code | why |
    /// |---|---|---|
    /// | 2xx | OK | |
    /// | 400, 406, 411, 415 | INVALID_ARGUMENT | the request cannot be read as sent |
    /// | 401 | UNAUTHENTICATED | inverse of the forward mapping |
    /// | 403 | PERMISSION_DENIED | inverse |
    /// | 404 | NOT_FOUND | grpc-gateway's routing errors |
    /// | 405 | UNIMPLEMENTED | grpc-gateway's routing errors (which answer 501; we keep 405) |
    /// | 408 | DEADLINE_EXCEEDED | the request did not arrive in time |
    /// | 409 | ABORTED | inverse (also ALREADY_EXISTS's, which the gateway never raises) |
    /// | 412 | FAILED_PRECONDITION | |
    /// | 413, 414, 431 | RESOURCE_EXHAUSTED | a size limit, as gRPC answers a message over its limit |
    /// | 429 | RESOURCE_EXHAUSTED | inverse |
    /// | 499 | CANCELLED | inverse |
    /// | 500 | INTERNAL | |
    /// | 501 | UNIMPLEMENTED | inverse |
    /// | 502, 503 | UNAVAILABLE | gRPC's `doc/http-grpc-status-mapping.md` |
    /// | 504 | DEADLINE_EXCEEDED | inverse |
    /// | anything else | UNKNOWN | gRPC's `doc/http-grpc-status-mapping.md` |
    ///
    /// For the statuses that are the forward mapping's image, `httpStatus(for: code(forHTTPStatus: s))`
    /// gives `s` back; for the others (405, 413, 414 …) the HTTP status is answered as decided and
    /// this code only fills the body.
    public static func code(forHTTPStatus status: Int) -> RPCStatus.Code {
        switch status {
        case 200..<300: .ok
        case 400, 406, 411, 415: .invalidArgument
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .notFound
        case 405, 501: .unimplemented
        case 408, 504: .deadlineExceeded
        case 409: .aborted
        case 412: .failedPrecondition
        case 413, 414, 429, 431: .resourceExhausted
        case 499: .cancelled
        case 500: .internal
        case 502, 503: .unavailable
        default: .unknown
        }
    }
}
