/// Functions and methods: `size`, the string and bytes predicates, `matches`, protovalidate's
/// format checks, `unique`, `isNan`/`isInf`, conversions, and the duration and timestamp
/// accessors. Macros (`has`, `all`, `exists`, …) are dispatched from here too.
extension CELEmitter {
    mutating func call(
        _ targetNode: CELNode?, _ name: String, _ arguments: [CELNode], at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        if let macro = try macro(targetNode, name, arguments, at: node) { return macro }
        var receiver: CELValue?
        if let targetNode { receiver = try unwrapped(try emit(targetNode)) }
        var values: [CELValue] = []
        for argument in arguments { values.append(try unwrapped(try emit(argument))) }
        if let receiver {
            return try method(receiver, name, values, arguments, at: node)
        }
        if let first = values.first, ["size", "matches"].contains(name) {
            return try method(first, name, Array(values.dropFirst()), Array(arguments.dropFirst()), at: node)
        }
        guard values.count == 1, let argument = arguments.first else {
            throw error(.unsupported, "function '\(name)' with \(values.count) arguments is not supported", at: node)
        }
        return try conversion(name, values[0], argument, at: node)
    }

    private mutating func method(
        _ receiver: CELValue, _ name: String, _ values: [CELValue], _ arguments: [CELNode], at node: CELNode
    ) throws(CELCompileError) -> CELValue {
        let canThrow = receiver.canThrow || values.contains { $0.canThrow }
        let args = values.map { $0.bareLiteral ?? $0.swift }
        let types = values.map(\.type)
        let runtime = "Validation._CELRuntime"
        let formats = "Validation.StringFormats"
        func result(_ type: CELType, _ swift: String) -> CELValue { CELValue(type, swift, canThrow: canThrow) }
        switch (receiver.type, name, types) {
        case (.string, "size", []), (.bytes, "size", []): return result(.int, "\(runtime).size(\(receiver.swift))")
        case (.list, "size", []), (.map, "size", []): return result(.int, "Swift.Int64(\(receiver.swift).count)")
        case (.string, "startsWith", [.string]), (.string, "endsWith", [.string]), (.string, "contains", [.string]),
            (.bytes, "startsWith", [.bytes]), (.bytes, "endsWith", [.bytes]), (.bytes, "contains", [.bytes]):
            return result(.bool, "\(runtime).\(name)(\(receiver.swift), \(args[0]))")
        case (.string, "matches", [.string]):
            return try matches(receiver, values[0], at: arguments[0])
        case (.string, "isEmail", []), (.string, "isHostname", []), (.string, "isUri", []):
            let function = name == "isUri" ? "isURI" : name
            return result(.bool, "\(formats).\(function)(\(receiver.swift))")
        case (.string, "isUriRef", []): return result(.bool, "\(formats).isURIReference(\(receiver.swift))")
        case (.string, "isIp", []): return result(.bool, "\(formats).isIP(\(receiver.swift), version: 0)")
        case (.string, "isIp", [.int]):
            return result(
                .bool, "\(formats).isIP(\(receiver.swift), version: \(try literalInt(values[0], arguments[0])))")
        case (.string, "isIpPrefix", _):
            return result(.bool, try ipPrefix(receiver, values, arguments, at: node))
        case (.string, "isHostAndPort", [.bool]):
            return result(.bool, "\(formats).isHostAndPort(\(receiver.swift), portRequired: \(args[0]))")
        case (.double, "isNan", []): return result(.bool, "\(receiver.swift).isNaN")
        case (.double, "isInf", []): return result(.bool, "\(receiver.swift).isInfinite")
        case (.double, "isInf", [.int]): return result(.bool, "\(runtime).isInf(\(receiver.swift), sign: \(args[0]))")
        case (.list(let item), "unique", []):
            guard [.int, .uint, .double, .bool, .string, .bytes].contains(item) else {
                throw error(.noMatchingOverload, "unique() needs a list of scalars, not \(receiver.type)", at: node)
            }
            let list = try materialized(receiver, at: node)
            return result(.bool, "\(runtime).unique(\(list.swift))")
        case (.duration, "getHours", []), (.duration, "getMinutes", []), (.duration, "getSeconds", []):
            let function = name.dropFirst(3).lowercased()
            return result(.int, "\(runtime).\(function)(\(receiver.swift))")
        case (.timestamp, _, []) where Self.timestampFields[name] != nil:
            return result(.int, "\(runtime).component(.\(Self.timestampFields[name] ?? ""), of: \(receiver.swift))")
        default:
            let signature = "\(receiver.type).\(name)(\(types.map(\.description).joined(separator: ", ")))"
            throw error(.unsupported, "no function \(signature) in the supported subset", at: node)
        }
    }

    static let timestampFields: [String: String] = [
        "getFullYear": "fullYear", "getMonth": "month", "getDate": "date", "getDayOfMonth": "dayOfMonth",
        "getDayOfWeek": "dayOfWeek", "getDayOfYear": "dayOfYear", "getHours": "hours", "getMinutes": "minutes",
        "getSeconds": "seconds", "getMilliseconds": "milliseconds",
    ]

    /// An int argument that must be a literal (the IP version of `isIp(4)`).
    private func literalInt(_ value: CELValue, _ node: CELNode) throws(CELCompileError) -> Int64 {
        guard case .int(let number)? = value.constant else {
            throw error(.unsupported, "the IP version must be a literal (0, 4 or 6)", at: node)
        }
        return number
    }

    /// `isIpPrefix()`, `isIpPrefix(version)`, `isIpPrefix(strict)`, `isIpPrefix(version, strict)`.
    private func ipPrefix(
        _ receiver: CELValue, _ values: [CELValue], _ arguments: [CELNode], at node: CELNode
    )
        throws(CELCompileError) -> String
    {
        var version: Int64 = 0
        var strict = "false"
        switch values.map(\.type) {
        case []: break
        case [.int]: version = try literalInt(values[0], arguments[0])
        case [.bool]: strict = values[0].swift
        case [.int, .bool]:
            version = try literalInt(values[0], arguments[0])
            strict = values[1].swift
        default: throw error(.noMatchingOverload, "isIpPrefix takes (int, bool), (int), (bool) or ()", at: node)
        }
        return "Validation.StringFormats.isIPPrefix(\(receiver.swift), version: \(version), strict: \(strict))"
    }

    /// `string.matches(pattern)`: a literal pattern is checked now and compiled once per process.
    private mutating func matches(
        _ text: CELValue, _ pattern: CELValue, at node: CELNode
    ) throws(CELCompileError)
        -> CELValue
    {
        let regexType = "Validation.RE2Regex"
        let closure = "{ () throws(Validation.RE2SyntaxError) -> \(regexType) in try \(regexType)("
        guard case .string(let literal)? = pattern.constant else {
            guard !pattern.canThrow else {
                throw error(.unsupported, "this pattern expression is not supported", at: node)
            }
            let compiled = "Swift.Result \(closure)\(pattern.swift)) }"
            return CELValue(.bool, "Validation._CELRuntime.regex(\(compiled)).matches(\(text.swift))", canThrow: true)
        }
        if let problem = validatePattern?(literal) {
            throw error(
                .invalidLiteral, "invalid regular expression \(CELSwiftText.stringLiteral(literal))", at: node,
                cause: problem)
        }
        let name = "_celRegex_" + CELSwiftText.hash(literal)
        declarations[name] = "private let \(name) = Swift.Result \(closure)\(CELSwiftText.stringLiteral(literal))) }"
        return CELValue(.bool, "Validation._CELRuntime.regex(\(name)).matches(\(text.swift))", canThrow: true)
    }
}
