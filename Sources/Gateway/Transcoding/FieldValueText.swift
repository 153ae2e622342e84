internal import Bytes
internal import ProtoRuntime

/// Turns the text of a path variable, query parameter or bound header into the proto3 JSON
/// value of its field, so the generated JSON codec can decode it with every check it already
/// makes (ranges, enum names, base64, timestamp syntax).
///
/// Numbers become JSON strings (proto3 JSON accepts `"10"` for every numeric type, and 64-bit
/// integers are strings anyway), bools become `true`/`false`, enums a number literal or a name
/// string, and the well-known types their string forms (`Timestamp`, `Duration`, `FieldMask`)
/// or their wrapped scalar's form.
enum FieldValueText {
    /// The JSON value for `text` in a field of `kind`, or why a text value cannot set that field.
    static func json(for text: String, kind: FieldKind) -> Result<JSONText, FieldValueRefusal> {
        switch kind {
        case .scalar(let scalar):
            return scalarJSON(text, scalar)
        case .enumeration:
            return .success(isInteger(text) ? .literal(text) : .string(text))
        case .message(let name):
            switch WellKnownType(fullName: name) {
            case .stringForm("google.protobuf.FieldMask")?:
                // grpc-gateway splits the text at commas and takes the paths as written
                // (`.proto` names); the JSON form wants lowerCamel segments, so both spellings work.
                return .success(.string(fieldMaskJSON(text)))
            case .stringForm?: return .success(.string(text))
            case .wrapper(let scalar)?: return scalarJSON(text, scalar)
            case .structured("google.protobuf.Value")?, .structured("google.protobuf.Struct")?:
                // As grpc-gateway: the text is the value's JSON, checked to be exactly one value.
                guard (try? JSONInspection.checkSingleValue(ByteBuffer(string: text), options: .defaults)) != nil
                else { return .failure(.invalid("'\(text)' is not JSON")) }
                return .success(.literal(text))
            case .structured?: return .failure(.notSettable("\(name) cannot be set from text"))
            case nil: return .failure(.message(name))
            }
        }
    }

    private static func scalarJSON(_ text: String, _ scalar: ScalarType) -> Result<JSONText, FieldValueRefusal> {
        switch scalar {
        case .bool:
            // strconv.ParseBool's forms, as grpc-gateway accepts them.
            switch text {
            case "true", "True", "TRUE", "t", "T", "1": return .success(.literal("true"))
            case "false", "False", "FALSE", "f", "F", "0": return .success(.literal("false"))
            default: return .failure(.invalid("'\(text)' is not a bool (true or false)"))
            }
        case .string, .bytes:
            return .success(.string(text))
        default:
            return .success(.string(text))
        }
    }

    /// `a.b_c,d` as FieldMask's JSON form: `a.bC,d`.
    static func fieldMaskJSON(_ text: String) -> String {
        text.split(separator: ",", omittingEmptySubsequences: false).map { path in
            path.split(separator: ".", omittingEmptySubsequences: false).map {
                SchemaIndex.lowerCamel(String($0))
            }.joined(separator: ".")
        }.joined(separator: ",")
    }

    /// `-?[0-9]+`: an enum given by number.
    static func isInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// Why text cannot set a field.
enum FieldValueRefusal: Error, Sendable, Hashable {
    /// The text is not a value of the field's type.
    case invalid(String)
    /// The field is a message (not a well-known type with a text form): its fields are set instead.
    case message(String)
    /// The field's type has no text form.
    case notSettable(String)
}
