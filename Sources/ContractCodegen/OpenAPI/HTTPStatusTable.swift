/// The HTTP status of each gRPC status code, for the error responses an OpenAPI document lists.
///
/// The same 17 entries as the gateway's `HTTPStatusMapping.httpStatus(for:)` (grpc-gateway v2's
/// `runtime.HTTPStatusFromCode`, which is also the mapping `google/rpc/code.proto` documents).
/// The generator cannot depend on the `Gateway` target (it sits below the network layers), so
/// the table is repeated here; `OpenAPIStatusTableTests` checks it against both the gateway's
/// source and upstream's `code.proto`.
package enum HTTPStatusTable {
    /// The HTTP status the gateway answers for `code`; 500 for a code this table does not know.
    package static func httpStatus(for code: Google_Rpc_Code) -> Int {
        switch code {
        case .ok: 200
        case .cancelled: 499
        case .unknown: 500
        case .invalidArgument: 400
        case .deadlineExceeded: 504
        case .notFound: 404
        case .alreadyExists: 409
        case .permissionDenied: 403
        case .unauthenticated: 401
        case .resourceExhausted: 429
        case .failedPrecondition: 400
        case .aborted: 409
        case .outOfRange: 400
        case .unimplemented: 501
        case .internal: 500
        case .unavailable: 503
        case .dataLoss: 500
        case .unrecognized: 500
        }
    }
}
