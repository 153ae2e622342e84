import Foundation
import ProtoRuntime
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    static func text(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        write(&writer)
        return String(decoding: writer.finish().readableBytesArray, as: UTF8.self)
    }

    @Test("writes objects and arrays with commas in the right places")
    func structure() {
        let json = Self.text { w in
            w.beginObject()
            w.writeKey("a")
            w.writeInt32(1)
            w.writeKey("list")
            w.beginArray()
            for value in [1, -2] as [Int32] {
                w.beginElement()
                w.writeInt32(value)
            }
            w.beginElement()
            w.beginObject()
            w.endObject()
            w.endArray()
            w.writeKey("nested")
            w.beginObject()
            w.writeKey("b")
            w.writeBool(true)
            w.writeKey("c")
            w.writeNull()
            w.endObject()
            w.endObject()
        }
        #expect(json == #"{"a":1,"list":[1,-2,{}],"nested":{"b":true,"c":null}}"#)
    }

    @Test("64-bit integers are strings; 32-bit ones are numbers", arguments: [Int64.min, -1, 0, 7, Int64.max])
    func integers(_ value: Int64) {
        #expect(Self.text { $0.writeInt64(value) } == "\"\(value)\"")
        #expect(Self.text { $0.writeUInt64(UInt64(bitPattern: value)) } == "\"\(UInt64(bitPattern: value))\"")
        let small = Int32(truncatingIfNeeded: value)
        #expect(Self.text { $0.writeInt32(small) } == "\(small)")
        #expect(Self.text { $0.writeUInt32(UInt32(bitPattern: small)) } == "\(UInt32(bitPattern: small))")
    }

    @Test("floating point: shortest round-trip text, and the proto3 names for non-finite values")
    func floatingPoint() throws {
        #expect(Self.text { $0.writeDouble(.nan) } == "\"NaN\"")
        #expect(Self.text { $0.writeDouble(.infinity) } == "\"Infinity\"")
        #expect(Self.text { $0.writeFloat(-.infinity) } == "\"-Infinity\"")
        for value in [0.1, -2.5e-300, 1e21, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0] {
            let text = Self.text { $0.writeDouble(value) }
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect((parsed as? NSNumber)?.doubleValue == value, "\(text)")
        }
        #expect(Float(Self.text { $0.writeFloat(0.1) }) == Float(0.1))
    }

    @Test("strings are escaped as RFC 8259 requires and read back by a JSON parser")
    func strings() throws {
        let value = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} unicode é 世界 🌍 /"
        let text = Self.text { $0.writeString(value) }
        #expect(text.contains("\\u0000") && text.contains("\\u0007") && text.contains("\\n"))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == value)
    }

    @Test("keys are escaped too")
    func keys() throws {
        let text = Self.text { w in
            w.beginObject()
            w.writeKey("a\"b")
            w.writeInt32(1)
            w.endObject()
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Int]
        #expect(parsed == ["a\"b": 1])
    }
}

@Suite("Base64")
struct Base64Tests {
    static func encoded(_ bytes: [UInt8]) -> String {
        var out = ByteBuffer()
        bytes.withUnsafeBytes { Base64.encode($0, into: &out) }
        return String(decoding: out.readableBytesArray, as: UTF8.self)
    }

    static func decoded(_ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBytes { Base64.decode($0) }?.readableBytesArray
    }

    @Test("encodes like Foundation (standard alphabet, padded) for every length up to 64")
    func matchesFoundation() {
        for length in 0...64 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let expected = Data(bytes).base64EncodedString()
            #expect(Self.encoded(bytes) == expected)
            #expect(Self.decoded(expected) == bytes)
        }
    }

    @Test("reads URL-safe and unpadded text")
    func lenientInput() {
        #expect(Self.decoded("-_8") == [0xFB, 0xFF])
        #expect(Self.decoded("+/8=") == [0xFB, 0xFF])
        #expect(Self.decoded("YWJj") == Array("abc".utf8))
        #expect(Self.decoded("YWI") == Array("ab".utf8))
        #expect(Self.decoded("") == [])
        // Non-zero bits left over in the last character are ignored, as protobuf's parsers do.
        #expect(Self.decoded("-_") == [0xFB])
        #expect(Self.decoded("YR==") == [0x61])
    }

    @Test("rejects what is not base64", arguments: ["Y", "YW=", "Y===", "YW!=", "YWJj=", "=YWJ", "YW J"])
    func rejects(_ text: String) {
        #expect(Self.decoded(text) == nil)
    }
}
