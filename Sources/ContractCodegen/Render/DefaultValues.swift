internal import ProtoRuntime

/// Swift literals for proto2 `[default = …]` values, from protoc's text form of them.
enum DefaultValues {
    static func literal(_ text: String, for field: FieldModel, symbols: SymbolTable) -> String? {
        switch field.valueType {
        case .scalar(let info):
            switch info.kind {
            case "ProtoString": return SwiftNaming.stringLiteral(text)
            case "ProtoBytes":
                let bytes = unescapeC(text).map(String.init).joined(separator: ", ")
                return "ProtoRuntime.ByteBuffer(bytes: [\(bytes)] as [Swift.UInt8])"
            case "ProtoBool": return text == "true" ? "true" : "false"
            case "ProtoFloat", "ProtoDouble":
                let type = info.swiftType
                switch text {
                case "inf": return "\(type).infinity"
                case "-inf": return "-\(type).infinity"
                case "nan": return "\(type).nan"
                default: return "\(type)(\(text.contains("e") || text.contains(".") ? text : text + ".0"))"
                }
            default: return "\(info.swiftType)(\(text))"
            }
        case .enumeration(let name, _, _):
            let target = symbols[field.proto.typeName ?? ""]?.enumeration
            let strip = EnumModel.canStripPrefix(target)
            let caseName = SwiftNaming.enumCaseName(text, enumName: target?.name ?? "", stripPrefix: strip)
            return "\(name).\(SwiftNaming.escaped(caseName))"
        case .message, .group:
            return nil
        }
    }

    /// Decodes protoc's C-style escaping of a `bytes` default (`\n`, `\\`, `\'`, `\"`, octal `\NNN`, `\xHH`).
    static func unescapeC(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = bytes.popFirst() else {
                out.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "x"):
                var value: UInt8 = 0
                while let digit = bytes.first, let v = hexValue(digit) {
                    value = value &* 16 &+ v
                    bytes.removeFirst()
                }
                out.append(value)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = next - UInt8(ascii: "0")
                var count = 1
                while count < 3, let digit = bytes.first, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") {
                    value = value &* 8 &+ (digit - UInt8(ascii: "0"))
                    bytes.removeFirst()
                    count += 1
                }
                out.append(value)
            default: out.append(next)
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
