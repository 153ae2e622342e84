internal import ProtoRuntime

/// Writes one protobuf enum as a Swift enum.
enum EnumModel {
    /// Whether every value keeps a valid name, distinct from other numbers', once the enum-name
    /// prefix is stripped.
    static func canStripPrefix(_ enumeration: EnumProto?) -> Bool {
        guard let enumeration else { return false }
        let enumName = enumeration.name ?? ""
        // Names may repeat only for aliases of one number (`MOO`, `moo`), which share a Swift name.
        var numberOf: [String: Int32] = [:]
        for value in enumeration.value {
            let name = SwiftNaming.enumCaseName(value.name ?? "", enumName: enumName, stripPrefix: true)
            let number = value.number ?? 0
            if let existing = numberOf[name], existing != number { return false }
            numberOf[name] = number
        }
        return true
    }

    static func render(
        _ enumeration: EnumProto, symbol: TypeSymbol, access: String, comments: Comments, path: [Int32],
        into out: inout SwiftWriter, diagnostics: inout [Diagnostic]
    ) {
        let name = symbol.swiftName.split(separator: ".").last.map(String.init) ?? symbol.swiftName
        let isClosed = !symbol.isProto3
        let strip = canStripPrefix(enumeration)
        let enumName = enumeration.name ?? ""
        // First name for each number is the case; later names for the same number are aliases.
        var cases: [(name: String, number: Int32, protoName: String, index: Int)] = []
        var aliases: [(name: String, target: String, index: Int)] = []
        var byNumber: [Int32: String] = [:]
        // Swift name → (proto name, number), to catch two values that become one Swift name.
        var used: [String: (protoName: String, number: Int32)] = [:]
        for (index, value) in enumeration.value.enumerated() {
            let protoName = value.name ?? ""
            let caseName = SwiftNaming.enumCaseName(protoName, enumName: enumName, stripPrefix: strip)
            let number = value.number ?? 0
            if let clash = used[caseName] {
                // Aliases of one number that differ only in case (`MOO`, `moo`) share one Swift
                // name; different numbers under one name cannot be represented.
                if clash.number != number {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "enum values '\(clash.protoName)' and '\(protoName)' both become the Swift case '\(caseName)'",
                            at: "\(symbol.file.name ?? ""): enum \(symbol.protoName)", fix: "rename one of the values"))
                }
                continue
            }
            used[caseName] = (protoName, number)
            if let existing = byNumber[number] {
                aliases.append((caseName, existing, index))
            } else {
                byNumber[number] = caseName
                cases.append((caseName, number, protoName, index))
            }
        }
        out.docComment(comments.leading(path))
        out.block("\(access)enum \(SwiftNaming.escaped(name)): ProtoRuntime.ProtoEnum {") { out in
            for item in cases {
                out.docComment(comments.leading(path + [2, Int32(item.index)]))
                out.line("case \(SwiftNaming.escaped(item.name))  // = \(item.number)")
            }
            if !isClosed {
                out.line("/// A number this version of the contract does not know; kept so it can be written back.")
                out.line("case unrecognized(Swift.Int32)")
            }
            for alias in aliases {
                out.line()
                out.docComment(comments.leading(path + [2, Int32(alias.index)]))
                out.line(
                    "\(access)static let \(SwiftNaming.escaped(alias.name)) = Self.\(SwiftNaming.escaped(alias.target))"
                )
            }
            out.line()
            let first = cases.first.map { SwiftNaming.escaped($0.name) } ?? "unrecognized(0)"
            out.line("\(access)init() { self = .\(first) }")
            out.line()
            let failable = isClosed ? "?" : ""
            out.block("\(access)init\(failable)(rawValue: Swift.Int32) {") { out in
                out.switchBlock("switch rawValue {") { out in
                    for item in cases { out.line("case \(item.number): self = .\(SwiftNaming.escaped(item.name))") }
                    out.line(isClosed ? "default: return nil" : "default: self = .unrecognized(rawValue)")
                }
            }
            out.line()
            out.block("\(access)var rawValue: Swift.Int32 {") { out in
                out.switchBlock("switch self {") { out in
                    for item in cases { out.line("case .\(SwiftNaming.escaped(item.name)): \(item.number)") }
                    if !isClosed { out.line("case .unrecognized(let number): number") }
                }
            }
            out.line()
            out.block("\(access)var protoName: Swift.String? {") { out in
                out.switchBlock("switch self {") { out in
                    for item in cases {
                        out.line(
                            "case .\(SwiftNaming.escaped(item.name)): \(SwiftNaming.stringLiteral(item.protoName))")
                    }
                    if !isClosed { out.line("case .unrecognized: nil") }
                }
            }
            out.line()
            // Every name parses, aliases included (even those sharing a Swift case), for JSON.
            var namesByNumber: [Int32: [String]] = [:]
            for value in enumeration.value { namesByNumber[value.number ?? 0, default: []].append(value.name ?? "") }
            out.block("\(access)init?(protoName: Swift.String) {") { out in
                out.switchBlock("switch protoName {") { out in
                    for item in cases {
                        let names = (namesByNumber[item.number] ?? []).map(SwiftNaming.stringLiteral)
                        out.line("case \(names.joined(separator: ", ")): self = .\(SwiftNaming.escaped(item.name))")
                    }
                    out.line("default: return nil")
                }
            }
            out.line()
            let all = cases.map { "." + SwiftNaming.escaped($0.name) }.joined(separator: ", ")
            out.line("\(access)static let allCases: [Self] = [\(all)]")
            out.line()
            out.line(
                "\(access)static var protoEnumName: Swift.String { \(SwiftNaming.stringLiteral(symbol.protoName)) }")
        }
    }
}
