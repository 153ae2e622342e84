import Bytes
import ConformanceContracts
import ProtoRuntime

/// Turns one `ConformanceRequest` frame into its `ConformanceResponse`.
///
/// Binary (protobuf) input and output are handled by ProtoRuntime. Everything involving JSON
/// is answered `skipped` for now — a temporary state: JSON mapping is issue 3's main work, and
/// once it lands these requests are decoded and encoded here too. JSPB (Google-internal) and
/// text format are skipped for good.
enum RequestHandler {
    typealias Response = Conformance_ConformanceResponse

    /// Why JSON requests are skipped; remove with the skip once JSON is implemented.
    static let jsonNotImplemented = "JSON mapping not implemented yet"

    /// The response to a serialized request; a request that cannot be decoded is a runtime error.
    static func respond(toFrame frame: ByteBuffer) -> Response {
        do {
            let request = try Conformance_ConformanceRequest(decoding: frame)
            return respond(to: request)
        } catch {
            return Response(result: .runtimeError("cannot decode the ConformanceRequest: \(error)"))
        }
    }

    /// The response to `request`.
    static func respond(to request: Conformance_ConformanceRequest) -> Response {
        // The runner's first request asks which tests we expect to fail; the failure list file
        // given to the runner says that, so the answer is an empty set.
        if request.messageType == Conformance_FailureSet.protoMessageName {
            return Response(result: .protobufPayload(ByteBuffer()))
        }
        guard let type = TestMessageType(protoName: request.messageType) else {
            return Response(result: .runtimeError("unknown message type \(request.messageType)"))
        }
        switch request.payload {
        case .protobufPayload(let bytes)?:
            return respond(toBinary: bytes, as: type, format: request.requestedOutputFormat)
        case .jsonPayload?:
            return Response(result: .skipped(jsonNotImplemented))
        case .jspbPayload?:
            return Response(result: .skipped("JSPB is not supported"))
        case .textPayload?:
            return Response(result: .skipped("text format is not supported"))
        case nil:
            return Response(result: .runtimeError("the request has no payload"))
        }
    }

    private static func respond(
        toBinary bytes: ByteBuffer, as type: TestMessageType, format: Conformance_WireFormat
    ) -> Response {
        switch format {
        case .protobuf:
            return type.reencode(bytes)
        case .json:
            return Response(result: .skipped(jsonNotImplemented))
        case .jspb:
            return Response(result: .skipped("JSPB is not supported"))
        case .textFormat:
            return Response(result: .skipped("text format is not supported"))
        case .unspecified, .unrecognized:
            return Response(result: .runtimeError("unsupported output format \(format)"))
        }
    }
}

/// The message types the suite tests, each with its decoding options.
enum TestMessageType {
    case proto3
    case proto2

    init?(protoName: String) {
        switch protoName {
        case ProtobufTestMessages_Proto3_TestAllTypesProto3.protoMessageName: self = .proto3
        case ProtobufTestMessages_Proto2_TestAllTypesProto2.protoMessageName: self = .proto2
        default: return nil
        }
    }

    /// Decodes `bytes` as this type and encodes the result again.
    func reencode(_ bytes: ByteBuffer) -> Conformance_ConformanceResponse {
        switch self {
        case .proto3:
            return Self.reencode(bytes, as: ProtobufTestMessages_Proto3_TestAllTypesProto3.self, options: .defaults)
        case .proto2:
            // Extensions (including the message-set ones) decode into typed values only when registered.
            let options = BinaryDecodingOptions.defaults {
                $0.extensions = ProtobufTestMessages_Proto2_TestMessagesProto2_Extensions.registry
            }
            return Self.reencode(bytes, as: ProtobufTestMessages_Proto2_TestAllTypesProto2.self, options: options)
        }
    }

    private static func reencode<M: ProtoRuntime.Message>(
        _ bytes: ByteBuffer, as type: M.Type, options: BinaryDecodingOptions
    ) -> Conformance_ConformanceResponse {
        let message: M
        do {
            message = try M(decoding: bytes, options: options)
        } catch {
            return Conformance_ConformanceResponse(result: .parseError(error.description))
        }
        do {
            return Conformance_ConformanceResponse(result: .protobufPayload(try message.serializedBuffer()))
        } catch {
            return Conformance_ConformanceResponse(result: .serializeError(error.description))
        }
    }
}
