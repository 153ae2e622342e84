import Bytes
import InteropContracts
import InteropServices
import ProtoRuntime
import RPC
import RPCHTTP2
import Synchronization
import Testing

/// A test gateway's side of one call: JSON request bodies in, JSON response bodies out, the way
/// a REST gateway will reach a generated method through `RPCServer.serve`.
final class JSONGatewayIO: RPCServerStreamIO {
    struct State {
        var requests: [ByteBuffer]
        var responses: [String] = []
        var status: RPCStatus?
    }
    let state: Mutex<State>

    init(requests: [String]) {
        state = Mutex(State(requests: requests.map { ByteBuffer(string: $0) }))
    }

    var lastMessageWasCompressed: Bool { false }

    func receive<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        guard let body = state.withLock({ $0.requests.isEmpty ? nil : $0.requests.removeFirst() }) else { return nil }
        do {
            return try M(decodingJSON: body)
        } catch {
            // A REST body that does not parse is the caller's mistake, not the server's.
            throw RPCStatus(.invalidArgument, "the body is not a \(M.protoMessageName): \(error)")
        }
    }

    func prepare<M: Message>(_ message: M, limit: Int) throws(RPCStatus) -> RPCOutgoingMessage {
        do {
            var body = ByteBuffer()
            try message.encodeJSON(into: &body)
            return .encoded(body)
        } catch {
            throw RPCStatus(.internal, "\(error)")
        }
    }

    func sendHeaders(_ metadata: Metadata, encoding: GRPCCompression) async throws {}

    func sendMessage(_ message: RPCOutgoingMessage, compressed: Bool) async throws {
        guard case .encoded(let body) = message else { throw RPCStatus(.internal, "a message was not encoded") }
        state.withLock { $0.responses.append(String(decoding: body.readableBytesArray, as: UTF8.self)) }
    }

    func sendStatus(_ status: RPCStatus, trailers: Metadata, trailersOnly: Bool) async throws {
        state.withLock { $0.status = status }
    }

    func sendUnaryResponse(
        headers: Metadata, encoding: GRPCCompression, message: RPCOutgoingMessage, compressed: Bool,
        trailers: Metadata
    ) async throws {
        try await sendMessage(message, compressed: compressed)
        try await sendStatus(.ok, trailers: trailers, trailersOnly: false)
    }
}

/// Records the messages its hooks see, and refuses requests asking for too large a response.
final class MessageRecorder: RPCServerInterceptor, RPCClientInterceptor {
    let seen = Mutex((requests: [String](), responses: [String]()))

    func interceptRequest(_ request: any Message, context: RPCServerContext) async throws {
        seen.withLock { $0.requests.append(type(of: request).protoMessageName) }
        if let simple = request as? Grpc_Testing_SimpleRequest, simple.responseSize > 1_000 {
            throw RPCStatus(.invalidArgument, "response_size must be at most 1000")
        }
    }

    func interceptResponse(_ response: any Message, context: RPCServerContext) async throws {
        seen.withLock { $0.responses.append(type(of: response).protoMessageName) }
    }

    func interceptRequest(_ request: any Message, call: RPCClientCallInfo) async throws {
        seen.withLock { $0.requests.append("client:" + type(of: request).protoMessageName) }
    }

    func interceptResponse(_ response: any Message, call: RPCClientCallInfo) async throws {
        seen.withLock { $0.responses.append("client:" + type(of: response).protoMessageName) }
    }
}

/// The caller's name, as an authenticating interceptor leaves it for the handler.
enum PrincipalKey: RPCContextKey {
    typealias Value = String
}

/// Authenticates from `x-user` metadata and stores the principal in the context.
struct Authenticate: RPCServerInterceptor {
    func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws {
        guard let user = context.metadata["x-user"] else { throw RPCStatus(.unauthenticated, "no x-user") }
        var context = context
        context[PrincipalKey.self] = user
        try await next(context)
    }
}

/// A one-method service whose handler answers with the principal the interceptor stored.
struct WhoAmI: RPCService {
    static let get = RPCMethodDescriptor(service: "test.WhoAmI", method: "Get", kind: .unary)
    static var serviceDescriptor: RPCServiceDescriptor {
        RPCServiceDescriptor(name: "test.WhoAmI", methods: [get], file: "test/who_am_i.proto")
    }

    var methods: [RPCServerMethod] {
        [
            .unary(Self.get) { (_: Grpc_Testing_Empty, context) -> Grpc_Testing_SimpleResponse in
                var response = Grpc_Testing_SimpleResponse()
                response.username = context[PrincipalKey.self] ?? "nobody"
                return response
            }
        ]
    }
}

@Suite("The seams later layers plug into")
struct SeamTests {
    @Test("a gateway calls a generated method with JSON, through the interceptor chain")
    func jsonGateway() async throws {
        let recorder = MessageRecorder()
        var configuration = RPCServer.Configuration()
        configuration.interceptors = [recorder]
        let server = RPCServer(services: [InteropTestService()], configuration: configuration)

        let io = JSONGatewayIO(requests: [#"{"responseSize": 3, "fillUsername": true}"#])
        await server.serve(
            io: io, path: Grpc_Testing_TestService.Method.unaryCall.path, metadata: Metadata(), deadline: nil,
            peer: "gateway", requestEncoding: .identity, acceptedEncodings: [.identity])
        let (responses, status) = io.state.withLock { ($0.responses, $0.status) }
        #expect(status?.code == .ok)
        #expect(responses == [#"{"payload":{"body":"AAAA"}}"#])
        #expect(recorder.seen.withLock { $0.requests } == ["grpc.testing.SimpleRequest"])
        #expect(recorder.seen.withLock { $0.responses } == ["grpc.testing.SimpleResponse"])

        // The interceptor judges the JSON request by its content; the handler never runs.
        let refused = JSONGatewayIO(requests: [#"{"responseSize": 5000}"#])
        await server.serve(
            io: refused, path: Grpc_Testing_TestService.Method.unaryCall.path, metadata: Metadata(), deadline: nil,
            peer: "gateway", requestEncoding: .identity, acceptedEncodings: [.identity])
        #expect(refused.state.withLock { $0.status?.code } == .invalidArgument)
        #expect(refused.state.withLock { $0.responses }.isEmpty)

        // A body that is not the method's request type is the codec's error.
        let malformed = JSONGatewayIO(requests: [#"{"responseSize": "many"}"#])
        await server.serve(
            io: malformed, path: Grpc_Testing_TestService.Method.unaryCall.path, metadata: Metadata(), deadline: nil,
            peer: "gateway", requestEncoding: .identity, acceptedEncodings: [.identity])
        #expect(malformed.state.withLock { $0.status?.code } == .invalidArgument)
    }

    @Test("an interceptor rejects a request by its content, in process and over HTTP/2", arguments: [false, true])
    func rejectByContent(overHTTP2: Bool) async throws {
        let recorder = MessageRecorder()
        var configuration = RPCServer.Configuration()
        configuration.interceptors = [recorder]
        let server = RPCServer(services: [InteropTestService()], configuration: configuration)
        try await withClient(server, overHTTP2: overHTTP2) { client in
            let test = Grpc_Testing_TestService.Client(client: client)
            var request = Grpc_Testing_SimpleRequest()
            request.responseSize = 10
            let reply = try await test.unaryCall(request)
            #expect(reply.payload?.body.readableBytes == 10)
            request.responseSize = 2_000
            let error = await #expect(throws: RPCStatus.self) { try await test.unaryCall(request) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message == "response_size must be at most 1000")
            // Only the accepted request produced a response.
            #expect(recorder.seen.withLock { $0.responses } == ["grpc.testing.SimpleResponse"])
        }
    }

    @Test("an interceptor stores the principal; the handler reads it", arguments: [false, true])
    func principal(overHTTP2: Bool) async throws {
        var configuration = RPCServer.Configuration()
        configuration.interceptors = [Authenticate()]
        let server = RPCServer(services: [WhoAmI()], configuration: configuration)
        try await withClient(server, overHTTP2: overHTTP2) { client in
            var options = RPCCallOptions()
            options.metadata.add("x-user", "alice")
            let response: Grpc_Testing_SimpleResponse = try await client.unary(
                WhoAmI.get, Grpc_Testing_Empty(), options: options)
            #expect(response.username == "alice")
            let anonymous = await #expect(throws: RPCStatus.self) {
                let _: Grpc_Testing_SimpleResponse = try await client.unary(WhoAmI.get, Grpc_Testing_Empty())
            }
            #expect(anonymous?.code == .unauthenticated)
        }
    }

    @Test("client interceptors see every request and response message of a streaming call")
    func clientMessageHooks() async throws {
        let recorder = MessageRecorder()
        let server = RPCServer(services: [InteropTestService()])
        let client = RPCClient(transport: InProcessTransport(server: server), interceptors: [recorder])
        let test = Grpc_Testing_TestService.Client(client: client)
        var request = Grpc_Testing_StreamingOutputCallRequest()
        for size in [1, 2, 3] {
            var parameters = Grpc_Testing_ResponseParameters()
            parameters.size = Int32(size)
            request.responseParameters.append(parameters)
        }
        let count = try await test.streamingOutputCall(request) { responses in
            var count = 0
            for try await _ in responses { count += 1 }
            return count
        }
        #expect(count == 3)
        let seen = recorder.seen.withLock { $0 }
        #expect(seen.requests == ["client:grpc.testing.StreamingOutputCallRequest"])
        #expect(seen.responses == Array(repeating: "client:grpc.testing.StreamingOutputCallResponse", count: 3))
    }

    @Test(
        "an observer's per-call handle sees exactly one end per call: deadlines, cancellation, errors",
        arguments: [false, true])
    func oneEndPerCall(overHTTP2: Bool) async throws {
        let serverObserver = CountingObserver()
        var configuration = RPCServer.Configuration()
        configuration.observer = serverObserver
        let server = RPCServer(services: [InteropTestService()], configuration: configuration)
        let clientObserver = CountingObserver()
        var clientConfiguration = RPCClient.Configuration()
        clientConfiguration.observer = clientObserver
        try await withClient(server, overHTTP2: overHTTP2, configuration: clientConfiguration) { client in
            let test = Grpc_Testing_TestService.Client(client: client)
            // Slow responses: 10 of them, 200 ms apart.
            var slow = Grpc_Testing_StreamingOutputCallRequest()
            for _ in 0..<10 {
                var parameters = Grpc_Testing_ResponseParameters()
                parameters.size = 1
                parameters.intervalUs = 200_000
                slow.responseParameters.append(parameters)
            }
            // 1: the deadline passes mid-stream.
            let late = await #expect(throws: RPCStatus.self) {
                try await test.streamingOutputCall(slow, options: RPCCallOptions(timeout: .milliseconds(300))) {
                    for try await _ in $0 {}
                }
            }
            #expect(late?.code == .deadlineExceeded)
            // 2: the caller's task is cancelled mid-stream.
            let cancelled = Task {
                try await test.streamingOutputCall(slow) { for try await _ in $0 {} }
            }
            try await Task.sleep(for: .milliseconds(300))
            cancelled.cancel()
            _ = await cancelled.result
            // 3: the handler fails.
            var failing = Grpc_Testing_SimpleRequest()
            var status = Grpc_Testing_EchoStatus()
            status.code = 9
            failing.responseStatus = status
            _ = await #expect(throws: RPCStatus.self) { try await test.unaryCall(failing) }
            // 4: success.
            _ = try await test.emptyCall(Grpc_Testing_Empty())
        }
        // Server calls end asynchronously after the client has moved on: wait for them.
        let deadline = ContinuousClock.now + testPatience
        while serverObserver.counts.withLock({ $0.finished < 4 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(100))  // a second end, if any, would show now
        for observer in [serverObserver, clientObserver] {
            let counts = observer.counts.withLock { $0 }
            #expect(counts.started == 4)
            #expect(counts.finished == 4, "\(counts.codes)")
        }
        #expect(
            clientObserver.counts.withLock { $0.codes } == [.deadlineExceeded, .cancelled, .failedPrecondition, .ok])
    }
}

/// A client of `server`, in process or over HTTP/2 on a loopback port, for the length of `body`.
func withClient(
    _ server: RPCServer, overHTTP2: Bool, configuration: RPCClient.Configuration = .init(),
    _ body: (RPCClient) async throws -> Void
) async throws {
    guard overHTTP2 else {
        try await body(RPCClient(transport: InProcessTransport(server: server), configuration: configuration))
        return
    }
    try await withLoopbackServer(server) { address, group in
        let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
        defer { channel.close() }
        try await body(RPCClient(transport: channel, configuration: configuration))
    }
}
