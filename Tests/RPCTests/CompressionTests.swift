import Bytes
import Testing

@testable import RPC
@testable import RPCHTTP2

@Suite("gRPC message compression")
struct CompressionTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var digits = hex.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            result.append(UInt8(String([high, low]), radix: 16) ?? 0)
        }
        return result
    }

    @Test("gzip round-trips empty, small and large messages, and writes a gzip header")
    func roundTrip() throws {
        for size in [0, 1, 100, 1 << 20] {
            let message = ByteBuffer(bytes: (0..<size).map { UInt8(($0 * 7) % 13) })
            let compressed = try GRPCCompression.gzip(message)
            #expect(Array(compressed.readableBytesArray.prefix(2)) == [0x1F, 0x8B])
            #expect(try GRPCCompression.gunzip(compressed, limit: size) == message, "size \(size)")
        }
    }

    @Test("reads what Python's gzip module wrote")
    func pythonGzip() throws {
        let fromPython = ByteBuffer(
            bytes: Self.bytes("1f8b0800000000000203cb48cdc9c957482bcacf5528a82cc9c8cf5348afca2c0000642e2f7516000000"))
        let text = try GRPCCompression.gunzip(fromPython, limit: 100)
        #expect(String(decoding: text.readableBytesArray, as: UTF8.self) == "hello from python gzip")
    }

    @Test("a decompression bomb stops at the limit: RESOURCE_EXHAUSTED")
    func bomb() throws {
        let bomb = try GRPCCompression.gzip(ByteBuffer(bytes: [UInt8](repeating: 0, count: 16 << 20)))
        #expect(bomb.readableBytes < 64 << 10)
        #expect { _ = try GRPCCompression.gunzip(bomb, limit: 1 << 20) } throws: {
            ($0 as? RPCStatus)?.code == .resourceExhausted
        }
        #expect(try GRPCCompression.gunzip(bomb, limit: 16 << 20).readableBytes == 16 << 20)
    }

    @Test("garbage, a truncated stream and an empty one are INTERNAL")
    func malformed() throws {
        let good = try GRPCCompression.gzip(ByteBuffer(string: "some message to compress"))
        var truncated = good
        truncated.truncateReadable(to: good.readableBytes - 6)
        for input in [ByteBuffer(string: "not gzip at all"), truncated, ByteBuffer()] {
            #expect { _ = try GRPCCompression.gunzip(input, limit: 1 << 20) } throws: {
                ($0 as? RPCStatus)?.code == .internal
            }
        }
    }
}
