internal import Bytes
public import RPC
public import Transport

/// Serves an ``RPC/RPCServer`` over the transport's HTTP/2 server: checks the method and
/// content type, reads `grpc-encoding` and `grpc-timeout`, and hands the call to the server with
/// an HTTP/2 stream adapter that frames and compresses messages.
///
/// ```swift
/// let rpc = RPCServer(services: [Greeter()])
/// let server = HTTPServer(
///     configuration: .init(host: "127.0.0.1", port: 50051), handler: RPCHTTPHandler(rpc), group: group)
/// _ = try await server.start()
/// ```
public struct RPCHTTPHandler: HTTPHandler {
    /// The server whose calls this handler carries.
    public let server: RPCServer

    /// A handler for `server`'s calls.
    public init(_ server: RPCServer) {
        self.server = server
    }

    public nonisolated(nonsending) func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        let headers = request.head.headers
        guard request.head.method == "POST" else {
            try await response.respond(
                status: 405, headers: ["allow": "POST", "content-type": "text/plain"],
                body: .init(string: "gRPC requests use POST\n"))
            return
        }
        guard let contentType = headers["content-type"], Self.isGRPC(contentType: contentType) else {
            // The spec: a content-type that does not start with application/grpc gets 415.
            try await response.respond(
                status: 415, headers: ["content-type": "text/plain"],
                body: .init(string: "content-type must be application/grpc (or application/grpc+proto)\n"))
            return
        }
        var requestEncoding = GRPCCompression.identity
        var refusal: RPCStatus?
        switch headers["grpc-encoding"] {
        case nil, "identity":
            break
        case "gzip":
            requestEncoding = .gzip
        case let other?:
            refusal = RPCStatus(
                .unimplemented,
                "grpc-encoding \"\(other)\" is not supported (supported: \(GRPCCompression.acceptEncoding))")
        }
        var deadline: ContinuousClock.Instant?
        if let timeout = headers["grpc-timeout"] {
            if let duration = GRPCTimeout.parse(timeout) {
                deadline = .now.advanced(by: duration)
            } else {
                refusal = RPCStatus(.internal, "malformed grpc-timeout \"\(timeout)\"")
            }
        }
        let io = HTTP2ServerStreamIO(
            body: request.body, writer: response, requestEncoding: requestEncoding,
            maxReceiveMessageSize: server.configuration.maxReceiveMessageSize)
        if let refusal {
            try? await io.sendStatus(refusal, trailers: Metadata(), trailersOnly: true)
            return
        }
        let peer = request.connection.peerDescription
        await server.serve(
            io: io, path: String(request.head.path), metadata: Metadata(headers: headers), deadline: deadline,
            peer: peer, requestEncoding: requestEncoding,
            acceptedEncodings: Self.acceptedEncodings(headers["grpc-accept-encoding"]))
    }

    /// `application/grpc`, `application/grpc+proto` and `application/grpc;…`: protobuf payloads.
    /// Other subtypes (`+json`) name codecs this server does not speak.
    static func isGRPC(contentType: String) -> Bool {
        let value = contentType.lowercased()
        guard value.hasPrefix("application/grpc") else { return false }
        let rest = value.dropFirst("application/grpc".count)
        return rest.isEmpty || rest.hasPrefix("+proto") || rest.hasPrefix(";")
    }

    static func acceptedEncodings(_ header: String?) -> Set<GRPCCompression> {
        var result: Set<GRPCCompression> = [.identity]
        for item in (header ?? "").split(separator: ",") {
            let name = item.trimmingCharacters(in: " \t")
            if let encoding = GRPCCompression(rawValue: String(name)) { result.insert(encoding) }
        }
        return result
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
