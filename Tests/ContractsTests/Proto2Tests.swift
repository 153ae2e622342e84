import ProtoRuntime
import Testing

@Suite("Generated proto2 messages")
struct Proto2Tests {
    typealias Message = Room619_Testing_V1_Proto2Types
    typealias Ext = Room619_Testing_V1_Proto2Types_Extensions

    @Test("declared defaults apply when a field is unset")
    func defaults() {
        let message = Message(id: 1)
        #expect(message.name == nil)
        #expect(message.nameOrDefault == "unnamed")
        #expect(message.i32OrDefault == -42)
        #expect(message.u64OrDefault == 18_000_000_000_000_000_000)
        #expect(message.dOrDefault == -2.25e10)
        #expect(message.bOrDefault)
        #expect(message.rawOrDefault == [0x61, 0x01, 0xFF, 0x22, 0x7A])
        #expect(message.sizeOrDefault == .medium)
        #expect(message.infOrDefault == .infinity)
        #expect(message.nanOrDefault.isNaN)
    }

    @Test("missing required fields fail decoding and encoding unless partial")
    func required() throws {
        let incomplete = Message()
        #expect(!incomplete.isInitialized)
        let encodeError = try #require(throws: ProtoEncodingError.self) { _ = try incomplete.serializedBytes() }
        #expect(encodeError.code == .missingRequiredFields)
        let bytes = try incomplete.serializedBytes(partial: true)
        let decodeError = try #require(throws: ProtoDecodingError.self) { _ = try Message(serializedBytes: bytes) }
        #expect(decodeError.code == .missingRequiredFields)
        var options = BinaryDecodingOptions()
        options.allowPartial = true
        #expect(try Message(serializedBytes: bytes, options: options) == incomplete)
        // A required field in a nested message counts too.
        var nested = Message(id: 1)
        nested.inner = Message.Inner()
        #expect(!nested.isInitialized)
        nested.inner?.label = "ok"
        #expect(nested.isInitialized)
        nested.inners = ["k": Message.Inner()]
        #expect(!nested.isInitialized)
    }

    @Test("groups round-trip with their start and end tags")
    func groups() throws {
        var message = Message(id: 1)
        message.point = Message.Point(x: 3, y: 4)
        message.entry = [Message.Entry(key: "a", value: 1), Message.Entry(key: "b", value: nil)]
        let bytes = try message.serializedBytes()
        #expect(bytes.contains(0xF3) && bytes.contains(0xF4))  // field 30 start (0xF3 0x01) and end (0xF4 0x01)
        #expect(try Message(serializedBytes: bytes) == message)
    }

    @Test("closed enums keep unknown numbers as unknown fields, re-emitted")
    func closedEnum() throws {
        let bytes: [UInt8] = [0x08, 0x01, 0x88, 0x01, 0x09]  // id = 1, size = 9 (not a Size)
        let message = try Message(serializedBytes: bytes)
        #expect(message.size == nil)
        #expect(!message.unknownFields.isEmpty)
        #expect(try message.serializedBytes() == bytes)
        let packed: [UInt8] = [0x08, 0x01, 0xC2, 0x01, 0x03, 0x01, 0x07, 0x03]  // packed_sizes = [1, 7, 3]
        let decoded = try Message(serializedBytes: packed)
        #expect(decoded.packedSizes == [.small, .large])
        #expect(!decoded.unknownFields.isEmpty)
    }

    @Test("a map entry whose closed-enum value is unknown is kept whole as an unknown field")
    func closedEnumMapValue() throws {
        // id = 1, level_map {"a": LEVEL_ONE}, level_map {"b": 9}
        let known: [UInt8] = [0xAA, 0x03, 0x05, 0x0A, 0x01, 0x61, 0x10, 0x01]
        let unknown: [UInt8] = [0xAA, 0x03, 0x05, 0x0A, 0x01, 0x62, 0x10, 0x09]
        let bytes: [UInt8] = [0x08, 0x01] + known + unknown
        let message = try Message(serializedBytes: bytes)
        #expect(message.levelMap == ["a": .one])
        #expect(message.unknownFields.bytes.readableBytesArray == unknown)
        #expect(try message.serializedBytes() == bytes)
    }

    @Test("an unknown closed-enum extension value is kept as an unknown field")
    func closedEnumExtension() throws {
        var options = BinaryDecodingOptions()
        options.extensions = Ext.registry
        let bytes: [UInt8] = [0x08, 0x01, 0xC0, 0x06, 0x32]  // ext_size = 50
        let message = try Message(serializedBytes: bytes, options: options)
        #expect(message[extension: Ext.extSize] == nil)
        #expect(try message.serializedBytes() == bytes)
    }

    @Test("an empty repeated extension is not set, whether decoded or assigned")
    func emptyRepeatedExtension() throws {
        var options = BinaryDecodingOptions()
        options.extensions = Ext.registry
        let bytes: [UInt8] = [0x08, 0x01, 0xBA, 0x06, 0x00]  // ext_packed (103) as an empty packed run
        let message = try Message(serializedBytes: bytes, options: options)
        #expect(!message.hasExtension(Ext.extPacked))
        #expect(message == Message(id: 1))
        var assigned = Message(id: 1)
        assigned[extension: Ext.extRepeated] = []
        #expect(!assigned.hasExtension(Ext.extRepeated))
        #expect(assigned == Message(id: 1))
    }

    @Test("repeated scalars are unpacked unless [packed = true]")
    func packing() throws {
        var message = Message(id: 1)
        message.unpacked = [1, 2]
        message.packed = [1, 2]
        #expect(
            try message.serializedBytes() == [
                0x08, 0x01, 0xA8, 0x01, 0x01, 0xA8, 0x01, 0x02, 0xB2, 0x01, 0x02, 0x01, 0x02,
            ])
    }

    @Test("extensions decode with the registry and stay unknown fields without it")
    func extensions() throws {
        var message = Message(id: 1)
        message[extension: Ext.extInt32] = -5
        message[extension: Ext.extString] = "ext"
        message[extension: Ext.extRepeated] = [1, 2]
        message[extension: Ext.extPacked] = [-1, 1]
        message[extension: Ext.extSize] = .large
        message[extension: Ext.extInner] = Message.Inner(label: "inner")
        message[extension: Ext.extGroup] = Room619_Testing_V1_ExtGroup(g: 9)
        message[extension: Ext.extBytes] = [1, 2, 3]
        message[extension: Ext.holderNestedExt] = Room619_Testing_V1_Holder(note: "held")
        #expect(message.hasExtension(Ext.extInt32))
        let bytes = try message.serializedBytes()

        var options = BinaryDecodingOptions()
        options.extensions = Ext.registry
        let decoded = try Message(serializedBytes: bytes, options: options)
        #expect(decoded == message)
        #expect(decoded[extension: Ext.extGroup]?.g == 9)

        let opaque = try Message(serializedBytes: bytes)
        #expect(opaque[extension: Ext.extInt32] == nil)
        #expect(!opaque.unknownFields.isEmpty)
        #expect(try Message(serializedBytes: opaque.serializedBytes(), options: options) == message)

        message.clearExtension(Ext.extInt32)
        #expect(!message.hasExtension(Ext.extInt32))
    }

    @Test("a message that contains its own type is boxed and still a value")
    func recursion() throws {
        var parent = Message(id: 1)
        parent.child = Message(id: 2)
        var copy = parent
        copy.child?.id = 3
        #expect(parent.child?.id == 2)
        #expect(try Message(serializedBytes: parent.serializedBytes()) == parent)
    }
}
