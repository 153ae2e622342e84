/// A type-checked subexpression: its CEL type and the Swift text that computes it.
///
/// Scalars are always in CEL's canonical Swift form (`Swift.Int64` for int, `Swift.Double` for
/// double, …). Lists and maps keep the Swift form of their fields (an `[Swift.Int32]` stays as it
/// is, with ``itemKind`` saying how to widen each item) so reading a field copies nothing.
struct CELValue {
    var type: CELType
    /// Swift text; parenthesized or atomic so it can be an operand anywhere.
    var swift: String
    /// True when evaluating it can throw `CELEvaluationError`.
    var canThrow = false
    /// How Swift holds the items of a list or the values of a map (`nil`: canonically).
    var itemKind: CELValueKind?
    /// How Swift holds the keys of a map (`nil`: canonically).
    var keyKind: CELValueKind?
    /// For a message: the Swift value is optional, and `nil` reads as the default message.
    var isOptionalMessage = false
    /// The value, when it is a constant known at generation time.
    var constant: CELConstant?
    /// The bare Swift literal of a constant scalar (`5`, `"a"`), usable where the other operand
    /// fixes its type.
    var bareLiteral: String?

    init(
        _ type: CELType, _ swift: String, canThrow: Bool = false, itemKind: CELValueKind? = nil,
        keyKind: CELValueKind? = nil, isOptionalMessage: Bool = false
    ) {
        self.type = type
        self.swift = swift
        self.canThrow = canThrow
        self.itemKind = itemKind
        self.keyKind = keyKind
        self.isOptionalMessage = isOptionalMessage
    }
}

extension CELValueKind {
    /// True when Swift holds this kind exactly as CEL's canonical Swift type.
    var isCanonical: Bool {
        switch self {
        case .int32, .uint32, .float, .enumeration: false
        default: true
        }
    }

    /// Swift text converting a Swift value of this kind to its canonical CEL form.
    func canonical(_ swift: String) -> String {
        switch self {
        case .int32: "Swift.Int64(\(swift))"
        case .uint32: "Swift.UInt64(\(swift))"
        case .float: "Swift.Double(\(swift))"
        case .enumeration: "Swift.Int64(\(swift).rawValue)"
        default: swift
        }
    }

    /// The Swift default of a scalar of this kind, for an absent field.
    var zeroSwift: String {
        switch self {
        case .bool: "false"
        case .string: "\"\""
        case .bytes: "ProtoRuntime.ByteBuffer()"
        case .duration: "ProtoRuntime.Google_Protobuf_Duration()"
        case .timestamp: "ProtoRuntime.Google_Protobuf_Timestamp()"
        default: "0"
        }
    }
}

/// Swift spellings of CEL constants and strings.
enum CELSwiftText {
    /// A Swift string literal holding exactly `text`; everything outside printable ASCII is a
    /// `\u{…}` escape, so the generated file shows combining marks and controls unambiguously.
    static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out + "\""
    }

    /// A Swift expression building a `ByteBuffer` with these bytes.
    static func bytesLiteral(_ bytes: [UInt8]) -> String {
        let list = bytes.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: ", ")
        return "ProtoRuntime.ByteBuffer(bytes: [\(list)] as [Swift.UInt8])"
    }

    /// A Swift double literal that reads back as `value`.
    static func doubleLiteral(_ value: Double) -> String {
        if value.isNaN { return "Swift.Double.nan" }
        if value.isInfinite { return value > 0 ? "Swift.Double.infinity" : "(-Swift.Double.infinity)" }
        return value.description
    }

    /// A stable 64-bit FNV-1a hash, hex, for naming declarations after their content.
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
