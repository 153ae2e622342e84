public import Bytes
public import ProtoRuntime

/// A message on its way out of a call, in the form its transport carries: encoded bytes for a
/// wire transport (gRPC's protobuf binary over HTTP/2, JSON from the gateway), or the typed
/// value itself for the in-process transport, which hands messages over without encoding them.
///
/// Transports make one from a typed message (`RPCServerStreamIO.prepare(_:limit:)`,
/// ``RPCClientStream/prepare(_:)``), so the size limit is checked before anything of the
/// message is sent, and a retried call can replay it without encoding it again.
public enum RPCOutgoingMessage: Sendable {
    /// The message encoded in the transport's codec.
    case encoded(ByteBuffer)
    /// The message itself (in process).
    case value(any Message)

    /// The encoded size, or `nil` for a value that was never encoded.
    public var encodedSize: Int? {
        switch self {
        case .encoded(let bytes): bytes.readableBytes
        case .value: nil
        }
    }
}

/// The protobuf binary codec, as every gRPC transport uses it: failures are statuses (an
/// undecodable message is `INTERNAL`, as the gRPC spec has it).
package enum RPCBinaryCodec {
    /// `message` in protobuf binary.
    package static func encode<M: Message>(_ message: M, what: String) throws(RPCStatus) -> ByteBuffer {
        do {
            return try message.serializedBuffer()
        } catch {
            throw failure(error, "could not encode the \(what) \(M.protoMessageName): \(error)")
        }
    }

    /// `bytes` as an `M`.
    package static func decode<M: Message>(_ type: M.Type, from bytes: ByteBuffer, what: String) throws(RPCStatus) -> M
    {
        do {
            return try M(decoding: bytes)
        } catch {
            throw failure(error, "could not decode the \(what) as \(M.protoMessageName): \(error)")
        }
    }

    /// The status for a codec error, from the one mapping (``RPCStatus/init(from:input:)``: a
    /// gRPC message that does not decode or encode is `INTERNAL`), with the error kept as cause.
    private static func failure(_ error: any Error, _ message: String) -> RPCStatus {
        var status = RPCStatus(from: error, input: .grpc)
        status.message = message
        return status
    }

    /// `message` encoded, checked against `limit`.
    package static func encode<M: Message>(_ message: M, what: String, limit: Int) throws(RPCStatus) -> ByteBuffer {
        let bytes = try encode(message, what: what)
        guard bytes.readableBytes <= limit else {
            throw RPCStatus(
                .resourceExhausted,
                "\(what) message of \(bytes.readableBytes) bytes exceeds the limit of \(limit) bytes")
        }
        return bytes
    }

    /// A typed value handed over in process as an `M`. The two ends normally share the
    /// generated type and this is a cast; when they do not (two modules generated from one
    /// contract), the value crosses as protobuf binary.
    package static func convert<M: Message>(
        _ value: any Message, to type: M.Type, what: String
    ) throws(RPCStatus)
        -> M
    {
        if let typed = value as? M { return typed }
        return try decode(M.self, from: encode(value, what: what), what: what)
    }
}
