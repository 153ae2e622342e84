internal import ProtoRuntime

/// Which messages get a generated validator: those with `buf.validate` rules of their own, and
/// those that contain (through a field, a list or a map value) a message that has one, so a check
/// of the outer message reaches every rule below it.
struct ValidationPlan {
    /// Full names (`.shop.v1.Order`) of the messages that conform to `ValidatableMessage`.
    private(set) var validated: Set<String> = []
    /// The predefined rules the request's files declare.
    private(set) var predefined = PredefinedRules(files: [])

    /// A plan that validates nothing.
    init() {}

    init(symbols: SymbolTable) {
        var files: [String: FileProto] = [:]
        for symbol in symbols.types.values { files[symbol.file.name ?? ""] = symbol.file }
        predefined = PredefinedRules(files: files.keys.sorted().compactMap { files[$0] })
        var messages: [(name: String, message: MessageProto)] = []
        for (name, symbol) in symbols.types {
            guard let message = symbol.message, !symbol.isMapEntry else { continue }
            messages.append((name, message))
            if Self.hasOwnRules(message) { validated.insert(name) }
        }
        // Grow to a fixed point: a message whose field leads to a validated message is validated.
        var changed = true
        while changed {
            changed = false
            for (name, message) in messages where !validated.contains(name) {
                if message.field.contains(where: { reachesValidated($0, symbols: symbols) }) {
                    validated.insert(name)
                    changed = true
                }
            }
        }
    }

    /// True when `field` holds (directly, as list items or as map values) a validated message.
    func reachesValidated(_ field: FieldProto, symbols: SymbolTable) -> Bool {
        guard field.type == .message || field.type == .group, let typeName = field.typeName else { return false }
        if let entry = symbols[typeName], entry.isMapEntry {
            let value = entry.message?.field.first { $0.number == 2 }
            guard let value, value.type == .message, let valueType = value.typeName else { return false }
            return validated.contains(valueType)
        }
        return validated.contains(typeName)
    }

    /// Rules on the message itself, on one of its oneofs, or on one of its fields.
    static func hasOwnRules(_ message: MessageProto) -> Bool {
        if let rules = messageRules(message),
            !rules.cel.isEmpty || !rules.celExpression.isEmpty || !rules.oneof.isEmpty
        {
            return true
        }
        if message.oneofDecl.contains(where: { oneofRules($0)?.required == true }) { return true }
        return message.field.contains { fieldRules($0) != nil }
    }

    /// `(buf.validate.field)` of a field, when it says anything.
    static func fieldRules(_ field: FieldProto) -> Buf_Validate_FieldRules? {
        guard let rules = field.options?[extension: Buf_Validate_Validate_Extensions.field] else { return nil }
        return rules == Buf_Validate_FieldRules() ? nil : rules
    }

    /// `(buf.validate.message)` of a message.
    static func messageRules(_ message: MessageProto) -> Buf_Validate_MessageRules? {
        message.options?[extension: Buf_Validate_Validate_Extensions.message]
    }

    /// `(buf.validate.oneof)` of a oneof.
    static func oneofRules(_ oneof: Google_Protobuf_OneofDescriptorProto) -> Buf_Validate_OneofRules? {
        oneof.options?[extension: Buf_Validate_Validate_Extensions.oneof]
    }
}
