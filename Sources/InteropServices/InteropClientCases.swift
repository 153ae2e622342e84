internal import Bytes
internal import InteropContracts
public import RPC

/// A failed interop case: what was expected and what happened.
public struct InteropFailure: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The interop test cases of grpc/grpc `doc/interop-test-descriptions.md`, as its client runs
/// them. Each throws ``InteropFailure`` (or the call's ``RPCStatus``) when the server does not
/// behave as described.
public enum InteropCase: String, CaseIterable, Sendable {
    case emptyUnary = "empty_unary"
    case largeUnary = "large_unary"
    case clientStreaming = "client_streaming"
    case serverStreaming = "server_streaming"
    case pingPong = "ping_pong"
    case emptyStream = "empty_stream"
    case cancelAfterBegin = "cancel_after_begin"
    case cancelAfterFirstResponse = "cancel_after_first_response"
    case timeoutOnSleepingServer = "timeout_on_sleeping_server"
    case statusCodeAndMessage = "status_code_and_message"
    case specialStatusMessage = "special_status_message"
    case unimplementedMethod = "unimplemented_method"
    case unimplementedService = "unimplemented_service"
    case customMetadata = "custom_metadata"
    case clientCompressedUnary = "client_compressed_unary"
    case serverCompressedUnary = "server_compressed_unary"
    case clientCompressedStreaming = "client_compressed_streaming"
    case serverCompressedStreaming = "server_compressed_streaming"

    /// Runs the case against the server behind `client`. `compression` (our own addition) makes
    /// every request of the plain cases gzip-compressed.
    public func run(_ client: RPCClient, compression: GRPCCompression? = nil) async throws {
        let test = Grpc_Testing_TestService.Client(client: client)
        let runner = InteropCaseRunner(test: test, client: client, compression: compression)
        switch self {
        case .emptyUnary: try await runner.emptyUnary()
        case .largeUnary: try await runner.largeUnary()
        case .clientStreaming: try await runner.clientStreaming()
        case .serverStreaming: try await runner.serverStreaming()
        case .pingPong: try await runner.pingPong()
        case .emptyStream: try await runner.emptyStream()
        case .cancelAfterBegin: try await runner.cancelAfterBegin()
        case .cancelAfterFirstResponse: try await runner.cancelAfterFirstResponse()
        case .timeoutOnSleepingServer: try await runner.timeoutOnSleepingServer()
        case .statusCodeAndMessage: try await runner.statusCodeAndMessage()
        case .specialStatusMessage: try await runner.specialStatusMessage()
        case .unimplementedMethod: try await runner.unimplementedMethod()
        case .unimplementedService: try await runner.unimplementedService()
        case .customMetadata: try await runner.customMetadata()
        case .clientCompressedUnary: try await runner.clientCompressedUnary()
        case .serverCompressedUnary: try await runner.serverCompressedUnary()
        case .clientCompressedStreaming: try await runner.clientCompressedStreaming()
        case .serverCompressedStreaming: try await runner.serverCompressedStreaming()
        }
    }
}

struct InteropCaseRunner {
    let test: Grpc_Testing_TestService.Client
    let client: RPCClient
    let compression: GRPCCompression?

    var options: RPCCallOptions { RPCCallOptions(compression: compression) }

    func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw InteropFailure(message()) }
    }

    func payload(_ size: Int) -> Grpc_Testing_Payload { InteropTestService.payload(size: Int32(size)) }

    func expectPayload(_ payload: Grpc_Testing_Payload?, size: Int, _ what: String) throws {
        guard let payload else { throw InteropFailure("\(what): no payload") }
        try expect(
            payload.body.readableBytes == size,
            "\(what): payload of \(payload.body.readableBytes) bytes, expected \(size)")
        try expect(payload.body.readableBytesView.allSatisfy { $0 == 0 }, "\(what): the payload is not all zeros")
    }

    /// Runs `body` and expects it to fail with `code` (and `message`, when given).
    func expectStatus(
        _ code: RPCStatus.Code, message: String? = nil, _ what: String, _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
        } catch let status as RPCStatus {
            try expect(status.code == code, "\(what): status \(status), expected \(code)")
            if let message {
                try expect(status.message == message, "\(what): message \"\(status.message)\", expected \"\(message)\"")
            }
            return
        }
        throw InteropFailure("\(what): the call succeeded, expected \(code)")
    }

    func emptyUnary() async throws {
        _ = try await test.emptyCall(Grpc_Testing_Empty(), options: options)
    }

    func largeUnary() async throws {
        var request = Grpc_Testing_SimpleRequest()
        request.responseSize = 314_159
        request.payload = payload(271_828)
        let response = try await test.unaryCall(request, options: options)
        try expectPayload(response.payload, size: 314_159, "large_unary")
    }

    static let streamingSizes = [27_182, 8, 1_828, 45_904]
    static let responseSizes = [31_415, 9, 2_653, 58_979]

    func clientStreaming() async throws {
        let response = try await test.streamingInputCall(options: options) { requests in
            for size in Self.streamingSizes {
                var request = Grpc_Testing_StreamingInputCallRequest()
                request.payload = payload(size)
                try await requests.write(request)
            }
        }
        try expect(
            response.aggregatedPayloadSize == 74_922,
            "aggregated_payload_size \(response.aggregatedPayloadSize), expected 74922")
    }

    func serverStreaming() async throws {
        var request = Grpc_Testing_StreamingOutputCallRequest()
        request.responseParameters = Self.responseSizes.map { size in
            var parameters = Grpc_Testing_ResponseParameters()
            parameters.size = Int32(size)
            return parameters
        }
        let sizes = try await test.streamingOutputCall(request, options: options) { responses in
            var sizes: [Int] = []
            for try await response in responses { sizes.append(response.payload?.body.readableBytes ?? -1) }
            return sizes
        }
        try expect(sizes == Self.responseSizes, "response sizes \(sizes), expected \(Self.responseSizes)")
    }

    func pingPong() async throws {
        try await test.fullDuplexCall(options: options) { call in
            var responses = call.responses.makeAsyncIterator()
            for (requestSize, responseSize) in zip(Self.streamingSizes, Self.responseSizes) {
                var request = Grpc_Testing_StreamingOutputCallRequest()
                var parameters = Grpc_Testing_ResponseParameters()
                parameters.size = Int32(responseSize)
                request.responseParameters = [parameters]
                request.payload = payload(requestSize)
                try await call.requests.write(request)
                guard let response = try await responses.next() else {
                    throw InteropFailure("ping_pong: the responses ended early")
                }
                try expectPayload(response.payload, size: responseSize, "ping_pong")
            }
            try await call.requests.finish()
            try expect(try await responses.next() == nil, "ping_pong: more responses than requests")
        }
    }

    func emptyStream() async throws {
        try await test.fullDuplexCall(options: options) { call in
            try await call.requests.finish()
            var count = 0
            for try await _ in call.responses { count += 1 }
            try expect(count == 0, "empty_stream: \(count) responses, expected none")
        }
    }

    func cancelAfterBegin() async throws {
        // Start a client-streaming call and cancel it before sending anything. The request
        // closure swallows its own cancellation, so what ends the call is the client's reaction
        // to the cancelled task: the call must fail with CANCELLED.
        let task = Task {
            try await test.streamingInputCall(options: options) { _ in
                try? await Task.sleep(for: .seconds(30))
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        do {
            _ = try await task.value
            throw InteropFailure("cancel_after_begin: the call succeeded")
        } catch let status as RPCStatus {
            try expect(status.code == .cancelled, "cancel_after_begin: status \(status), expected CANCELLED")
        }
    }

    func cancelAfterFirstResponse() async throws {
        let task = Task {
            try await test.fullDuplexCall(options: options) { call in
                var request = Grpc_Testing_StreamingOutputCallRequest()
                var parameters = Grpc_Testing_ResponseParameters()
                parameters.size = 31_415
                request.responseParameters = [parameters]
                request.payload = payload(27_182)
                try await call.requests.write(request)
                var responses = call.responses.makeAsyncIterator()
                _ = try await responses.next()
                // Wait to be cancelled, then read: the call must fail with CANCELLED.
                try? await Task.sleep(for: .seconds(30))
                _ = try await responses.next()
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        task.cancel()
        do {
            try await task.value
            throw InteropFailure("cancel_after_first_response: the call succeeded")
        } catch let status as RPCStatus {
            try expect(status.code == .cancelled, "cancel_after_first_response: status \(status), expected CANCELLED")
        }
    }

    func timeoutOnSleepingServer() async throws {
        var options = self.options
        options.timeout = .milliseconds(1)
        try await expectStatus(.deadlineExceeded, "timeout_on_sleeping_server") {
            try await test.fullDuplexCall(options: options) { call in
                var request = Grpc_Testing_StreamingOutputCallRequest()
                request.payload = payload(27_182)
                try? await call.requests.write(request)
                for try await _ in call.responses {}
            }
        }
    }

    func statusCodeAndMessage() async throws {
        var status = Grpc_Testing_EchoStatus()
        status.code = 2
        status.message = "test status message"
        var request = Grpc_Testing_SimpleRequest()
        request.responseStatus = status
        try await expectStatus(.unknown, message: "test status message", "status_code_and_message (unary)") {
            _ = try await test.unaryCall(request, options: options)
        }
        var streaming = Grpc_Testing_StreamingOutputCallRequest()
        streaming.responseStatus = status
        try await expectStatus(.unknown, message: "test status message", "status_code_and_message (full duplex)") {
            try await test.fullDuplexCall(options: options) { call in
                try await call.requests.write(streaming)
                try await call.requests.finish()
                for try await _ in call.responses {}
            }
        }
    }

    static let specialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"

    func specialStatusMessage() async throws {
        var status = Grpc_Testing_EchoStatus()
        status.code = 2
        status.message = Self.specialMessage
        var request = Grpc_Testing_SimpleRequest()
        request.responseStatus = status
        try await expectStatus(.unknown, message: Self.specialMessage, "special_status_message") {
            _ = try await test.unaryCall(request, options: options)
        }
    }

    func unimplementedMethod() async throws {
        try await expectStatus(.unimplemented, "unimplemented_method") {
            _ = try await test.unimplementedCall(Grpc_Testing_Empty(), options: options)
        }
    }

    func unimplementedService() async throws {
        let service = Grpc_Testing_UnimplementedService.Client(client: client)
        try await expectStatus(.unimplemented, "unimplemented_service") {
            _ = try await service.unimplementedCall(Grpc_Testing_Empty(), options: options)
        }
    }

    static let initialValue = "test_initial_metadata_value"
    static let trailingValue: [UInt8] = [0xab, 0xab, 0xab]

    func customMetadata() async throws {
        var options = self.options
        options.metadata.add(InteropTestService.echoInitial, Self.initialValue)
        options.metadata.add(InteropTestService.echoTrailing, bytes: Self.trailingValue)
        var request = Grpc_Testing_SimpleRequest()
        request.responseSize = 314_159
        request.payload = payload(271_828)
        try await test.unaryCall(request, options: options) { response in
            try checkEcho(
                initial: response.initialMetadata, trailing: response.trailingMetadata, "custom_metadata (unary)")
            try expectPayload(response.message.payload, size: 314_159, "custom_metadata (unary)")
        }
        try await test.fullDuplexCall(options: options) { call in
            var streaming = Grpc_Testing_StreamingOutputCallRequest()
            var parameters = Grpc_Testing_ResponseParameters()
            parameters.size = 314_159
            streaming.responseParameters = [parameters]
            streaming.payload = payload(271_828)
            try await call.requests.write(streaming)
            try await call.requests.finish()
            var count = 0
            for try await response in call.responses {
                count += 1
                try expectPayload(response.payload, size: 314_159, "custom_metadata (full duplex)")
            }
            try expect(count == 1, "custom_metadata (full duplex): \(count) responses, expected 1")
            try checkEcho(
                initial: try await call.responses.initialMetadata(), trailing: call.responses.trailingMetadata,
                "custom_metadata (full duplex)")
        }
    }

    func checkEcho(initial: Metadata, trailing: Metadata, _ what: String) throws {
        try expect(
            initial[InteropTestService.echoInitial] == Self.initialValue,
            "\(what): initial metadata \(initial[InteropTestService.echoInitial] ?? "missing"), expected \(Self.initialValue)"
        )
        let values = trailing.values(of: InteropTestService.echoTrailing)
        try expect(
            values == [.bytes(Self.trailingValue)],
            "\(what): trailing metadata \(values), expected \(Self.trailingValue)")
    }

    // MARK: Compression

    func boolValue(_ value: Bool) -> Grpc_Testing_BoolValue {
        var result = Grpc_Testing_BoolValue()
        result.value = value
        return result
    }

    func clientCompressedUnary() async throws {
        var request = Grpc_Testing_SimpleRequest()
        request.responseSize = 314_159
        request.payload = payload(271_828)
        request.expectCompressed = boolValue(true)
        // The probe: an uncompressed request that claims to be compressed must be refused.
        try await expectStatus(.invalidArgument, "client_compressed_unary (probe)") {
            _ = try await test.unaryCall(request, options: RPCCallOptions(compression: .identity))
        }
        let compressed = try await test.unaryCall(request, options: RPCCallOptions(compression: .gzip))
        try expectPayload(compressed.payload, size: 314_159, "client_compressed_unary (compressed)")
        request.expectCompressed = boolValue(false)
        let plain = try await test.unaryCall(request, options: RPCCallOptions(compression: .identity))
        try expectPayload(plain.payload, size: 314_159, "client_compressed_unary (uncompressed)")
    }

    func serverCompressedUnary() async throws {
        for compressed in [true, false] {
            var request = Grpc_Testing_SimpleRequest()
            request.responseSize = 314_159
            request.payload = payload(271_828)
            request.responseCompressed = boolValue(compressed)
            let response = try await test.unaryCall(request, options: RPCCallOptions())
            try expectPayload(response.payload, size: 314_159, "server_compressed_unary (compressed: \(compressed))")
        }
    }

    func clientCompressedStreaming() async throws {
        // The probe: a first message that claims to be compressed but is not must be refused.
        try await expectStatus(.invalidArgument, "client_compressed_streaming (probe)") {
            _ = try await test.streamingInputCall(options: RPCCallOptions(compression: .identity)) { requests in
                var request = Grpc_Testing_StreamingInputCallRequest()
                request.expectCompressed = boolValue(true)
                request.payload = payload(27_182)
                try await requests.write(request)
            }
        }
        let response = try await test.streamingInputCall(options: RPCCallOptions(compression: .gzip)) { requests in
            var first = Grpc_Testing_StreamingInputCallRequest()
            first.expectCompressed = boolValue(true)
            first.payload = payload(27_182)
            try await requests.write(first)
            var second = Grpc_Testing_StreamingInputCallRequest()
            second.expectCompressed = boolValue(false)
            second.payload = payload(45_904)
            try await requests.write(second, compressed: false)
        }
        try expect(
            response.aggregatedPayloadSize == 73_086,
            "client_compressed_streaming: aggregated_payload_size \(response.aggregatedPayloadSize), expected 73086")
    }

    func serverCompressedStreaming() async throws {
        var request = Grpc_Testing_StreamingOutputCallRequest()
        request.responseParameters = [(true, 31_415), (false, 92_653)].map { compressed, size in
            var parameters = Grpc_Testing_ResponseParameters()
            parameters.compressed = boolValue(compressed)
            parameters.size = Int32(size)
            return parameters
        }
        let sizes = try await test.streamingOutputCall(request, options: RPCCallOptions()) { responses in
            var sizes: [Int] = []
            for try await response in responses { sizes.append(response.payload?.body.readableBytes ?? -1) }
            return sizes
        }
        try expect(sizes == [31_415, 92_653], "server_compressed_streaming: sizes \(sizes), expected [31415, 92653]")
    }
}
