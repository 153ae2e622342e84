import ProtoRuntime
import Testing

/// Malformed and hostile input: each case must throw the right typed error, never crash or
/// allocate past the input.
@Suite("Decoding hostile input")
struct HostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var code: ProtoDecodingError.Code
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "truncated varint", bytes: [0x08, 0x80], code: .truncated),
        Case(
            name: "varint longer than 10 bytes", bytes: [0x08] + Array(repeating: 0x80, count: 10) + [0x01],
            code: .malformedVarint),
        Case(name: "wire type 6", bytes: [0x0E, 0x00], code: .invalidWireType),
        Case(name: "wire type 7", bytes: [0x0F, 0x00], code: .invalidWireType),
        Case(name: "field number 0", bytes: [0x00, 0x01], code: .invalidFieldNumber),
        Case(name: "end-group outside a group", bytes: [0x0C], code: .invalidWireType),
        Case(name: "length past the end", bytes: [0x0A, 0x05, 0x61], code: .invalidLength),
        Case(name: "huge length (no allocation)", bytes: [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], code: .invalidLength),
        Case(name: "truncated fixed64 (unknown field)", bytes: [0x49, 0x01, 0x02], code: .truncated),
        Case(name: "truncated fixed32 (unknown field)", bytes: [0x4D, 0x01], code: .truncated),
        Case(name: "unterminated group", bytes: [0x4B, 0x08, 0x01], code: .truncated),
        Case(name: "group closed by another field's end tag", bytes: [0x4B, 0x54], code: .unmatchedGroup),
        Case(name: "tag varint too long", bytes: Array(repeating: 0xFF, count: 11), code: .malformedVarint),
        Case(name: "tag beyond 32 bits", bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], code: .invalidFieldNumber),
    ]

    @Test("throws a typed error", arguments: cases)
    func rejects(_ item: Case) {
        // Timestamp: field 1 int64, field 2 int32; anything else is an unknown field.
        #expect {
            _ = try Google_Protobuf_Timestamp(serializedBytes: item.bytes)
        } throws: { error in
            (error as? ProtoDecodingError)?.code == item.code
        }
    }

    @Test("invalid UTF-8 in a proto3 string is rejected, with offset and message name")
    func invalidUTF8() throws {
        let error = try #require(throws: ProtoDecodingError.self) {
            _ = try Google_Protobuf_StringValue(serializedBytes: [0x0A, 0x02, 0xC3, 0x28])
        }
        #expect(error.code == .invalidUTF8)
        #expect(error.offset == 2)
        #expect(error.path == ["google.protobuf.StringValue"])
        #expect(error.description.contains("at byte 2"))
    }

    @Test("invalid UTF-8 in a proto2 string is repaired, as proto2 does not require UTF-8")
    func proto2StringRepair() throws {
        let descriptor = try Google_Protobuf_FileDescriptorProto(serializedBytes: [0x0A, 0x02, 0xC3, 0x28])
        #expect(descriptor.name == "\u{FFFD}(")
    }

    @Test("nesting deeper than the limit is rejected before the stack runs out")
    func depthLimit() throws {
        // DescriptorProto.nested_type (field 3) nested `levels` deep.
        func nested(_ levels: Int) -> [UInt8] {
            var body: [UInt8] = []
            for _ in 0..<levels {
                var outer: [UInt8] = [0x1A]
                var length = body.count
                while length >= 0x80 {
                    outer.append(UInt8(length & 0x7F) | 0x80)
                    length >>= 7
                }
                outer.append(UInt8(length))
                body = outer + body
            }
            return body
        }
        _ = try Google_Protobuf_DescriptorProto(serializedBytes: nested(99))
        let error = try #require(throws: ProtoDecodingError.self) {
            _ = try Google_Protobuf_DescriptorProto(serializedBytes: nested(200))
        }
        #expect(error.code == .tooDeep)
        #expect(error.path.count == 102)  // the root message, then 101 nested levels
        #expect(error.path[1] == "#3 google.protobuf.DescriptorProto")

        var options = BinaryDecodingOptions()
        options.maxDepth = 5
        #expect(throws: ProtoDecodingError.self) {
            _ = try Google_Protobuf_DescriptorProto(serializedBytes: nested(6), options: options)
        }
    }

    @Test("deeply nested unknown groups hit the depth limit too")
    func unknownGroupDepth() throws {
        let open = Array(repeating: UInt8(0x4B), count: 5000)  // field 9, start group
        let error = try #require(throws: ProtoDecodingError.self) {
            _ = try Google_Protobuf_Timestamp(serializedBytes: open)
        }
        #expect(error.code == .tooDeep)
    }

    @Test("input over the size limit is rejected before decoding")
    func sizeLimit() throws {
        var options = BinaryDecodingOptions()
        options.maxMessageSize = 4
        let error = try #require(throws: ProtoDecodingError.self) {
            _ = try Google_Protobuf_Timestamp(serializedBytes: [0x08, 0x01, 0x10, 0x02, 0x10], options: options)
        }
        #expect(error.code == .tooLarge)
        _ = try Google_Protobuf_Timestamp(serializedBytes: [0x08, 0x01, 0x10, 0x02], options: options)
    }

    @Test("every prefix of a valid message decodes or throws, never crashes")
    func everyPrefix() throws {
        var file = Google_Protobuf_FileDescriptorProto()
        file.name = "a/b.proto"
        file.package = "a"
        var message = Google_Protobuf_DescriptorProto()
        message.name = "M"
        var field = Google_Protobuf_FieldDescriptorProto()
        field.name = "f"
        field.number = 1
        field.type = .string
        field.label = .optional
        message.field = [field, field]
        file.messageType = [message]
        let bytes = try file.serializedBytes()
        for length in 0..<bytes.count {
            _ = try? Google_Protobuf_FileDescriptorProto(serializedBytes: Array(bytes[..<length]))
        }
        #expect(try Google_Protobuf_FileDescriptorProto(serializedBytes: bytes) == file)
    }
}
