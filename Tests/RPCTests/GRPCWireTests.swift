import Bytes
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

@Suite("gRPC wire pieces")
struct GRPCWireTests {
    @Test(
        "grpc-timeout parses every unit",
        arguments: [
            ("1H", Duration.seconds(3600)), ("2M", .seconds(120)), ("3S", .seconds(3)), ("250m", .milliseconds(250)),
            ("7u", .microseconds(7)), ("99999999n", .nanoseconds(99_999_999)), ("0S", .zero),
            ("99999999H", .seconds(99_999_999 * 3600)),
        ])
    func timeoutParses(_ text: String, _ expected: Duration) {
        #expect(GRPCTimeout.parse(text) == expected)
    }

    @Test(
        "malformed grpc-timeout values are refused",
        arguments: ["", "S", "1", "123456789S", "-1S", "+1S", "1s", "1.5S", "1 S", " 1S", "1SS", "1h", "١S"])
    func timeoutRejects(_ text: String) {
        #expect(GRPCTimeout.parse(text) == nil)
    }

    @Test(
        "durations become the finest unit that fits in 8 digits, rounded up",
        arguments: [
            (Duration.nanoseconds(1), "1n"), (.milliseconds(250), "250000u"), (.seconds(1), "1000000u"),
            (.seconds(100), "100000m"), (.seconds(99_999), "99999000m"), (.seconds(100_000), "100000S"),
            (.nanoseconds(99_999_999), "99999999n"), (.nanoseconds(100_000_001), "100001u"),
            (.zero, "1n"), (.seconds(-5), "1n"), (.seconds(200_000_000), "3333334M"),
            (.seconds(Int64.max / 2), "2562048H"),  // saturated at Int64.max nanoseconds (292 years)
        ])
    func timeoutFormats(_ duration: Duration, _ expected: String) {
        #expect(GRPCTimeout.format(duration) == expected)
        if let back = GRPCTimeout.parse(expected), duration > .zero, duration < .seconds(1 << 32) {
            #expect(back >= duration, "never a shorter deadline than ours")
        }
    }

    @Test("grpc-message percent-encoding round-trips and decoding never fails")
    func percentEncoding() {
        let message = "ünïcode ✓ 100% done\n\ttabs\u{0}"
        let encoded = GRPCMessageEncoding.encode(message)
        #expect(encoded.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E })
        #expect(GRPCMessageEncoding.decode(encoded) == message)
        #expect(GRPCMessageEncoding.encode("plain ASCII ~!") == "plain ASCII ~!")
        #expect(GRPCMessageEncoding.encode("50%") == "50%25")
        // Broken sequences stay as they are; invalid UTF-8 becomes U+FFFD.
        #expect(GRPCMessageEncoding.decode("100%") == "100%")
        #expect(GRPCMessageEncoding.decode("%zz%4") == "%zz%4")
        #expect(GRPCMessageEncoding.decode("%FF") == "\u{FFFD}")
        #expect(GRPCMessageEncoding.decode("%c3%bc") == "ü")
    }

    @Test("status codes: names, unknown wire values, HTTP/2 resets and HTTP statuses")
    func statusCodes() {
        #expect(RPCStatus.Code.allCases.count == 17)
        #expect(RPCStatus.Code.deadlineExceeded.name == "DEADLINE_EXCEEDED")
        #expect(RPCStatus.Code(wireValue: 13) == .internal)
        #expect(RPCStatus.Code(wireValue: 17) == .unknown)
        #expect(RPCStatus.Code(wireValue: -1) == .unknown)
        #expect(RPCStatus(resetWith: 0x7).code == .unavailable)
        #expect(RPCStatus(resetWith: 0x8).code == .cancelled)
        #expect(RPCStatus(resetWith: 0xB).code == .resourceExhausted)
        #expect(RPCStatus(resetWith: 0x0).code == .internal)
        #expect(RPCStatus(resetWith: 0x2).code == .internal)
        #expect(RPCStatus(httpStatus: 404).code == .unimplemented)
        #expect(RPCStatus(httpStatus: 503).code == .unavailable)
        #expect(RPCStatus(httpStatus: 401).code == .unauthenticated)
        #expect(RPCStatus(httpStatus: 418).code == .unknown)
        #expect(RPCStatus(.notFound, "no product 42").description == "NOT_FOUND: no product 42")
    }

    @Test("messages survive any chunking of the stream")
    func deframing() throws {
        var wire = ByteBuffer()
        let messages = [ByteBuffer(), ByteBuffer(string: "a"), ByteBuffer(bytes: (0..<70_000).map { UInt8($0 % 251) })]
        for (index, message) in messages.enumerated() {
            GRPCFraming.frame(message, compressed: index == 1, into: &wire)
        }
        let bytes = wire.readableBytesArray
        for chunkSize in [1, 2, 5, 7, 4096, bytes.count] {
            var deframer = GRPCDeframer(maxMessageSize: 1 << 20)
            var received: [GRPCFramedMessage] = []
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunkSize, bytes.count)
                deframer.append(ByteBuffer(bytes: bytes[offset..<end]))
                while let message = try deframer.next() { received.append(message) }
                offset = end
            }
            try deframer.finish()
            #expect(received.map(\.bytes) == messages, "chunks of \(chunkSize)")
            #expect(received.map(\.compressed) == [false, true, false])
        }
    }

    @Test("an oversized length fails before buffering; a bad flag and a truncated message are INTERNAL")
    func deframingErrors() throws {
        var deframer = GRPCDeframer(maxMessageSize: 100)
        deframer.append(ByteBuffer(bytes: [0, 0xFF, 0xFF, 0xFF, 0xFF]))
        #expect(throws: RPCStatus.self) { _ = try deframer.next() }
        do {
            _ = try deframer.next()
        } catch {
            #expect(error.code == .resourceExhausted)
        }

        var badFlag = GRPCDeframer(maxMessageSize: 100)
        badFlag.append(ByteBuffer(bytes: [2, 0, 0, 0, 1, 0x41]))
        #expect { _ = try badFlag.next() } throws: { ($0 as? RPCStatus)?.code == .internal }

        var truncated = GRPCDeframer(maxMessageSize: 100)
        truncated.append(ByteBuffer(bytes: [0, 0, 0, 0, 10, 1, 2, 3]))
        #expect(try truncated.next() == nil)
        #expect { try truncated.finish() } throws: { ($0 as? RPCStatus)?.code == .internal }
    }

    @Test("a status goes into trailers and comes back: code, percent-encoded message, details")
    func statusTrailers() {
        let status = RPCStatus(.failedPrecondition, "stock: 0 left ✗", details: ByteBuffer(bytes: [8, 9, 0xFF]))
        var trailers = HTTPHeaders()
        status.write(into: &trailers)
        #expect(trailers["grpc-status"] == "9")
        #expect(trailers["grpc-message"] == "stock: 0 left %E2%9C%97")
        #expect(trailers["grpc-status-details-bin"] == "CAn/")
        #expect(RPCStatus(trailers: trailers) == status)

        var ok = HTTPHeaders()
        RPCStatus.ok.write(into: &ok)
        #expect(ok.count == 1, "OK carries no message")
        #expect(RPCStatus(trailers: ok) == .ok)
    }

    @Test("trailers without a valid grpc-status give a synthesized UNKNOWN")
    func brokenTrailers() {
        #expect(RPCStatus(trailers: HTTPHeaders()).code == .unknown)
        #expect(RPCStatus(trailers: ["grpc-status": "abc"]).message.contains("invalid grpc-status"))
        #expect(RPCStatus(trailers: ["grpc-status": "-1"]).code == .unknown)
        #expect(RPCStatus(trailers: ["grpc-status": "99"]).code == .unknown)
        #expect(RPCStatus(trailers: ["grpc-status": "5", "grpc-message": "gone%"]).message == "gone%")
        #expect(RPCStatus(trailers: ["grpc-status": "5", "grpc-status-details-bin": "!!"]).details == nil)
    }
}
