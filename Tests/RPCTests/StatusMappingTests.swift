import CommonContracts
import GoogleContracts
import InteropContracts
import ProtoRuntime
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

/// A domain error that knows the RPC layer.
private struct StockError: RPCStatusConvertible {
    var rpcStatus: RPCStatus { RPCStatus(.failedPrecondition, "out of stock") }
}

/// A domain error of a contract target: it declares its status without RPC.
private struct ReservedNameError: RPCStatusDeclaring {
    var statusCode: Google_Rpc_Code { .alreadyExists }
    var statusMessage: String { "the name is taken" }
}

private struct SecretError: Error, CustomStringConvertible {
    var description: String { "password=hunter2" }
}

@Suite("One place where errors become a status: RPCStatus(from:input:)")
struct StatusMappingTests {
    @Test("MoneyError declares INVALID_ARGUMENT for a currency mismatch and OUT_OF_RANGE for an overflow")
    func moneyError() throws {
        let euros = Common_V1_Money(minorUnits: 100, currencyCode: "EUR")
        var mismatch: MoneyError?
        do { _ = try euros.adding(Common_V1_Money(minorUnits: 1, currencyCode: "USD")) } catch { mismatch = error }
        let mismatchError = try #require(mismatch)
        #expect(mismatchError.code == .currencyMismatch)
        #expect(mismatchError.description == #"currency mismatch: "cannot combine amounts in EUR and USD""#)

        let status = throughTrailers(RPCStatus(from: mismatchError))
        #expect(status.code == .invalidArgument)
        #expect(status.message == "cannot combine amounts in EUR and USD")
        #expect(
            status.errorInfo
                == Google_Rpc_ErrorInfo(
                    reason: "CURRENCY_MISMATCH", domain: "money.room619",
                    metadata: ["currency": "EUR", "otherCurrency": "USD"]))

        var overflow: MoneyError?
        do { _ = try Common_V1_Money(minorUnits: .max, currencyCode: "EUR").adding(euros) } catch { overflow = error }
        let overflowStatus = RPCStatus(from: try #require(overflow))
        #expect(overflowStatus.code == .outOfRange)
        #expect(overflowStatus.errorInfo?.reason == "AMOUNT_OVERFLOW")
        #expect(overflowStatus.errorInfo?.metadata == ["currency": "EUR"])
        #expect(overflowStatus.cause is MoneyError)
    }

    @Test("a declared status keeps the domain error as its cause; the cause stays local")
    func declared() {
        let status = RPCStatus(from: ReservedNameError())
        #expect(status.code == .alreadyExists)
        #expect(status.message == "the name is taken")
        #expect(status.details == nil, "no details declared, none sent")
        #expect(status.cause is ReservedNameError)
        #expect(throughTrailers(status).cause == nil)
    }

    @Test("RPCStatusConvertible comes first and keeps its error as the cause")
    func convertible() {
        let status = RPCStatus(from: StockError())
        #expect(status == RPCStatus(.failedPrecondition, "out of stock"))
        #expect(status.cause is StockError)

        let thrown = RPCStatus(.notFound, "gone", cause: SecretError())
        let same = RPCStatus(from: thrown)
        #expect(same == thrown)
        #expect(same.cause is SecretError, "a status passes through with its own cause")
    }

    @Test("any other error is UNKNOWN without its description, kept as the cause")
    func unknown() {
        let status = RPCStatus(from: SecretError())
        #expect(status.code == .unknown)
        #expect(!status.message.contains("hunter2"))
        #expect(status.cause is SecretError)
        var trailers = HTTPHeadersProbe()
        #expect(!trailers.written(status).contains("hunter2"), "the cause is never sent")
        #expect(RPCStatus(from: CancellationError()).code == .cancelled)
        #expect(RPCStatus(from: CancellationError()).cause is CancellationError)
    }

    @Test("the cause: not part of ==, hashValue or the wire; shown in the description")
    func cause() {
        let plain = RPCStatus(.internal, "broken")
        let caused = RPCStatus(.internal, "broken", cause: SecretError())
        #expect(plain == caused)
        #expect(plain.hashValue == caused.hashValue)
        #expect(Set([plain, caused]).count == 1)
        #expect(plain.description == "INTERNAL: broken")
        #expect(caused.description == "INTERNAL: broken (cause: password=hunter2)")
        #expect(throughTrailers(caused) == plain)
        #expect(throughTrailers(caused).cause == nil)
    }

    @Test("a gRPC message that does not decode is INTERNAL, as gRPC specifies")
    func protoDecodingOverGRPC() throws {
        let error = try #require(decodingError())
        let status = RPCStatus(from: error)
        #expect(status.code == .internal)
        #expect(status.message.contains("does not decode"))
        #expect(status.cause is ProtoDecodingError)
        #expect(RPCStatus(from: error, input: .grpc) == status)
    }

    @Test("a REST request body that does not decode is INVALID_ARGUMENT")
    func decodingOverREST() throws {
        let proto = RPCStatus(from: try #require(decodingError()), input: .restRequest)
        #expect(proto.code == .invalidArgument)
        #expect(proto.cause is ProtoDecodingError)

        var jsonError: JSONDecodingError?
        do {
            _ = try Grpc_Testing_SimpleRequest(jsonString: #"{"responseSize": "many"}"#)
        } catch {
            jsonError = error
        }
        let json = RPCStatus(from: try #require(jsonError), input: .restRequest)
        #expect(json.code == .invalidArgument)
        #expect(json.fieldViolations.map(\.field) == ["responseSize"])
        #expect(json.cause is JSONDecodingError)
        #expect(RPCStatus(from: try #require(jsonError)).code == .internal, "JSON that is not the client's: INTERNAL")
    }

    @Test("a message that cannot be encoded is INTERNAL")
    func encoding() {
        let error = ProtoEncodingError(code: .missingRequiredFields, message: "x has required fields that are not set")
        #expect(RPCStatus(from: error).code == .internal)
        #expect(RPCStatus(from: error, input: .restRequest).code == .internal)
        #expect(RPCStatus(from: error).cause is ProtoEncodingError)
    }

    @Test(
        "a handler that throws a domain error ends the call with its declared status and details, in process and over HTTP/2"
    )
    func endToEnd() async throws {
        struct Checkout: RPCService {
            static var serviceDescriptor: RPCServiceDescriptor { Grpc_Testing_TestService.descriptor }
            var methods: [RPCServerMethod] {
                [
                    .unary(Grpc_Testing_TestService.Method.unaryCall) {
                        (_: Grpc_Testing_SimpleRequest, _) async throws -> Grpc_Testing_SimpleResponse in
                        _ = try Common_V1_Money(minorUnits: 1, currencyCode: "EUR")
                            .adding(Common_V1_Money(minorUnits: 1, currencyCode: "CHF"))
                        return Grpc_Testing_SimpleResponse()
                    }
                ]
            }
        }
        let check: @Sendable (Grpc_Testing_TestService.Client) async throws -> Void = { client in
            do {
                _ = try await client.unaryCall(Grpc_Testing_SimpleRequest())
                Issue.record("the call succeeded")
            } catch let status as RPCStatus {
                #expect(status.code == .invalidArgument)
                #expect(status.message == "cannot combine amounts in EUR and CHF")
                #expect(status.errorInfo?.reason == "CURRENCY_MISMATCH")
                #expect(status.cause == nil, "the server's cause stays on the server")
            }
        }
        let server = RPCServer(services: [Checkout()])
        for overHTTP2 in [false, true] {
            try await withClient(server, overHTTP2: overHTTP2) { client in
                try await check(Grpc_Testing_TestService.Client(client: client))
            }
        }
    }

    private func decodingError() -> ProtoDecodingError? {
        do {
            _ = try Grpc_Testing_SimpleRequest(serializedBytes: [0x0A, 0x05, 0x01])
            return nil
        } catch {
            return error
        }
    }
}

/// What a status writes into trailers, as text.
private struct HTTPHeadersProbe {
    mutating func written(_ status: RPCStatus) -> String {
        var headers = HTTPHeaders()
        status.write(into: &headers)
        return headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}

// MARK: The example of docs/rpc.md ("Errors: status, details and domain errors"), made private

private struct OutOfStock: RPCStatusDeclaring {
    var sku: String
    var statusCode: Google_Rpc_Code { .failedPrecondition }
    var statusMessage: String { "\(sku) is out of stock" }
    var statusDetails: [any Message] {
        [Google_Rpc_ErrorInfo(reason: "OUT_OF_STOCK", domain: "shop.room619", metadata: ["sku": sku])]
    }
}

private func checkQuantity(_ quantity: Int32) throws(RPCStatus) {
    guard quantity > 0 else {
        throw RPCStatus.invalidArgument(
            "the order is not valid", fieldViolations: [("items[0].quantity", "must be positive")]
        ).addingErrorInfo(reason: "INVALID_ORDER", domain: "shop.room619")
    }
}

private func describe(_ status: RPCStatus) -> String {
    if let info = status.errorInfo, info.reason == "OUT_OF_STOCK" { return "sold out: \(info.metadata["sku"] ?? "?")" }
    let fields = status.fieldViolations.map { "\($0.field): \($0.description_p)" }
    return fields.isEmpty ? status.message : fields.joined(separator: "; ")
}

@Suite("The error example of docs/rpc.md")
struct StatusDocsExampleTests {
    @Test("the example runs as the docs say")
    func example() throws {
        let declared = RPCStatus(from: OutOfStock(sku: "A-42"))
        #expect(declared.description == "FAILED_PRECONDITION: A-42 is out of stock (cause: OutOfStock(sku: \"A-42\"))")
        #expect(describe(throughTrailers(declared)) == "sold out: A-42")
        #expect(throws: RPCStatus.self) { try checkQuantity(0) }
        do {
            try checkQuantity(0)
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.errorInfo?.reason == "INVALID_ORDER")
            #expect(describe(throughTrailers(error)) == "items[0].quantity: must be positive")
        }
    }
}
