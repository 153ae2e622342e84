internal import ProtoRuntime

/// Decodes the input as the value of a `string` field and compares the result with the
/// standard library, the oracle for the runtime's own UTF-8 validation:
///
/// - proto3 (`AllTypes.f_string`, field 14): decoding succeeds exactly when
///   `String(validating:as:)` accepts the bytes, and then gives that string;
/// - proto2 (`Proto2Types.name`, field 2): decoding always succeeds, with invalid sequences
///   replaced as `String(decoding:as:)` replaces them.
struct StringFieldCheck {
    /// The bytes to use as the field's value.
    let value: [UInt8]

    /// Runs both comparisons, trapping if either fails.
    func run() {
        checkProto3()
        checkProto2()
    }

    private func checkProto3() {
        let expected = String(validating: value, as: UTF8.self)
        let result = Result { () throws(ProtoDecodingError) in
            try Room619_Testing_V1_AllTypes(serializedBytes: field(tag: 0x72))
        }
        switch (result, expected) {
        case (.success(let message), .some(let string)):
            guard message.fString == string else {
                fail("proto3 string decoded as \(message.fString.debugDescription)")
            }
        case (.failure(let error), .none):
            guard error.code == .invalidUTF8 else { fail("proto3 string failed with \(error)") }
        case (.success, .none):
            fail("proto3 accepted invalid UTF-8")
        case (.failure(let error), .some):
            fail("proto3 rejected valid UTF-8: \(error)")
        }
    }

    private func checkProto2() {
        var options = BinaryDecodingOptions()
        options.allowPartial = true
        let expected = String(decoding: value, as: UTF8.self)
        do {
            let message = try Room619_Testing_V1_Proto2Types(serializedBytes: field(tag: 0x12), options: options)
            guard message.name == expected else { fail("proto2 string decoded as \(message.name.debugDescription)") }
        } catch {
            fail("proto2 string failed: \(error)")
        }
    }

    /// `tag`, the value's length as a varint, then the value.
    private func field(tag: UInt8) -> [UInt8] {
        var bytes = [tag]
        var length = UInt(value.count)
        while length >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        return bytes + value
    }

    private func fail(_ message: String) -> Never {
        let hex = value.prefix(64).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        fatalError("[string field] \(message); value \(hex)")
    }
}
