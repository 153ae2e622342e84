import Bytes
import ConformanceContracts
import ProtoRuntime

/// Turns one `ConformanceRequest` frame into its `ConformanceResponse`.
///
/// Binary and JSON input and output go through ProtoRuntime; JSPB (Google-internal) and text
/// format are answered `skipped`.
enum RequestHandler {
    typealias Response = Conformance_ConformanceResponse

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
        switch request.messageType {
        case ProtobufTestMessages_Proto3_TestAllTypesProto3.protoMessageName:
            return respond(to: request, as: ProtobufTestMessages_Proto3_TestAllTypesProto3.self)
        case ProtobufTestMessages_Proto2_TestAllTypesProto2.protoMessageName:
            return respond(to: request, as: ProtobufTestMessages_Proto2_TestAllTypesProto2.self)
        default:
            return Response(result: .runtimeError("unknown message type \(request.messageType)"))
        }
    }

    /// Every message type the suite's `Any` fields may hold.
    static let typeRegistry = MessageTypeRegistry.wellKnownTypes
        .merging(ProtobufTestMessages_Proto3_TestMessagesProto3_Types.registry)
        .merging(ProtobufTestMessages_Proto2_TestMessagesProto2_Types.registry)

    private static func respond<M: ProtoRuntime.Message>(
        to request: Conformance_ConformanceRequest, as type: M.Type
    ) -> Response {
        let message: M
        switch request.payload {
        case .protobufPayload(let bytes)?:
            // Extensions (including the message-set ones) decode into typed values only when registered.
            let options = BinaryDecodingOptions.defaults {
                $0.extensions = ProtobufTestMessages_Proto2_TestMessagesProto2_Extensions.registry
            }
            do {
                message = try M(decoding: bytes, options: options)
            } catch {
                return Response(result: .parseError(error.description))
            }
        case .jsonPayload(let text)?:
            var options = JSONDecodingOptions()
            options.typeRegistry = typeRegistry
            options.extensions = ProtobufTestMessages_Proto2_TestMessagesProto2_Extensions.registry
            options.ignoreUnknownFields = request.testCategory == .jsonIgnoreUnknownParsingTest
            do {
                message = try M(jsonString: text, options: options)
            } catch {
                return Response(result: .parseError(error.description))
            }
        case .jspbPayload?:
            return Response(result: .skipped("JSPB is not supported"))
        case .textPayload?:
            return Response(result: .skipped("text format is not supported"))
        case nil:
            return Response(result: .runtimeError("the request has no payload"))
        }
        do {
            switch request.requestedOutputFormat {
            case .protobuf:
                return Response(result: .protobufPayload(try message.serializedBuffer()))
            case .json:
                var options = JSONEncodingOptions()
                options.typeRegistry = typeRegistry
                return Response(result: .jsonPayload(try message.jsonString(options: options)))
            case .jspb:
                return Response(result: .skipped("JSPB is not supported"))
            case .textFormat:
                return Response(result: .skipped("text format is not supported"))
            case .unspecified, .unrecognized:
                return Response(result: .runtimeError("unsupported output format \(request.requestedOutputFormat)"))
            }
        } catch {
            return Response(result: .serializeError(error.description))
        }
    }
}
