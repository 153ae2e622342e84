internal import Bytes
internal import GoogleContracts
internal import RPC

/// How a server stream's messages are written: grpc-gateway v2's NDJSON (`{"result":…}` per
/// line, `{"error":…}` as the last line of a stream that fails) or Server-Sent Events (`data: …`
/// per message, `event: error` last). A `google.api.HttpBody` stream writes each message's data
/// as it is.
enum StreamFraming {
    /// One message, framed.
    static func frame(_ message: RPCOutgoingMessage, output: GatewayStreamIO.Output) -> ByteBuffer {
        switch message {
        case .value(let value):
            return (value as? Google_Api_HttpBody)?.data ?? ByteBuffer()
        case .encoded(let json):
            return wrap(json, output: output, key: "result", event: nil)
        }
    }

    /// The error that ends a stream, framed.
    static func errorFrame(
        _ failure: HTTPFailure, output: GatewayStreamIO.Output, context: GatewayContext
    ) -> ByteBuffer {
        wrap(context.errorBody(failure), output: output, key: "error", event: "error")
    }

    private static func wrap(
        _ json: ByteBuffer, output: GatewayStreamIO.Output, key: String, event: String?
    )
        -> ByteBuffer
    {
        var framed = ByteBuffer(capacity: json.readableBytes + 24)
        switch output {
        case .serverSentEvents:
            if let event { framed.writeString("event: \(event)\n") }
            framed.writeString("data: ")
            framed.writeBuffer(json)
            framed.writeString("\n\n")
        case .ndjson, .single:
            framed.writeString("{\"\(key)\":")
            framed.writeBuffer(json)
            framed.writeString("}\n")
        }
        return framed
    }
}
