import Bytes
import Foundation
import Synchronization
import Testing

@testable import Transport

/// `Tests/TransportTests/Peers/h2_bad_server.py`: a scripted HTTP/2 server built on Python's
/// `hyperframe` and `hpack` (libraries we did not write) that misbehaves one way per scenario and
/// reports the GOAWAY and RST_STREAM frames our client answers with.
struct ScriptedH2Server {
    let process: Process
    let output: Pipe
    let address: SocketAddress

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Starts the script for `scenario` and reads its `PORT n` line.
    static func start(_ scenario: String) async throws -> ScriptedH2Server {
        let python = root.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw CurlError("no \(python.path): run ./setup.sh")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appending(path: "Tests/TransportTests/Peers/h2_bad_server.py").path, scenario]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        let line = try await onBlockingThread { () -> String in
            var bytes: [UInt8] = []
            while bytes.last != UInt8(ascii: "\n") {
                guard let byte = try handle.read(upToCount: 1), let first = byte.first else { break }
                bytes.append(first)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw CurlError("h2_bad_server.py \(scenario) printed \(line.debugDescription), not its port")
        }
        return ScriptedH2Server(process: process, output: output, address: SocketAddress(host: "127.0.0.1", port: port))
    }

    /// Everything the script printed after its port, once it has exited (it always does within 60 s).
    func report() async throws -> [String] {
        let handle = output.fileHandleForReading
        let text = try await onBlockingThread { () -> String in
            String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        }
        process.waitUntilExit()
        return text.split(separator: "\n").map(String.init)
    }
}

/// Connects to the scripted server for `scenario`, runs `body` with the connection and a GET on
/// stream 1, closes the connection, and returns what the script reported.
func againstScriptedServer(
    _ scenario: String, method: String = "GET",
    _ configure: (inout HTTP2ClientConnection.Configuration) -> Void = { _ in },
    _ body: (HTTP2ClientConnection, HTTP2ClientStream) async throws -> Void
) async throws -> [String] {
    let server = try await ScriptedH2Server.start(scenario)
    let group = try EventLoopGroup(loopCount: 1)
    defer { group.shutdown() }
    var configuration = HTTP2ClientConnection.Configuration()
    configuration.initialWindowSize = 65_535
    configure(&configuration)
    let connection = try await HTTP2ClientConnection.connect(
        to: server.address, loop: group.next(), configuration: configuration)
    let stream = try await connection.openStream(
        HTTPRequestHead(method: method, target: "/x", version: .http2), endStream: method == "GET")
    try await body(connection, stream)
    connection.close()
    _ = await connection.closed()
    let report = try await server.report()
    #expect(report.last == "DONE", "the script ended normally: \(report)")
    #expect(report.contains("REQUEST \(method) /x"), "\(report)")
    return report
}

/// Whether `error` is an ``HTTPClientError`` with `code` (and `http2Code`, if given).
func isClientError(_ error: any Error, _ code: HTTPClientError.Code, _ http2Code: HTTP2ErrorCode? = nil) -> Bool {
    guard let error = error as? HTTPClientError, error.code == code else { return false }
    return http2Code == nil || error.http2Code == http2Code
}

@Suite("HTTP/2 client against a scripted, misbehaving server (Python hyperframe + hpack)")
struct HTTP2ClientMisbehaviourTests {
    @Test("a well-behaved answer, trailers, and a head split over CONTINUATION frames")
    func wellFormed() async throws {
        _ = try await againstScriptedServer("ok") { _, stream in
            let response = try await stream.response()
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain")
            #expect(try await response.body.collect(upTo: 100) == ByteBuffer(string: "hello"))
        }
        _ = try await againstScriptedServer("trailers") { _, stream in
            let response = try await stream.response()
            #expect(try await response.body.collect(upTo: 100) == ByteBuffer(string: "abc"))
            #expect(response.body.trailers?["grpc-status"] == "0")
            #expect(response.body.trailers?["x-trailer"] == "yes")
        }
        _ = try await againstScriptedServer("continuation") { _, stream in
            let response = try await stream.response()
            #expect(response.headers["x-long"]?.utf8.count == 300)
            #expect(try await response.body.collect(upTo: 100) == ByteBuffer(string: "ok"))
        }
    }

    @Test("PUSH_PROMISE after ENABLE_PUSH 0 is a connection error: GOAWAY PROTOCOL_ERROR")
    func pushPromise() async throws {
        let report = try await againstScriptedServer("push_promise") { connection, stream in
            await #expect { _ = try await stream.response() } throws: { isClientError($0, .protocolError) }
            #expect(await connection.closed()?.code == .protocolError)
        }
        #expect(report.contains("GOAWAY 1"), "\(report)")
    }

    @Test("a response head without :status: RST_STREAM PROTOCOL_ERROR, malformedResponse")
    func noStatus() async throws {
        let report = try await againstScriptedServer("no_status") { _, stream in
            await #expect { _ = try await stream.response() } throws: { isClientError($0, .malformedResponse) }
        }
        #expect(report.contains("RST 1 1"), "\(report)")
    }

    @Test("an undecodable HPACK block is a connection error: GOAWAY COMPRESSION_ERROR")
    func badHPACK() async throws {
        let report = try await againstScriptedServer("bad_hpack") { _, stream in
            await #expect { _ = try await stream.response() } throws: {
                isClientError($0, .protocolError, .compressionError)
            }
        }
        #expect(report.contains("GOAWAY 9"), "\(report)")
    }

    @Test("DATA past the stream window: RST_STREAM FLOW_CONTROL_ERROR")
    func streamWindowOverflow() async throws {
        // A window of 0 that the client never opens: any DATA overruns it. (With an open
        // window the client credits data back as it buffers it, up to HTTPBody's pause mark.)
        let report = try await againstScriptedServer("stream_window_overflow", { $0.initialWindowSize = 0 }) {
            _, stream in
            let response = try await stream.response()
            await #expect { _ = try await response.body.collect(upTo: 1 << 20) } throws: {
                isClientError($0, .protocolError)
            }
        }
        #expect(report.contains("RST 1 3"), "\(report)")
    }

    @Test("REFUSED_STREAM is `refused` (safe to retry); a retry on the same connection works")
    func refused() async throws {
        _ = try await againstScriptedServer("refuse") { connection, stream in
            await #expect { _ = try await stream.response() } throws: { isClientError($0, .refused, .refusedStream) }
            let retry = try await connection.openStream(
                HTTPRequestHead(method: "GET", target: "/x", version: .http2), endStream: true)
            #expect(try await retry.response().body.collect(upTo: 100) == ByteBuffer(string: "hello"))
        }
    }

    @Test(
        "a whole answer, then RST_STREAM NO_ERROR before the request ends: the response stands, the rest of the request is `requestNotNeeded`"
    )
    func answerBeforeRequestEnds() async throws {
        _ = try await againstScriptedServer("answer_early", method: "POST") { connection, stream in
            let response = try await stream.response()
            #expect(try await response.body.collect(upTo: 100) == ByteBuffer(string: "hello"))
            try await waitUntil("the reset closed the stream") { connection.openStreams == 0 }
            await #expect { try await stream.write(ByteBuffer(string: "late")) } throws: {
                isClientError($0, .requestNotNeeded)
            }
            await #expect { try await stream.finish() } throws: { isClientError($0, .requestNotNeeded) }
        }
    }

    @Test("keepalive: a server that goes silent (no answer, not even to PINGs) fails the stream after the timeout")
    func keepaliveSilentServer() async throws {
        let keepalive = HTTP2Keepalive(interval: .milliseconds(100), timeout: .milliseconds(200))
        let report = try await againstScriptedServer("silent", { $0.keepalive = keepalive }) { connection, stream in
            await #expect { _ = try await stream.response() } throws: { error in
                isClientError(error, .connectionClosed) && "\(error)".contains("keepalive PING")
            }
            #expect(await connection.closed()?.code == .connectionClosed)
        }
        #expect(report.contains("PING"), "the client pinged: \(report)")
    }

    @Test("GOAWAY with last stream 0: the open stream is `refused` and the connection unavailable")
    func goAway() async throws {
        _ = try await againstScriptedServer("goaway") { connection, stream in
            await #expect { _ = try await stream.response() } throws: { isClientError($0, .refused) }
            #expect(!connection.isAvailable)
            await #expect {
                _ = try await connection.openStream(HTTPRequestHead(method: "GET", target: "/", version: .http2))
            } throws: { isClientError($0, .refused) || isClientError($0, .connectionClosed) }
        }
    }

    @Test("RST_STREAM INTERNAL_ERROR mid-body: the body read fails with streamReset")
    func resetMidBody() async throws {
        _ = try await againstScriptedServer("reset_internal") { _, stream in
            let response = try await stream.response()
            await #expect { _ = try await response.body.collect(upTo: 100) } throws: {
                isClientError($0, .streamReset, .internalError)
            }
        }
    }

    @Test("the server vanishes mid-body: the body read fails with connectionClosed")
    func vanish() async throws {
        _ = try await againstScriptedServer("vanish") { _, stream in
            let response = try await stream.response()
            await #expect { _ = try await response.body.collect(upTo: 1000) } throws: {
                isClientError($0, .connectionClosed)
            }
        }
    }

    @Test("less DATA than content-length: RST_STREAM PROTOCOL_ERROR, the body read fails")
    func contentLengthMismatch() async throws {
        let report = try await againstScriptedServer("content_length_mismatch") { _, stream in
            let response = try await stream.response()
            await #expect { _ = try await response.body.collect(upTo: 1000) } throws: {
                isClientError($0, .protocolError)
            }
        }
        #expect(report.contains("RST 1 1"), "\(report)")
    }

    @Test("a PING flood: GOAWAY ENHANCE_YOUR_CALM")
    func pingFlood() async throws {
        let report = try await againstScriptedServer("ping_flood", { $0.maxControlFramesPer10Seconds = 100 }) {
            connection, _ in
            #expect(await connection.closed()?.http2Code == .enhanceYourCalm)
        }
        #expect(report.contains("GOAWAY 11"), "\(report)")
    }

    @Test("a PING beside every DATA frame (grpc-go's BDP pings) is not a flood")
    func pingPerData() async throws {
        let report = try await againstScriptedServer("ping_per_data", { $0.maxControlFramesPer10Seconds = 100 }) {
            _, stream in
            let body = try await stream.response().body.collect(upTo: 10_000)
            #expect(body.readableBytes == 2_000)
        }
        #expect(!report.contains("GOAWAY"), "\(report)")
    }

    @Test("DATA on a stream the client never opened: GOAWAY PROTOCOL_ERROR")
    func dataOnIdleStream() async throws {
        let report = try await againstScriptedServer("data_on_idle") { connection, _ in
            #expect(await connection.closed()?.code == .protocolError)
        }
        #expect(report.contains("GOAWAY 1"), "\(report)")
    }

    @Test("the server allows one stream at a time: the other requests wait, none is refused")
    func maxConcurrentStreams() async throws {
        let report = try await againstScriptedServer("max_streams") { connection, first in
            // The first answer comes after the server's SETTINGS, so the limit is known by then.
            #expect(try await first.response().body.collect(upTo: 100) == ByteBuffer(string: "/x"))
            try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        let stream = try await connection.openStream(
                            HTTPRequestHead(method: "GET", target: "/r\(index)", version: .http2), endStream: true)
                        let body = try await stream.response().body.collect(upTo: 100)
                        return String(decoding: body.readableBytesArray, as: UTF8.self)
                    }
                }
                var answers: [String] = []
                for try await answer in group { answers.append(answer) }
                #expect(answers.sorted() == ["/r0", "/r1", "/r2"])
            }
        }
        #expect(report.contains("MAXOPEN 1"), "\(report)")
    }

    @Test("a request body waits for a window of 0 to open, then goes out whole")
    func requestBodyWaitsForWindow() async throws {
        let report = try await againstScriptedServer("slow_window", method: "POST") { _, stream in
            try await stream.write(patternBytes(200_000))
            try await stream.finish()
            let response = try await stream.response()
            #expect(try await response.body.collect(upTo: 100) == ByteBuffer(string: "200000"))
        }
        #expect(report.contains("BODY 200000"), "\(report)")
        // Before the server's SETTINGS arrive the window is the protocol's 65,535 (RFC 9113
        // §6.9.2): at most that much may go out before the server opens the window.
        let early = report.first { $0.hasPrefix("EARLY ") }.flatMap { Int($0.dropFirst(6)) } ?? 0
        #expect(early <= 65_535, "only the initial window went out early: \(report)")
    }
}
