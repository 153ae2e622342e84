import InteropContracts
import InteropServices
import Testing

@testable import RPC

@Suite("gRPC service config: method policies and load balancing from JSON")
struct ServiceConfigTests {
    typealias TestService = Grpc_Testing_TestService

    static let fullJSON = """
        {
          "loadBalancingConfig": [{ "weighted_round_robin": {} }, { "round_robin": {} }, { "pick_first": {} }],
          "loadBalancingPolicy": "pick_first",
          "retryThrottling": { "maxTokens": 10, "tokenRatio": 0.1 },
          "methodConfig": [
            { "name": [{}], "timeout": "10s" },
            {
              "name": [{ "service": "grpc.testing.TestService" }, { "service": "grpc.testing.Other", "method": null }],
              "timeout": "1.5s",
              "waitForReady": true,
              "maxRequestMessageBytes": 1024,
              "maxResponseMessageBytes": "2048",
              "retryPolicy": {
                "maxAttempts": 7,
                "initialBackoff": ".1s",
                "maxBackoff": "1s",
                "backoffMultiplier": 1.5,
                "retryableStatusCodes": ["UNAVAILABLE", 4]
              }
            },
            { "name": [{ "service": "grpc.testing.TestService", "method": "UnaryCall" }], "timeout": "0.000000001s" },
            { "timeout": "5s" },
            { "name": [], "timeout": "6s" }
          ]
        }
        """

    @Test("a full config: defaults, services, methods, every field, the first known balancer")
    func full() throws {
        let config = try RPCServiceConfig(json: Self.fullJSON)
        let policies = config.methodPolicies
        #expect(policies.defaults == RPCMethodPolicy(timeout: .seconds(10)))
        let service = RPCMethodPolicy(
            timeout: .milliseconds(1500),
            retryPolicy: RPCRetryPolicy(
                maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), backoffMultiplier: 1.5,
                retryableStatusCodes: [.unavailable, .deadlineExceeded]),
            waitForReady: true, maxRequestMessageBytes: 1024, maxResponseMessageBytes: 2048)
        #expect(policies[service: TestService.descriptor] == service)
        #expect(policies[service: "grpc.testing.Other"] == service)
        #expect(policies.policy(for: TestService.Method.emptyCall) == service)
        #expect(policies[method: TestService.Method.unaryCall] == RPCMethodPolicy(timeout: .nanoseconds(1)))
        #expect(
            policies.policy(for: Grpc_Testing_UnimplementedService.Method.unimplementedCall).timeout == .seconds(10))
        #expect(config.loadBalancing?.name == "round_robin")
    }

    @Test(
        "load balancing: loadBalancingConfig first, then the deprecated loadBalancingPolicy, else none",
        arguments: [
            (#"{}"#, String?.none), (#"{"loadBalancingPolicy": "ROUND_ROBIN"}"#, "round_robin"),
            (#"{"loadBalancingConfig": [{"pick_first": {"shuffleAddressList": true}}]}"#, "pick_first"),
            (#"{"loadBalancingConfig": [{"least_request": {}}, {"round_robin": {}}]}"#, "least_request"),
        ])
    func loadBalancing(json: String, expected: String?) throws {
        let leastRequest = RPCLoadBalancingPolicy(name: "least_request") { PickFirstBalancer() }
        let config = try RPCServiceConfig(json: json, loadBalancingPolicies: [.pickFirst, .roundRobin, leastRequest])
        #expect(config.loadBalancing?.name == expected)
    }

    @Test(
        "durations: seconds with up to nine decimals",
        arguments: [
            ("1s", Duration.seconds(1)), ("1.5s", .milliseconds(1500)), (".25s", .milliseconds(250)),
            ("2.s", .seconds(2)), ("0s", .zero), ("0.000001s", .microseconds(1)),
            ("315576000000s", .seconds(315_576_000_000)),
        ])
    func durations(text: String, expected: Duration) throws {
        let config = try RPCServiceConfig(json: #"{"methodConfig": [{"name": [{}], "timeout": "\#(text)"}]}"#)
        #expect(config.methodPolicies.defaults.timeout == expected)
    }

    static func retry(_ fields: String) -> String {
        #"{"methodConfig": [{"name": [{"service": "s"}], "retryPolicy": {\#(fields)}}]}"#
    }

    static let validRetry = #""initialBackoff": "1s", "maxBackoff": "2s", "backoffMultiplier": 2"#

    static let invalidConfigs: [(String, RPCServiceConfigError.Code, String)] = [
        ("not json", .malformedJSON, "the service config is not JSON"),
        ("[]", .wrongType, "the service config must be an object"),
        (#"{"methodConfig": {}}"#, .wrongType, "methodConfig must be a list"),
        (#"{"methodConfig": [3]}"#, .wrongType, "methodConfig[0] must be an object"),
        (#"{"methodConfig": [{"name": {}}]}"#, .wrongType, "methodConfig[0].name must be a list"),
        (
            #"{"methodConfig": [{"name": [{"service": 1}]}]}"#, .wrongType,
            "methodConfig[0].name[0].service must be a string"
        ),
        (
            #"{"methodConfig": [{"name": [{"method": "Foo"}]}]}"#, .invalidValue,
            #"methodConfig[0].name[0] names method "Foo" without a service"#
        ),
        (
            #"{"methodConfig": [{"name": [{"service": "s"}]}, {"name": [{"service": "s", "method": ""}]}]}"#,
            .duplicateName, "methodConfig[1].name[0] names s again (first at methodConfig[0].name[0])"
        ),
        (
            #"{"methodConfig": [{"name": [{}, {"service": ""}]}]}"#, .duplicateName,
            "methodConfig[0].name[1] names the default again (first at methodConfig[0].name[0])"
        ),
        (
            #"{"methodConfig": [{"name": [{"service": "s", "method": "m"}]}, {"name": [{"service": "s", "method": "m"}]}]}"#,
            .duplicateName, "methodConfig[1].name[0] names s/m again (first at methodConfig[0].name[0])"
        ),
        (
            #"{"methodConfig": [{"name": [{}], "timeout": "1.5"}]}"#, .invalidValue,
            #"methodConfig[0].timeout must be a duration such as "1.5s", not "1.5""#
        ),
        (
            #"{"methodConfig": [{"name": [{}], "timeout": "1.0000000001s"}]}"#, .invalidValue,
            #"methodConfig[0].timeout must be a duration such as "1.5s", not "1.0000000001s""#
        ),
        (
            #"{"methodConfig": [{"name": [{}], "timeout": "s"}]}"#, .invalidValue,
            #"methodConfig[0].timeout must be a duration such as "1.5s", not "s""#
        ),
        (
            #"{"methodConfig": [{"name": [{}], "timeout": 1.5}]}"#, .wrongType,
            #"methodConfig[0].timeout must be a duration such as "1.5s""#
        ),
        (
            #"{"methodConfig": [{"name": [{}], "timeout": "-1s"}]}"#, .invalidValue,
            "methodConfig[0].timeout must not be negative"
        ),
        (
            #"{"methodConfig": [{"name": [{}], "timeout": "315576000001s"}]}"#, .invalidValue,
            "methodConfig[0].timeout must be at most 315576000000 seconds"
        ),
        (
            #"{"methodConfig": [{"name": [{}], "waitForReady": 1}]}"#, .wrongType,
            "methodConfig[0].waitForReady must be true or false"
        ),
        (
            #"{"methodConfig": [{"name": [{}], "maxRequestMessageBytes": -1}]}"#, .invalidValue,
            "methodConfig[0].maxRequestMessageBytes must be in 0…4294967295"
        ),
        (
            #"{"methodConfig": [{"name": [{}], "maxResponseMessageBytes": 1.5}]}"#, .wrongType,
            "methodConfig[0].maxResponseMessageBytes must be a whole number"
        ),
        (
            retry(#""maxAttempts": 1, \#(validRetry), "retryableStatusCodes": ["UNAVAILABLE"]"#), .invalidValue,
            "methodConfig[0].retryPolicy.maxAttempts must be greater than 1, not 1"
        ),
        (
            retry(#"\#(validRetry), "retryableStatusCodes": ["UNAVAILABLE"]"#), .invalidValue,
            "methodConfig[0].retryPolicy.maxAttempts is required"
        ),
        (
            retry(
                #""maxAttempts": 2, "initialBackoff": "0s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": [14]"#
            ), .invalidValue, "methodConfig[0].retryPolicy.initialBackoff must be greater than zero"
        ),
        (
            retry(
                #""maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "-1s", "backoffMultiplier": 2, "retryableStatusCodes": [14]"#
            ), .invalidValue, "methodConfig[0].retryPolicy.maxBackoff must be greater than zero"
        ),
        (
            retry(
                #""maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 0, "retryableStatusCodes": [14]"#
            ), .invalidValue, "methodConfig[0].retryPolicy.backoffMultiplier must be greater than zero"
        ),
        (
            retry(#""maxAttempts": 2, \#(validRetry), "retryableStatusCodes": []"#), .invalidValue,
            "methodConfig[0].retryPolicy.retryableStatusCodes must name at least one status code"
        ),
        (
            retry(#""maxAttempts": 2, \#(validRetry)"#), .invalidValue,
            "methodConfig[0].retryPolicy.retryableStatusCodes is required"
        ),
        (
            retry(#""maxAttempts": 2, \#(validRetry), "retryableStatusCodes": ["UNAVAILABLE", "unavailable"]"#),
            .invalidValue,
            #"methodConfig[0].retryPolicy.retryableStatusCodes[1] is not a status code name: "unavailable""#
        ),
        (
            retry(#""maxAttempts": 2, \#(validRetry), "retryableStatusCodes": [17]"#), .invalidValue,
            "methodConfig[0].retryPolicy.retryableStatusCodes[0] must be in 0…16"
        ),
        (
            #"{"methodConfig": [{"name": [{}], "retryPolicy": {}, "hedgingPolicy": {}}]}"#, .invalidValue,
            "methodConfig[0] sets both retryPolicy and hedgingPolicy; only one may be set"
        ),
        (
            #"{"loadBalancingConfig": [{"weighted_round_robin": {}}]}"#, .unsupportedLoadBalancing,
            "loadBalancingConfig names no policy this client knows ([weighted_round_robin]; known: pick_first, round_robin)"
        ),
        (
            #"{"loadBalancingConfig": [{"round_robin": {}, "pick_first": {}}]}"#, .invalidValue,
            "loadBalancingConfig[0] must have exactly one field, the policy's name, not 2"
        ),
        (
            #"{"loadBalancingConfig": [{"round_robin": 1}]}"#, .wrongType,
            "loadBalancingConfig[0].round_robin must be an object"
        ),
        (
            #"{"loadBalancingPolicy": "grpclb"}"#, .unsupportedLoadBalancing,
            #"loadBalancingPolicy "grpclb" is not a policy this client knows (known: pick_first, round_robin)"#
        ),
    ]

    @Test("invalid configs are refused with the rule and the JSON path", arguments: invalidConfigs)
    func invalid(json: String, code: RPCServiceConfigError.Code, message: String) {
        let error = #expect(throws: RPCServiceConfigError.self) { try RPCServiceConfig(json: json) }
        #expect(error?.code == code)
        #expect(error?.message == message)
    }

    @Test("an error reads code, message and cause, and becomes INVALID_ARGUMENT")
    func errorShape() {
        let error = #expect(throws: RPCServiceConfigError.self) { try RPCServiceConfig(json: #"{"a":"#) }
        #expect(error?.cause != nil)
        #expect(error?.description.hasPrefix(#"malformed JSON: "the service config is not JSON" (cause: "#) == true)
        let invalid = RPCServiceConfigError(
            code: .invalidValue, path: "methodConfig[0].timeout",
            message: "methodConfig[0].timeout must not be negative")
        #expect(invalid.description == #"invalid value: "methodConfig[0].timeout must not be negative""#)
        #expect(
            invalid.rpcStatus
                == RPCStatus(.invalidArgument, "invalid service config: methodConfig[0].timeout must not be negative"))
    }

    @Test("a client configured from a service config times out by it")
    func configuredClient() async throws {
        let config = try RPCServiceConfig(
            json: #"{"methodConfig": [{"name": [{"service": "grpc.testing.TestService"}], "timeout": "0.2s"}]}"#)
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies = config.methodPolicies
        var serverConfiguration = RPCServer.Configuration()
        serverConfiguration.interceptors = [Sleepy()]
        let server = RPCServer(services: [InteropTestService()], configuration: serverConfiguration)
        let client = TestService.Client(
            client: RPCClient(transport: InProcessTransport(server: server), configuration: configuration))
        let error = await #expect(throws: RPCStatus.self) { try await client.emptyCall(Grpc_Testing_Empty()) }
        #expect(error?.code == .deadlineExceeded)
    }
}
