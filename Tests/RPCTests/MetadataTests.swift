import Bytes
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

@Suite("gRPC metadata")
struct MetadataTests {
    @Test("text and binary values go out as headers (binary unpadded base64) and come back")
    func roundTrip() {
        var metadata = Metadata()
        metadata.add("X-Request-ID", "r-42")
        metadata.add("trace-proto-bin", bytes: [0x0A, 0x01, 0xFF])
        metadata.add("trace-proto-bin", bytes: [])
        metadata.add("x-multi", "a")
        metadata.add("x-multi", "b")
        var headers = HTTPHeaders()
        metadata.write(into: &headers)
        #expect(headers["x-request-id"] == "r-42")
        #expect(headers.values(of: "trace-proto-bin") == ["CgH/", ""])
        let back = Metadata(headers: headers)
        #expect(back == metadata)
        #expect(back["x-request-id"] == "r-42")
        #expect(back.values(of: "x-multi") == [.text("a"), .text("b")])
    }

    @Test("binary values are read padded or not, split at commas; what is not base64 is dropped")
    func lenientBinary() {
        let headers: HTTPHeaders = ["a-bin": "AQI=", "b-bin": "AQI", "c-bin": "AQI, AwQ=", "d-bin": "!!not base64"]
        let metadata = Metadata(headers: headers)
        #expect(metadata.values(of: "a-bin") == [.bytes([1, 2])])
        #expect(metadata.values(of: "b-bin") == [.bytes([1, 2])])
        #expect(metadata.values(of: "c-bin") == [.bytes([1, 2]), .bytes([3, 4])])
        #expect(metadata.values(of: "d-bin").isEmpty)
    }

    @Test("the protocol's own headers are not metadata, either way")
    func reserved() {
        let headers: HTTPHeaders = [
            "content-type": "application/grpc", "te": "trailers", "grpc-timeout": "1S", "grpc-encoding": "gzip",
            "user-agent": "grpc-python/1.85", "x-custom": "yes",
        ]
        let metadata = Metadata(headers: headers)
        #expect(metadata.map(\.key) == ["user-agent", "x-custom"])
        var outgoing = Metadata()
        outgoing.add("grpc-status", "0")
        outgoing.add("content-type", "text/plain")
        outgoing.add("x-ok", "1")
        var written = HTTPHeaders()
        outgoing.write(into: &written)
        #expect(written.count == 1)
        #expect(written["x-ok"] == "1")
    }
}
