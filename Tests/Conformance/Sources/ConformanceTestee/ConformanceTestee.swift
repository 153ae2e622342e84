import ConformanceContracts
import ProtoRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The protobuf conformance testee that Google's `conformance_test_runner` drives.
///
/// The protocol (conformance/conformance.proto in the protobuf sources): the runner writes a
/// 4-byte little-endian length and a serialized `conformance.ConformanceRequest` to our stdin;
/// we answer with a length-prefixed `conformance.ConformanceResponse` on stdout, flushed, and
/// loop until stdin ends. Command-line arguments are ignored; stdout carries frames only, so
/// anything else goes to stderr.
@main
struct ConformanceTestee {
    static func main() {
        var stream = FrameStream(input: 0, output: 1)
        var served = 0
        do {
            while let frame = try stream.readFrame() {
                let response = RequestHandler.respond(toFrame: frame)
                try stream.writeFrame(response.serializedBuffer())
                served += 1
            }
        } catch {
            FrameStream.log("conformance-testee: stopped after \(served) requests: \(error)")
            exit(1)
        }
    }
}
