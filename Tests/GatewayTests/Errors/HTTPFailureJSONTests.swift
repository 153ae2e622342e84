import Bytes
import GoogleContracts
import ProtoRuntime
import RPC
import Testing

@testable import Gateway

@Suite("Error bodies: google.rpc.Status in proto3 JSON, as grpc-gateway v2 writes it")
struct HTTPFailureJSONTests {
    func text(_ buffer: ByteBuffer) -> String { String(decoding: buffer.readableBytesArray, as: UTF8.self) }

    @Test("code, message and details with @type")
    func badRequest() {
        let failure = HTTPFailure(RPCStatus.invalidArgument("bad", fieldViolations: [("book.title", "too short")]))
        #expect(
            text(failure.jsonBody(emitsUnpopulatedFields: false))
                == #"{"code":3,"message":"bad","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"book.title","description":"too short"}]}]}"#
        )
        #expect(
            text(failure.jsonBody(usesProtoNames: true, emitsUnpopulatedFields: false))
                == #"{"code":3,"message":"bad","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","field_violations":[{"field":"book.title","description":"too short"}]}]}"#
        )
    }

    @Test("no details is an empty array (emit-unpopulated, grpc-gateway v2's default)")
    func empty() {
        #expect(
            text(HTTPFailure.notFound.jsonBody()) == #"{"code":5,"message":"no route matches the path","details":[]}"#)
    }

    @Test("a detail of a type this process does not know is left out, the rest stays")
    func unknownDetail() throws {
        var status = Google_Rpc_Status()
        status.code = 9
        status.message = "no"
        status.details = [
            Google_Protobuf_Any(typeURL: "type.googleapis.com/acme.Secret", value: ByteBuffer(bytes: [8, 1])),
            try Google_Protobuf_Any(packing: Google_Rpc_ErrorInfo(reason: "R", domain: "d")),
        ]
        let body = text(HTTPFailure(RPCStatus(status)).jsonBody(emitsUnpopulatedFields: false))
        #expect(
            body
                == #"{"code":9,"message":"no","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","domain":"d"}]}"#
        )
    }
}
