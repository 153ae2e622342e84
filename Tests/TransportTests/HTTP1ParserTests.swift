import Bytes
import Testing

@testable import Transport

@Suite("HTTP/1.1 request parser")
struct HTTP1ParserTests {
    static func parse(
        _ text: String, limits: HTTPServerLimits = HTTPServerLimits()
    ) throws(HTTP1ParseError) -> (
        HTTPRequestHead, BodyFraming
    ) {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(HTTP1ParseError) in try HTTP1Parser.parseHead(raw, limits: limits) }
        }
        return try result.get()
    }

    @Test("finds the end of the head across partial reads")
    func headEnd() {
        let text = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nrest".utf8)
        text.withUnsafeBytes { raw in
            #expect(HTTP1Parser.headEnd(raw, from: 0) == 27)
            #expect(HTTP1Parser.headEnd(UnsafeRawBufferPointer(rebasing: raw[0..<26]), from: 0) == nil)
            #expect(HTTP1Parser.headEnd(raw, from: 25) == 27)
        }
    }

    @Test("parses method, target, version, lower-cased headers and framing")
    func valid() throws {
        let (head, framing) = try Self.parse(
            "POST /v1/echo?x=1 HTTP/1.1\r\nHost: example\r\nContent-Length: 12\r\nX-Thing:  a b \r\n\r\n")
        #expect(head.method == "POST")
        #expect(head.target == "/v1/echo?x=1")
        #expect(head.path == "/v1/echo")
        #expect(head.version == .http1_1)
        #expect(head.authority == "example")
        #expect(head.headers["x-thing"] == "a b")
        #expect(head.headers["X-THING"] == "a b")
        #expect(framing == .length(12))
        #expect(try Self.parse("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n").1 == .chunked)
        #expect(try Self.parse("GET / HTTP/1.0\r\n\r\n").0.version == .http1_0)
    }

    @Test(
        "rejects malformed and dangerous heads with the right status",
        arguments: [
            ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("GET /  HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
            ("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nNo colon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1e3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n", 413),
        ])
    func rejects(_ text: String, _ status: Int) {
        #expect(throws: HTTP1ParseError.self) { try Self.parse(text) }
        do {
            _ = try Self.parse(text)
        } catch {
            #expect(error.status == status)
        }
    }

    @Test("too many header fields is 431")
    func tooManyHeaders() {
        var limits = HTTPServerLimits()
        limits.maxHeaderCount = 3
        let text = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        do {
            _ = try Self.parse(text, limits: limits)
            Issue.record("expected 431")
        } catch {
            #expect(error.status == 431)
        }
    }

    @Test("decodes chunked bodies across arbitrary splits, with extensions and trailers")
    func chunked() throws {
        let wire = Array("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT".utf8)
        for split in 1..<wire.count {
            var decoder = ChunkedDecoder(maxBytes: 100)
            var buffer = ByteBuffer(bytes: wire[0..<split])
            var output: [UInt8] = []
            var done = try decoder.decode(&buffer) { output += $0.readableBytesArray }
            buffer.writeBytes(wire[split...])
            if !done { done = try decoder.decode(&buffer) { output += $0.readableBytesArray } }
            #expect(done)
            #expect(String(decoding: output, as: UTF8.self) == "hello, world")
            #expect(buffer.readableBytesArray == Array("NEXT".utf8))
        }
    }

    @Test("rejects malformed chunks and bodies over the limit")
    func chunkedErrors() {
        for (text, status) in [("zz\r\n", 400), ("5\r\nhelloXX", 400), ("65\r\n", 413), ("5\nhello", 400)] {
            var decoder = ChunkedDecoder(maxBytes: 100)
            var buffer = ByteBuffer(string: text)
            do {
                _ = try decoder.decode(&buffer) { _ in }
                Issue.record("expected \(status) for \(text.debugDescription)")
            } catch {
                #expect(error.status == status)
            }
        }
    }

    @Test("formats the Date header as IMF-fixdate")
    func date() {
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(secondsSince1970: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
