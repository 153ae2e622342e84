import Bytes

@testable import Transport

/// The routes most server tests share; each answers with text a test can compare exactly.
enum TestRoutes {
    static let textPlain: HTTPHeaders = ["content-type": "text/plain"]

    /// A handler error with a message that must never reach the client.
    struct Failure: Error {}

    static func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        let head = request.head
        let framing =
            "cl=\(head.headers["content-length"] ?? "-") te=\(head.headers["transfer-encoding"] ?? "-")"
        switch head.path {
        case "/hello":
            try await text(response, "hello\n")
        case "/info":
            try await text(response, "\(head.method) \(head.target) \(head.version) host=\(head.authority ?? "-")\n")
        case "/conn":
            try await text(response, "conn=\(request.connection.id)\n")
        case "/echo":
            let body = try await request.body.collect(upTo: 1 << 20)
            try await text(response, "\(head.method) \(framing)\n" + body.text)
        case "/digest":
            var checksum = Checksum()
            for try await chunk in request.body { checksum.add(chunk) }
            try await text(response, "\(head.method) \(framing) \(checksum)\n")
        case "/stream":
            try await response.writeHead(HTTPResponseHead(status: 200, headers: textPlain))
            for piece in ["alpha\n", "beta\n", "gamma\n"] { try await response.write(ByteBuffer(string: piece)) }
            try await response.finish(trailers: ["x-pieces": "3"])
        case "/throw":
            throw Failure()
        case "/silent":
            return
        default:
            try await response.respond(status: 404, headers: textPlain, body: ByteBuffer(string: "not found\n"))
        }
    }

    static func text(_ response: HTTPResponseWriter, _ text: String) async throws {
        try await response.respond(status: 200, headers: textPlain, body: ByteBuffer(string: text))
    }
}
