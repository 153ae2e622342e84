import ProtoRuntime
import Testing

@Suite("Generated proto3 messages")
struct AllTypesRoundTripTests {
    @Test("every field kind survives encode and decode")
    func fullRoundTrip() throws {
        let message = Fixtures.fullAllTypes
        let buffer = try message.serializedBuffer()
        let fromBuffer = try Room619_Testing_V1_AllTypes(decoding: buffer)
        let fromArray = try Room619_Testing_V1_AllTypes(serializedBytes: buffer.readableBytesArray)
        #expect(fromBuffer == message)
        #expect(fromArray == message)
        #expect(fromBuffer.fFloat.sign == .minus)  // -0.0 is written and read back
    }

    @Test("deterministic encoding gives the same bytes for equal messages")
    func deterministic() throws {
        let options = BinaryEncodingOptions(deterministic: true)
        let a = try Fixtures.fullAllTypes.serializedBytes(options: options)
        let b = try Room619_Testing_V1_AllTypes(serializedBytes: a).serializedBytes(options: options)
        #expect(a == b)
    }

    @Test("proto3 fields at their defaults are not written; optional ones are")
    func presence() throws {
        #expect(try Room619_Testing_V1_AllTypes().serializedBytes().isEmpty)
        var message = Room619_Testing_V1_AllTypes()
        message.oInt32 = 0
        #expect(try message.serializedBytes() == [0xA8, 0x01, 0x00])
        let decoded = try Room619_Testing_V1_AllTypes(serializedBytes: [0xA8, 0x01, 0x00])
        #expect(decoded.oInt32 == 0)
        #expect(Room619_Testing_V1_AllTypes().oInt32 == nil)
    }

    @Test("repeated scalars are packed by default and unpacked when asked, and both are accepted")
    func packing() throws {
        var message = Room619_Testing_V1_AllTypes()
        message.rInt32 = [1, 2]
        message.rUnpackedInt32 = [1, 2]
        #expect(try message.serializedBytes() == [0xCA, 0x02, 0x02, 0x01, 0x02, 0xD0, 0x03, 0x01, 0xD0, 0x03, 0x02])
        // Packed input for the unpacked field and unpacked input for the packed one.
        let swapped: [UInt8] = [0xC8, 0x02, 0x01, 0xC8, 0x02, 0x02, 0xD2, 0x03, 0x02, 0x01, 0x02]
        #expect(try Room619_Testing_V1_AllTypes(serializedBytes: swapped) == message)
    }

    @Test("a packed run whose length is not a multiple of the element size is rejected")
    func badPackedLength() {
        #expect(throws: ProtoDecodingError.self) {
            _ = try Room619_Testing_V1_AllTypes(serializedBytes: [0xFA, 0x02, 0x03, 1, 2, 3])  // r_fixed32, 3 bytes
        }
    }

    @Test("open enums keep unknown numbers and write them back")
    func openEnum() throws {
        let bytes: [UInt8] = [0x80, 0x01, 0x2A]  // f_enum = 42
        let message = try Room619_Testing_V1_AllTypes(serializedBytes: bytes)
        #expect(message.fEnum == .unrecognized(42))
        #expect(try message.serializedBytes() == bytes)
        #expect(Room619_Testing_V1_Color(rawValue: 1) == .red)
        #expect(Room619_Testing_V1_Color.crimson == .red)  // alias
        #expect(Room619_Testing_V1_Color.negative.rawValue == -1)
        #expect(Room619_Testing_V1_Color.red.protoName == "COLOR_RED")
    }

    @Test("oneof accessors set one member and clear the others")
    func oneof() throws {
        var message = Room619_Testing_V1_AllTypes()
        message.cString = "text"
        #expect(message.choice == .cString("text"))
        message.cUint32 = 5
        #expect(message.cString == nil)
        #expect(message.cUint32 == 5)
        message.cString = nil  // clearing another member leaves the oneof alone
        #expect(message.choice == .cUint32(5))
        message.cUint32 = nil
        #expect(message.choice == nil)
        // The last member on the wire wins.
        let bytes: [UInt8] = [0x88, 0x05, 0x01, 0x92, 0x05, 0x01, 0x78]
        #expect(try Room619_Testing_V1_AllTypes(serializedBytes: bytes).choice == .cString("x"))
    }

    @Test("recursive messages nest through boxed fields")
    func recursion() throws {
        var inner = Room619_Testing_V1_AllTypes()
        inner.fInt32 = 1
        for depth in 2...50 {
            var outer = Room619_Testing_V1_AllTypes()
            outer.fInt32 = Int32(depth)
            outer.fNested = Room619_Testing_V1_AllTypes.Nested(a: 0, b: "", recursive: inner)
            inner = outer
        }
        let decoded = try Room619_Testing_V1_AllTypes(serializedBytes: inner.serializedBytes())
        #expect(decoded == inner)
        #expect(decoded.fNested?.recursive?.fInt32 == 49)
    }

    @Test("a nested message field set twice on the wire is merged")
    func mergeNested() throws {
        let first = try Room619_Testing_V1_AllTypes(fNested: Fixtures.nested(1, "")).serializedBytes()
        let second = try Room619_Testing_V1_AllTypes(fNested: Fixtures.nested(0, "b")).serializedBytes()
        let merged = try Room619_Testing_V1_AllTypes(serializedBytes: first + second)
        #expect(merged.fNested == Fixtures.nested(1, "b"))
    }

    @Test("fields this message does not know survive a round trip through it")
    func unknownFieldsThroughSubset() throws {
        let full = Fixtures.fullAllTypes
        let bytes = try full.serializedBytes(options: BinaryEncodingOptions(deterministic: true))
        let subset = try Room619_Testing_V1_AllTypesSubset(serializedBytes: bytes)
        #expect(subset.fInt32 == full.fInt32)
        #expect(subset.fString == full.fString)
        let empty = try Room619_Testing_V1_Empty(serializedBytes: bytes)
        #expect(try empty.serializedBytes() == bytes)
        #expect(try Room619_Testing_V1_AllTypes(serializedBytes: subset.serializedBytes()) == full)
    }

    @Test("decode errors name the path of nested fields")
    func errorPath() throws {
        var message = Room619_Testing_V1_AllTypes()
        message.rNested = [Fixtures.nested(1, "ok"), Fixtures.nested(2, "bad")]
        var bytes = try message.serializedBytes()
        let bad = try #require(bytes.lastIndex(of: UInt8(ascii: "b")))
        bytes[bad] = 0xFF  // invalid UTF-8 in r_nested[1].b
        let error = try #require(throws: ProtoDecodingError.self) {
            _ = try Room619_Testing_V1_AllTypes(serializedBytes: bytes)
        }
        #expect(error.code == .invalidUTF8)
        #expect(error.path == ["room619.testing.v1.AllTypes", "#57 room619.testing.v1.AllTypes.Nested"])
        #expect(error.offset == bad)
    }

    @Test("Swift keywords and clashing names become usable properties")
    func naming() {
        let message = Fixtures.fullAllTypes
        #expect(message.`default` == 1)
        #expect(message.`class` == "class")
        #expect(message.self_p)
        #expect(message.description_p == "description")
        #expect(message.hashValue_p == 3)
        #expect(message.unknownFields_p == "unknown")
        #expect(message.orderID == 4)
    }
}
