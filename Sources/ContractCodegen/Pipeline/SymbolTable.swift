internal import ProtoRuntime

typealias FileProto = Google_Protobuf_FileDescriptorProto
typealias MessageProto = Google_Protobuf_DescriptorProto
typealias FieldProto = Google_Protobuf_FieldDescriptorProto
typealias EnumProto = Google_Protobuf_EnumDescriptorProto

/// What the generator knows about one message or enum, found by its full proto name.
struct TypeSymbol {
    enum Kind { case message(MessageProto), enumeration(EnumProto) }
    /// `.bench.v1.Order.LineItem`
    var fullName: String
    /// `bench.v1.Order.LineItem`
    var protoName: String { String(fullName.dropFirst()) }
    /// The Swift name inside its module: `Bench_V1_Order.LineItem`.
    var swiftName: String
    var kind: Kind
    var file: FileProto
    var isProto3: Bool { file.syntax == "proto3" }

    var message: MessageProto? { if case .message(let m) = kind { m } else { nil } }
    var enumeration: EnumProto? { if case .enumeration(let e) = kind { e } else { nil } }
    var isMapEntry: Bool { message?.options?.mapEntry == true }
}

/// Every message and enum of the request, with Swift names, and the analyses the renderer needs.
struct SymbolTable {
    private(set) var types: [String: TypeSymbol] = [:]
    let options: GeneratorOptions
    /// Fields (by `message full name` + `field number`) that must be boxed to break a cycle.
    private(set) var boxedFields: Set<String> = []
    /// Messages that have proto2 `required` fields in themselves or below.
    private(set) var needsInitCheck: Set<String> = []
    /// Messages that get a generated validator (`buf.validate` rules in themselves or below).
    private(set) var validation = ValidationPlan()

    init(files: [FileProto], options: GeneratorOptions) {
        self.options = options
        for file in files {
            let package = file.package ?? ""
            let prefix = file.options?.swiftPrefix ?? SwiftNaming.packagePrefix(package)
            let scope = package.isEmpty ? "" : "." + package
            for message in file.messageType {
                addMessage(message, scope: scope, swiftParent: nil, prefix: prefix, file: file)
            }
            for enumeration in file.enumType {
                let fullName = scope + "." + (enumeration.name ?? "")
                types[fullName] = TypeSymbol(
                    fullName: fullName, swiftName: prefix + SwiftNaming.upperCamelKeepingCase(enumeration.name ?? ""),
                    kind: .enumeration(enumeration), file: file)
            }
        }
        computeBoxedFields()
        computeInitChecks()
        validation = ValidationPlan(symbols: self)
    }

    private mutating func addMessage(
        _ message: MessageProto, scope: String, swiftParent: String?, prefix: String, file: FileProto
    ) {
        let name = message.name ?? ""
        let fullName = scope + "." + name
        let swiftName: String
        if let swiftParent {
            swiftName = swiftParent + "." + SwiftNaming.nestedTypeName(name, isEnum: false)
        } else {
            swiftName = prefix + SwiftNaming.upperCamelKeepingCase(name)
        }
        types[fullName] = TypeSymbol(fullName: fullName, swiftName: swiftName, kind: .message(message), file: file)
        for nested in message.nestedType {
            addMessage(nested, scope: fullName, swiftParent: swiftName, prefix: prefix, file: file)
        }
        for enumeration in message.enumType {
            let enumFullName = fullName + "." + (enumeration.name ?? "")
            types[enumFullName] = TypeSymbol(
                fullName: enumFullName,
                swiftName: swiftName + "." + SwiftNaming.nestedTypeName(enumeration.name ?? "", isEnum: true),
                kind: .enumeration(enumeration), file: file)
        }
    }

    subscript(fullName: String) -> TypeSymbol? { types[fullName] }

    /// The Swift name to write for a type, qualified by its module when that is not the one being generated.
    func qualifiedName(_ fullName: String) -> String {
        guard let symbol = types[fullName] else { return "_Unresolved_" + fullName }
        if let module = options.module(of: symbol.file.name ?? "") { return module + "." + symbol.swiftName }
        return symbol.swiftName
    }

    // MARK: Cycles

    /// Singular message fields whose type can reach the containing message through other
    /// singular message fields must be boxed, or the struct would contain itself.
    private mutating func computeBoxedFields() {
        var edges: [String: [(field: Int32, target: String)]] = [:]
        for (name, symbol) in types {
            guard let message = symbol.message else { continue }
            for field in message.field where field.label != .repeated {
                guard field.type == .message || field.type == .group, let target = field.typeName else { continue }
                edges[name, default: []].append((field.number ?? 0, target))
            }
        }
        // A field is on a cycle when its target reaches its owner.
        var reachCache: [String: Set<String>] = [:]
        func reachable(from start: String) -> Set<String> {
            if let cached = reachCache[start] { return cached }
            var seen: Set<String> = []
            var stack = [start]
            while let next = stack.popLast() {
                for edge in edges[next] ?? [] where seen.insert(edge.target).inserted { stack.append(edge.target) }
            }
            reachCache[start] = seen
            return seen
        }
        for (owner, ownerEdges) in edges {
            for edge in ownerEdges where edge.target == owner || reachable(from: edge.target).contains(owner) {
                boxedFields.insert("\(owner)#\(edge.field)")
            }
        }
    }

    func isBoxed(message fullName: String, field: FieldProto) -> Bool {
        boxedFields.contains("\(fullName)#\(field.number ?? 0)")
    }

    // MARK: Required fields

    private mutating func computeInitChecks() {
        // Fixed point: a message needs a check if it has required fields, or a message field
        // (singular, repeated, map value) whose type needs one.
        var changed = true
        while changed {
            changed = false
            for (name, symbol) in types where !needsInitCheck.contains(name) {
                guard let message = symbol.message else { continue }
                let needs = message.field.contains { field in
                    if field.label == .required { return true }
                    guard let target = field.typeName, field.type == .message || field.type == .group else {
                        return false
                    }
                    return needsInitCheck.contains(target)
                }
                if needs {
                    needsInitCheck.insert(name)
                    changed = true
                }
            }
        }
    }
}

extension SwiftNaming {
    /// Top-level type names keep their proto spelling (already UpperCamel by convention), with
    /// underscores removed only when the result stays unambiguous: `LineItem` stays, `line_item` → `LineItem`.
    static func upperCamelKeepingCase(_ name: String) -> String {
        if name.contains("_") || name.first?.isLowercase == true { return upperCamelPreservingInner(name) }
        return name
    }

    /// `line_item` → `LineItem`, `HTTPRule` stays `HTTPRule`.
    static func upperCamelPreservingInner(_ name: String) -> String {
        name.split(separator: "_").map { part in
            guard let first = part.first else { return "" }
            return first.uppercased() + part.dropFirst()
        }.joined()
    }
}
