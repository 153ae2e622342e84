import ProtoRuntime
import Testing

@Suite("Binary wire format")
struct WireFormatTests {
    @Test("varint sizes at every 7-bit boundary", arguments: 0..<64)
    func varintSize(bit: Int) {
        let value = UInt64(1) << bit
        #expect(Varint.size(value) == bit / 7 + 1)
        #expect(Varint.size(value - 1) == max(1, (bit + 6) / 7))
    }

    @Test("ZigZag maps small magnitudes to small numbers and round-trips")
    func zigZag() {
        #expect(Varint.zigZag(Int32(0)) == 0)
        #expect(Varint.zigZag(Int32(-1)) == 1)
        #expect(Varint.zigZag(Int32(1)) == 2)
        #expect(Varint.zigZag(Int32.min) == UInt32.max)
        for value in [Int64.min, -2, -1, 0, 1, Int64.max] {
            #expect(Varint.unZigZag(Varint.zigZag(value)) == value)
        }
    }

    @Test("encodes known bytes (Timestamp, Duration) exactly as protobuf specifies")
    func knownEncodings() throws {
        let timestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 123_000_000)
        #expect(try timestamp.serializedBytes() == [0x08, 0x80, 0xE2, 0xCF, 0xAA, 0x06, 0x10, 0xC0, 0xA9, 0xD3, 0x3A])
        let negative = Google_Protobuf_Int32Value(value: -1)
        #expect(try negative.serializedBytes() == [0x08] + Array(repeating: 0xFF, count: 9) + [0x01])
        #expect(try Google_Protobuf_Empty().serializedBytes() == [])
    }

    @Test("unknown fields of every wire type survive a round trip byte for byte")
    func unknownFields() throws {
        let bytes: [UInt8] = [
            0x08, 0x05,  // seconds = 5 (known)
            0xB8, 0x06, 0x96, 0x01,  // field 103 varint 150
            0xC1, 0x06, 1, 2, 3, 4, 5, 6, 7, 8,  // field 104 fixed64
            0xCD, 0x06, 9, 9, 9, 9,  // field 105 fixed32
            0xD2, 0x06, 0x03, 0x61, 0x62, 0x63,  // field 106 length-delimited "abc"
            0xDB, 0x06, 0x08, 0x01, 0xDC, 0x06,  // field 107 group { 1: 1 }
        ]
        let message = try Google_Protobuf_Timestamp(serializedBytes: bytes)
        #expect(message.seconds == 5)
        #expect(message.unknownFields.bytes.readableBytes == bytes.count - 2)
        #expect(try message.serializedBytes() == bytes)

        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        let dropped = try Google_Protobuf_Timestamp(serializedBytes: bytes, options: options)
        #expect(dropped.unknownFields.isEmpty)
    }

    @Test("a known field with an unexpected wire type is kept as an unknown field")
    func wireTypeMismatch() throws {
        let bytes: [UInt8] = [0x0A, 0x01, 0x00]  // field 1 (seconds, a varint) as length-delimited
        let message = try Google_Protobuf_Timestamp(serializedBytes: bytes)
        #expect(message.seconds == 0)
        #expect(try message.serializedBytes() == bytes)
    }

    @Test("nested lengths past one byte are backpatched correctly", arguments: [0, 127, 128, 16_383, 16_384, 300_000])
    func longNestedLengths(length: Int) throws {
        var value = Google_Protobuf_Value()
        value.kind = .stringValue(String(repeating: "x", count: length))
        var list = Google_Protobuf_ListValue()
        list.values = [value, value]
        let bytes = try list.serializedBytes()
        let decoded = try Google_Protobuf_ListValue(serializedBytes: bytes)
        #expect(decoded == list)
    }

    @Test("encoding appends to what the buffer already holds, and reuses it after clear()")
    func appendsToBuffer() throws {
        var buffer = ByteBuffer(bytes: [0xAA, 0xBB])
        _ = buffer.readInteger(as: UInt8.self)
        try Google_Protobuf_Int64Value(value: 1).encode(into: &buffer)
        #expect(buffer.readableBytesArray == [0xBB, 0x08, 0x01])
        buffer.clear()
        let capacity = buffer.capacity
        try Google_Protobuf_Int64Value(value: 2).encode(into: &buffer)
        #expect(buffer.readableBytesArray == [0x08, 0x02])
        #expect(buffer.capacity == capacity)
    }

    @Test("an encoder starting from a shared buffer does not change the other copy")
    func sharedBufferIsCopied() throws {
        var buffer = ByteBuffer(bytes: [1, 2, 3])
        let copy = buffer
        try Google_Protobuf_Int64Value(value: 1).encode(into: &buffer)
        #expect(copy.readableBytesArray == [1, 2, 3])
        #expect(buffer.readableBytesArray == [1, 2, 3, 0x08, 0x01])
    }

    @Test("bytes fields decoded from a ByteBuffer share its storage; from an array they copy")
    func bytesFieldsShareStorage() throws {
        let payload = ByteBuffer(bytes: Array(repeating: 7, count: 1000))
        let encoded = try Google_Protobuf_BytesValue(value: payload).serializedBuffer()
        let shared = try Google_Protobuf_BytesValue(decoding: encoded)
        let copied = try Google_Protobuf_BytesValue(serializedBytes: encoded.readableBytesArray)
        #expect(shared.value == payload)
        #expect(copied.value == payload)
        #expect(shared.value._storage === encoded._storage)
        #expect(copied.value._storage !== encoded._storage)
    }

    @Test("decoding merges: repeated fields append, singular fields take the last value")
    func merging() throws {
        var first = Google_Protobuf_ListValue()
        first.values = [Google_Protobuf_Value(kind: .numberValue(1))]
        var second = Google_Protobuf_ListValue()
        second.values = [Google_Protobuf_Value(kind: .boolValue(true))]
        var message = try Google_Protobuf_ListValue(decoding: first.serializedBuffer())
        try message.merge(decoding: second.serializedBuffer())
        #expect(message.values.count == 2)

        var timestamp = try Google_Protobuf_Timestamp(serializedBytes: [0x08, 0x01, 0x10, 0x02])
        try timestamp.merge(decoding: [0x08, 0x07])
        #expect(timestamp == Google_Protobuf_Timestamp(seconds: 7, nanos: 2))
    }
}
