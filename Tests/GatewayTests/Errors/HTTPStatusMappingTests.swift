import HTTPRouting
import RPC
import Testing

@testable import Gateway

@Suite("Status mapping: gRPC codes to HTTP statuses and back")
struct HTTPStatusMappingTests {
    /// grpc-gateway v2's `runtime.HTTPStatusFromCode`, row by row.
    static let grpcGateway: [(RPCStatus.Code, Int)] = [
        (.ok, 200), (.cancelled, 499), (.unknown, 500), (.invalidArgument, 400), (.deadlineExceeded, 504),
        (.notFound, 404), (.alreadyExists, 409), (.permissionDenied, 403), (.unauthenticated, 401),
        (.resourceExhausted, 429), (.failedPrecondition, 400), (.aborted, 409), (.outOfRange, 400),
        (.unimplemented, 501), (.internal, 500), (.unavailable, 503), (.dataLoss, 500),
    ]

    @Test("every code maps as grpc-gateway v2 maps it", arguments: grpcGateway)
    func forward(code: RPCStatus.Code, status: Int) {
        #expect(HTTPStatusMapping.httpStatus(for: code) == status)
    }

    @Test("the table covers every code")
    func complete() {
        #expect(Set(Self.grpcGateway.map(\.0)) == Set(RPCStatus.Code.allCases))
    }

    @Test(
        "statuses the gateway raises map to a code for the body",
        arguments: [
            (200, RPCStatus.Code.ok), (204, .ok), (400, .invalidArgument), (401, .unauthenticated),
            (403, .permissionDenied),
            (404, .notFound), (405, .unimplemented), (406, .invalidArgument), (408, .deadlineExceeded), (409, .aborted),
            (411, .invalidArgument), (412, .failedPrecondition), (413, .resourceExhausted), (414, .resourceExhausted),
            (415, .invalidArgument), (429, .resourceExhausted), (431, .resourceExhausted), (499, .cancelled),
            (500, .internal), (501, .unimplemented), (502, .unavailable), (503, .unavailable), (504, .deadlineExceeded),
            (418, .unknown), (302, .unknown), (0, .unknown), (-1, .unknown), (Int.max, .unknown),
        ])
    func reverse(status: Int, code: RPCStatus.Code) {
        #expect(HTTPStatusMapping.code(forHTTPStatus: status) == code)
    }

    @Test("for every status in the forward mapping's image, the reverse leads back to it")
    func roundTrip() {
        for status in Set(Self.grpcGateway.map(\.1)) {
            #expect(HTTPStatusMapping.httpStatus(for: HTTPStatusMapping.code(forHTTPStatus: status)) == status)
        }
    }
}
