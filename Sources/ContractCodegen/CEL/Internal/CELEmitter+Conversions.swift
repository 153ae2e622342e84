internal import ProtoRuntime
internal import Validation

/// Conversions: `int()`, `uint()`, `double()`, `string()`, `bytes()`, and the `duration()` and
/// `timestamp()` literals, which are parsed at generation time (an invalid literal is a compile
/// error; a computed string is parsed at run time).
extension CELEmitter {
    mutating func conversion(
        _ name: String, _ value: CELValue, _ argument: CELNode, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let runtime = "Validation._CELRuntime"
        func result(_ type: CELType, _ swift: String, throwing: Bool = false) -> CELValue {
            CELValue(type, swift, canThrow: value.canThrow || throwing)
        }
        switch (name, value.type) {
        case ("int", .int), ("uint", .uint), ("double", .double), ("string", .string), ("bytes", .bytes),
            ("bool", .bool), ("duration", .duration), ("timestamp", .timestamp):
            return value
        case ("int", .uint), ("int", .double), ("int", .string), ("uint", .int), ("uint", .double),
            ("uint", .string), ("double", .string), ("string", .bytes):
            return result(
                name == "double" ? .double : (name == "int" ? .int : (name == "uint" ? .uint : .string)),
                "\(runtime).\(name)(\(value.swift))", throwing: true)
        case ("int", .timestamp): return result(.int, "\(runtime).int(\(value.swift))")
        case ("double", .int), ("double", .uint): return result(.double, "Swift.Double(\(value.swift))")
        case ("string", .int), ("string", .uint), ("string", .bool):
            return result(.string, "Swift.String(\(value.swift))")
        case ("string", .double), ("string", .duration), ("string", .timestamp):
            return result(.string, "\(runtime).string(\(value.swift))")
        case ("bytes", .string): return result(.bytes, "ProtoRuntime.ByteBuffer(string: \(value.swift))")
        case ("duration", .string), ("timestamp", .string):
            return try timeLiteral(name, value, at: argument)
        default:
            throw error(.unsupported, "no function \(name)(\(value.type)) in the supported subset", at: node)
        }
    }

    /// `duration("1h30m")` and `timestamp("2024-01-01T00:00:00Z")`: folded to a constant when the
    /// argument is a literal.
    private func timeLiteral(_ name: String, _ value: CELValue, at node: CELNode) throws(CELCompileError) -> CELValue {
        let type: CELType = name == "duration" ? .duration : .timestamp
        guard case .string(let text)? = value.constant else {
            return CELValue(type, "Validation._CELRuntime.\(name)(\(value.swift))", canThrow: true)
        }
        do {
            if name == "duration" {
                let parsed = try _CELRuntime.duration(text)
                return constant(.duration(seconds: parsed.seconds, nanos: parsed.nanos))
            }
            let parsed = try _CELRuntime.timestamp(text)
            return constant(.timestamp(seconds: parsed.seconds, nanos: parsed.nanos))
        } catch {
            throw self.error(.invalidLiteral, "invalid \(name) literal \(CELSwiftText.stringLiteral(text))", at: node)
        }
    }
}
