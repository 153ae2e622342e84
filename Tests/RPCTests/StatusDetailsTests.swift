import Bytes
import GoogleContracts
import ProtoRuntime
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

/// One of each standard detail, every field set.
enum SampleDetails {
    static let errorInfo = Google_Rpc_ErrorInfo(
        reason: "STOCK_EXHAUSTED", domain: "shop.room619", metadata: ["sku": "A-42", "warehouse": "west"])
    static let retryInfo = Google_Rpc_RetryInfo(retryDelay: Google_Protobuf_Duration(seconds: 1, nanos: 500_000_000))
    static let debugInfo = Google_Rpc_DebugInfo(stackEntries: ["main", "handle(_:)"], detail: "index out of range")
    static let quotaFailure = Google_Rpc_QuotaFailure(violations: [
        Google_Rpc_QuotaFailure.Violation(
            subject: "project:shop", description_p: "daily orders", apiService: "orders.room619",
            quotaMetric: "orders/day", quotaID: "OrdersPerDay", quotaDimensions: ["region": "eu"], quotaValue: 1000,
            futureQuotaValue: 2000)
    ])
    static let preconditionFailure = Google_Rpc_PreconditionFailure(violations: [
        Google_Rpc_PreconditionFailure.Violation(type: "TOS", subject: "shop.room619", description_p: "not accepted")
    ])
    static let badRequest = Google_Rpc_BadRequest(fieldViolations: [
        Google_Rpc_BadRequest.FieldViolation(
            field: "items[0].quantity", description_p: "must be positive", reason: "NOT_POSITIVE",
            localizedMessage: Google_Rpc_LocalizedMessage(locale: "de-CH", message: "muss positiv sein")),
        Google_Rpc_BadRequest.FieldViolation(field: "customer_id", description_p: "is empty"),
    ])
    static let requestInfo = Google_Rpc_RequestInfo(requestID: "req-7", servingData: "node 3")
    static let resourceInfo = Google_Rpc_ResourceInfo(
        resourceType: "shop.v1.Product", resourceName: "products/42", owner: "user:ada", description_p: "not found")
    static let help = Google_Rpc_Help(links: [
        Google_Rpc_Help.Link(description_p: "the order guide", url: "https://example.com/orders")
    ])
    static let localizedMessage = Google_Rpc_LocalizedMessage(locale: "fr-CH", message: "commande invalide")

    static let all: [any Message] = [
        errorInfo, retryInfo, debugInfo, quotaFailure, preconditionFailure, badRequest, requestInfo, resourceInfo,
        help, localizedMessage,
    ]
}

/// `status` written into trailers and read back, as a client receives it.
func throughTrailers(_ status: RPCStatus) -> RPCStatus {
    var trailers = HTTPHeaders()
    status.write(into: &trailers)
    return RPCStatus(trailers: trailers)
}

@Suite("Rich error details (google.rpc.Status in grpc-status-details-bin)")
struct StatusDetailsTests {
    @Test("each standard detail survives the trailers and comes back typed")
    func eachDetailRoundTrips() throws {
        try expectRoundTrip(SampleDetails.errorInfo)
        try expectRoundTrip(SampleDetails.retryInfo)
        try expectRoundTrip(SampleDetails.debugInfo)
        try expectRoundTrip(SampleDetails.quotaFailure)
        try expectRoundTrip(SampleDetails.preconditionFailure)
        try expectRoundTrip(SampleDetails.badRequest)
        try expectRoundTrip(SampleDetails.requestInfo)
        try expectRoundTrip(SampleDetails.resourceInfo)
        try expectRoundTrip(SampleDetails.help)
        try expectRoundTrip(SampleDetails.localizedMessage)
    }

    private func expectRoundTrip<M: Message>(
        _ detail: M, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let sent = RPCStatus(.failedPrecondition, "no stock", details: [detail])
        let received = throughTrailers(sent)
        #expect(received == sent, sourceLocation: sourceLocation)
        #expect(received.details(of: M.self) == [detail], sourceLocation: sourceLocation)

        // The bytes are a google.rpc.Status with the same code and message and one Any.
        let bytes = try #require(received.details, sourceLocation: sourceLocation)
        let status = try Google_Rpc_Status(decoding: bytes)
        #expect(status.code == 9 && status.message == "no stock", sourceLocation: sourceLocation)
        #expect(
            status.details.map(\.typeURL) == ["type.googleapis.com/" + M.protoMessageName],
            sourceLocation: sourceLocation)
    }

    @Test("all details at once keep their order; details(of:) returns every one of a type")
    func allDetails() {
        let extra = Google_Rpc_ErrorInfo(reason: "SECOND", domain: "shop.room619")
        let received = throughTrailers(RPCStatus(.aborted, "busy", details: SampleDetails.all + [extra]))
        #expect(received.googleRPCStatus?.details.count == 11)
        #expect(received.details(of: Google_Rpc_ErrorInfo.self) == [SampleDetails.errorInfo, extra])
        #expect(received.errorInfo == SampleDetails.errorInfo)
        #expect(received.retryDelay == .milliseconds(1500))
        #expect(received.fieldViolations == SampleDetails.badRequest.fieldViolations)
        #expect(received.resourceInfo == SampleDetails.resourceInfo)
        #expect(received.details(of: Google_Rpc_Help.self) == [SampleDetails.help])
    }

    @Test("details of types this process does not know are skipped, and passed on unchanged")
    func unknownDetailsSkipped() throws {
        var status = Google_Rpc_Status(code: 5, message: "no product 42")
        status.details = [
            Google_Protobuf_Any(typeURL: "type.googleapis.com/shop.v1.StockLevel", value: [0x08, 0x03]),
            try Google_Protobuf_Any(packing: SampleDetails.resourceInfo),
            // Names a known type but holds bytes that are not one: skipped too.
            Google_Protobuf_Any(typeURL: "type.googleapis.com/google.rpc.ErrorInfo", value: [0x0A, 0x05]),
        ]
        let received = throughTrailers(RPCStatus(status))
        #expect(received.code == .notFound)
        #expect(received.message == "no product 42")
        #expect(received.details(of: Google_Rpc_ResourceInfo.self) == [SampleDetails.resourceInfo])
        #expect(received.details(of: Google_Rpc_ErrorInfo.self).isEmpty)
        #expect(received.details(of: Google_Rpc_BadRequest.self).isEmpty)
        #expect(received.googleRPCStatus == status, "a proxy passes what it does not know on")

        // Adding to it keeps the unknown details.
        let more = received.addingErrorInfo(reason: "GONE", domain: "shop.room619")
        #expect(more.googleRPCStatus?.details.first?.typeURL == "type.googleapis.com/shop.v1.StockLevel")
        #expect(more.errorInfo?.reason == "GONE")
    }

    @Test("no details, or details that are no google.rpc.Status, give no typed details")
    func noDetails() {
        #expect(RPCStatus(.notFound).details(of: Google_Rpc_ErrorInfo.self).isEmpty)
        #expect(RPCStatus(.notFound).googleRPCStatus == nil)
        #expect(RPCStatus(.notFound, details: []).details == nil)
        let garbage = RPCStatus(.internal, details: ByteBuffer(bytes: [0xFF, 0xFF]))
        #expect(garbage.googleRPCStatus == nil)
        #expect(garbage.errorInfo == nil)
        // Adding replaces bytes that are not a google.rpc.Status.
        #expect(garbage.addingRetryInfo(retryDelay: .seconds(2)).retryDelay == .seconds(2))
    }

    @Test("the convenience constructors build the standard details")
    func conveniences() throws {
        let bad = RPCStatus.invalidArgument(
            "the order is not valid",
            fieldViolations: [("items[0].quantity", "must be positive"), ("customer_id", "is empty")])
        #expect(bad.code == .invalidArgument)
        #expect(bad.message == "the order is not valid")
        #expect(throughTrailers(bad).fieldViolations.map(\.field) == ["items[0].quantity", "customer_id"])
        #expect(throughTrailers(bad).fieldViolations.map(\.description_p) == ["must be positive", "is empty"])

        let full = RPCStatus(.resourceExhausted, "slow down")
            .addingErrorInfo(reason: "RATE_LIMITED", domain: "shop.room619", metadata: ["limit": "10/s"])
            .addingRetryInfo(retryDelay: .milliseconds(250))
            .addingResourceInfo(type: "shop.v1.Cart", name: "carts/7", owner: "user:ada", description: "locked")
        let received = throughTrailers(full)
        #expect(
            received.errorInfo
                == Google_Rpc_ErrorInfo(reason: "RATE_LIMITED", domain: "shop.room619", metadata: ["limit": "10/s"]))
        #expect(received.retryDelay == .milliseconds(250))
        #expect(
            received.resourceInfo
                == Google_Rpc_ResourceInfo(
                    resourceType: "shop.v1.Cart", resourceName: "carts/7", owner: "user:ada", description_p: "locked"))
        let status = try #require(received.googleRPCStatus)
        #expect(status.code == 8 && status.message == "slow down")
    }

    @Test("codes convert to and from google.rpc.Code by number")
    func codes() {
        for code in RPCStatus.Code.allCases {
            #expect(RPCStatus.Code(code.googleRPCCode) == code)
            #expect(Int(code.googleRPCCode.rawValue) == code.rawValue)
        }
        #expect(RPCStatus.Code(Google_Rpc_Code.unauthenticated) == .unauthenticated)
        #expect(RPCStatus.Code(Google_Rpc_Code.unrecognized(42)) == .unknown)
        #expect(RPCStatus(Google_Rpc_Status(code: 99, message: "odd")).code == .unknown)
    }
}
