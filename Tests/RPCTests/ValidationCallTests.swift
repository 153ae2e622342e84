import GoogleContracts
import ProtoRuntime
import RPC
import Signup
import Testing
import Validation

private typealias Request = Room619_Testing_Signup_V1_RegisterRequest
private typealias Client = Room619_Testing_Signup_V1_Signup.Client

/// A request that passes every rule of signup.proto.
private func validRequest() -> Request {
    Request(
        email: "ada@example.com", password: "correct horse", displayName: "Ada", age: 36, interests: ["math", "looms"],
        address: Room619_Testing_Signup_V1_Address(city: "London", country: "GB"), labels: ["tier": "gold"])
}

/// A request that breaks seven rules at once, at several depths.
private func invalidRequest() -> Request {
    var request = validRequest()
    request.password = "short"
    request.displayName = ""
    request.age = 7
    request.interests = ["math", "math", "x"]
    request.address?.country = "gb"
    request.labels = ["Tier": "gold"]
    return request
}

/// The (path, rule id) pairs `invalidRequest()` breaks, in evaluation order.
private let expectedViolations: [(String, String)] = [
    ("password", "string.min_len"), ("display_name", "string.min_len"), ("age", "int32.gte_lte"),
    ("interests", "repeated.unique"), ("interests[2]", "string.min_len"), ("address.country", "string.pattern"),
    ("labels[\"Tier\"]", "string.pattern"),
]

@Suite("Validation on calls: servers refuse, clients check first", .timeLimit(.minutes(1)))
struct ValidationCallTests {
    @Test(
        "an invalid request is INVALID_ARGUMENT with every violation, and the handler never runs",
        arguments: [false, true])
    func serverRefuses(overHTTP2: Bool) async throws {
        let service = SignupService()
        var options = RPCCallOptions()
        options.validatesRequests = false  // let the request reach the server
        try await withClient(RPCServer(services: [service]), overHTTP2: overHTTP2) { rpc in
            let client = Client(client: rpc)
            let status = try await #require(throws: RPCStatus.self) {
                _ = try await client.register(invalidRequest(), options: options)
            }
            #expect(status.code == .invalidArgument)
            #expect(status.message.contains("7 field violations"))
            let violations = status.fieldViolations
            #expect(violations.map(\.field) == expectedViolations.map(\.0))
            #expect(violations.map(\.reason) == expectedViolations.map(\.1))
            #expect(violations.allSatisfy { !$0.description_p.isEmpty })
            #expect(service.handledCount == 0)

            let reply = try await client.register(validRequest(), options: options)
            #expect(reply.greeting == "welcome, Ada")
            #expect(service.handledCount == 1)
        }
    }

    @Test("the generated client refuses an invalid request before anything goes on the wire", arguments: [false, true])
    func clientRefuses(overHTTP2: Bool) async throws {
        let service = SignupService()
        var configuration = RPCServer.Configuration()
        configuration.validatesRequests = false  // were it sent, the handler would run
        try await withClient(RPCServer(services: [service], configuration: configuration), overHTTP2: overHTTP2) {
            rpc in
            let client = Client(client: rpc)
            let status = try await #require(throws: RPCStatus.self) { _ = try await client.register(invalidRequest()) }
            #expect(status.code == .invalidArgument)
            #expect(status.fieldViolations.map(\.reason) == expectedViolations.map(\.1))
            #expect(try await client.stats(.init()).handled == 0)
        }
    }

    @Test("a server with validation off runs the handler on any request")
    func switchedOff() async throws {
        let service = SignupService()
        var configuration = RPCServer.Configuration()
        configuration.validatesRequests = false
        var options = RPCCallOptions()
        options.validatesRequests = false
        try await withClient(RPCServer(services: [service], configuration: configuration), overHTTP2: false) { rpc in
            _ = try await Client(client: rpc).register(invalidRequest(), options: options)
            #expect(service.handledCount == 1)
        }
    }

    @Test(
        "a stream validates each message as it arrives: the handler sees the good ones before the bad one",
        arguments: [false, true])
    func streamingValidatesEachMessage(overHTTP2: Bool) async throws {
        let service = SignupService()
        var options = RPCCallOptions()
        options.validatesRequests = false
        try await withClient(RPCServer(services: [service]), overHTTP2: overHTTP2) { rpc in
            let client = Client(client: rpc)
            let status = try await #require(throws: RPCStatus.self) {
                _ = try await client.import(options: options) { writer in
                    try await writer.write(validRequest())
                    try await writer.write(validRequest())
                    try await writer.write(invalidRequest())
                }
            }
            #expect(status.code == .invalidArgument)
            #expect(status.fieldViolations.count == expectedViolations.count)
            #expect(service.handledCount == 2)
        }
    }

    @Test("a streaming client refuses the invalid message locally and the call ends")
    func streamingClientRefuses() async throws {
        let service = SignupService()
        try await withClient(RPCServer(services: [service]), overHTTP2: false) { rpc in
            let status = try await #require(throws: RPCStatus.self) {
                _ = try await Client(client: rpc).import { writer in
                    try await writer.write(validRequest())
                    try await writer.write(invalidRequest())
                }
            }
            #expect(status.code == .invalidArgument)
        }
    }

    @Test("an interceptor that refuses the caller answers before validation does")
    func interceptorsComeFirst() async throws {
        struct Gate: RPCServerInterceptor {
            func interceptRequest(_ request: any Message, context: RPCServerContext) async throws {
                throw RPCStatus(.unauthenticated, "no token")
            }
        }
        var configuration = RPCServer.Configuration()
        configuration.interceptors = [Gate()]
        var options = RPCCallOptions()
        options.validatesRequests = false
        try await withClient(RPCServer(services: [SignupService()], configuration: configuration), overHTTP2: false) {
            rpc in
            let status = try await #require(throws: RPCStatus.self) {
                _ = try await Client(client: rpc).register(invalidRequest(), options: options)
            }
            #expect(status.code == .unauthenticated)
        }
    }

    @Test("the status a validation error maps to carries the rule ids as reasons")
    func statusMapping() throws {
        let error = ValidationError(
            messageName: "x.v1.M",
            violations: [
                ValidationViolation(fieldPath: "a.b[1]", ruleID: "int32.gt", message: "value must be greater than 0")
            ])
        let status = RPCStatus(validation: error)
        #expect(status.code == .invalidArgument)
        #expect(
            status.message == "x.v1.M is invalid: 1 field violation: a.b[1]: int32.gt: value must be greater than 0")
        #expect(
            status.fieldViolations == [
                Google_Rpc_BadRequest.FieldViolation(
                    field: "a.b[1]", description_p: "value must be greater than 0", reason: "int32.gt")
            ])
    }
}
