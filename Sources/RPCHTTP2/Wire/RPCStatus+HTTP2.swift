internal import Bytes
public import RPC
public import Transport

// gRPC statuses on HTTP/2 (the "HTTP2 Transport Mapping" of the gRPC spec): trailers, resets
// and HTTP statuses. The socket-free RPC core knows none of this.

extension RPCStatus {
    /// The status a call gets when its HTTP/2 stream is reset with `http2Code` instead of ending
    /// with trailers (the mapping in the gRPC spec's "HTTP2 Transport Mapping").
    public init(resetWith http2Code: UInt32) {
        switch http2Code {
        case 0x7: self.init(.unavailable, "the server refused the stream (REFUSED_STREAM)")
        case 0x8: self.init(.cancelled, "the stream was cancelled (CANCEL)")
        case 0xB: self.init(.resourceExhausted, "the peer is overloaded (ENHANCE_YOUR_CALM)")
        case 0xC: self.init(.permissionDenied, "the transport is not secure enough (INADEQUATE_SECURITY)")
        default: self.init(.internal, "the stream was reset with HTTP/2 error 0x\(String(http2Code, radix: 16))")
        }
    }

    /// The status for a response that is not gRPC: an HTTP status other than 200, as gRPC's
    /// HTTP-to-gRPC status mapping says (`doc/http-grpc-status-mapping.md`).
    public init(httpStatus: Int) {
        let code: Code
        switch httpStatus {
        case 400: code = .internal
        case 401: code = .unauthenticated
        case 403: code = .permissionDenied
        case 404: code = .unimplemented
        case 429, 502, 503, 504: code = .unavailable
        default: code = .unknown
        }
        self.init(code, "the server answered HTTP \(httpStatus), not gRPC")
    }
}

// MARK: On the wire

extension RPCStatus {
    /// The status fields of a response's trailers (or of a trailers-only response):
    /// `grpc-status`, `grpc-message` (percent-encoded, left out when empty) and
    /// `grpc-status-details-bin` (unpadded base64).
    public func write(into headers: inout HTTPHeaders) {
        headers.add(name: "grpc-status", value: String(code.rawValue))
        if !message.isEmpty { headers.add(name: "grpc-message", value: GRPCMessageEncoding.encode(message)) }
        if let details {
            headers.add(name: "grpc-status-details-bin", value: Metadata.encodeBinary(details.readableBytesArray))
        }
    }

    /// The status that `trailers` carry. Without a valid `grpc-status` (a broken peer or proxy)
    /// the status is synthesized, as the spec asks: `UNKNOWN` naming what was missing.
    public init(trailers: HTTPHeaders) {
        let message = trailers["grpc-message"].map { GRPCMessageEncoding.decode($0) } ?? ""
        guard let text = trailers["grpc-status"], let value = Int(text), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else {
            let what = trailers["grpc-status"].map { "an invalid grpc-status \"\($0)\"" } ?? "no grpc-status"
            self.init(.unknown, message.isEmpty ? "the response ended with \(what)" : message)
            return
        }
        let details = trailers["grpc-status-details-bin"].flatMap { Metadata.decodeBinary($0).first }
            .map { ByteBuffer(bytes: $0) }
        self.init(Code(wireValue: value), message, details: details)
    }
}
