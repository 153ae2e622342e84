internal import ProtoRuntime

/// What a field's `buf.validate` rules say in JSON Schema: keywords for what JSON Schema can
/// state exactly, and notes (for the `description`) for what it cannot (byte lengths, time
/// rules relative to now, CEL).
struct RuleSchema {
    /// Keywords added to the value's schema (`minLength`, `pattern`, `exclusiveMinimum` …).
    var keywords: [String: JSONValue] = [:]
    /// Sentences for the description.
    var notes: [String] = []

    /// Adds `other`'s keywords (a second `pattern` goes into `allOf`) and notes.
    mutating func merge(_ other: RuleSchema) {
        for (key, value) in other.keywords { add(key, value) }
        notes += other.notes
    }

    /// Sets a keyword; a second `pattern` or `anyOf` joins the first under `allOf`, so both hold.
    mutating func add(_ key: String, _ value: JSONValue) {
        guard let existing = keywords[key], existing != value else {
            keywords[key] = value
            return
        }
        if key == "pattern" || key == "anyOf" || key == "not" {
            var all: [JSONValue] = []
            if case .array(let items)? = keywords["allOf"] { all = items }
            all.append([key: value])
            keywords["allOf"] = .array(all)
        } else {
            keywords[key] = value
        }
    }
}

/// Builds the ``RuleSchema`` of a field's rules.
enum RuleSchemas {
    /// The keywords and notes of the rules on one value (a singular field, a list item, a map
    /// key or value). Rules on lists and maps themselves are ``collectionRules(_:)``.
    ///
    /// - Parameters:
    ///   - rules: the field's rules.
    ///   - type: the value's protobuf type.
    ///   - enumValues: the enum's values (name and number) when `type` is an enum.
    static func valueRules(
        _ rules: Buf_Validate_FieldRules, type: FieldProto.TypeEnum, enumValues: [(String, Int32)] = []
    ) -> RuleSchema {
        var schema = RuleSchema()
        guard rules.ignore != .always else { return schema }
        let stringEncoded = ScalarSchemas.isStringEncodedInteger(type)
        switch rules.type {
        case .float(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .double(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .int32(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .int64(let r)?: schema = numberRules(NumericRules(r), stringEncoded: stringEncoded)
        case .uint32(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .uint64(let r)?: schema = numberRules(NumericRules(r), stringEncoded: stringEncoded)
        case .sint32(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .sint64(let r)?: schema = numberRules(NumericRules(r), stringEncoded: stringEncoded)
        case .fixed32(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .fixed64(let r)?: schema = numberRules(NumericRules(r), stringEncoded: stringEncoded)
        case .sfixed32(let r)?: schema = numberRules(NumericRules(r), stringEncoded: false)
        case .sfixed64(let r)?: schema = numberRules(NumericRules(r), stringEncoded: stringEncoded)
        case .bool(let r)?: if let value = r.const { schema.add("const", .bool(value)) }
        case .string(let r)?: schema = stringRules(r)
        case .bytes(let r)?: schema = bytesRules(r)
        case .enum(let r)?: schema = enumRules(r, values: enumValues)
        case .timestamp(let r)?: schema.notes = timestampNotes(r)
        case .duration(let r)?: schema.notes = durationNotes(r)
        case .any(let r)?:
            if !r.in.isEmpty { schema.notes.append("`@type` must be one of \(codeList(r.in)).") }
            if !r.notIn.isEmpty { schema.notes.append("`@type` must not be one of \(codeList(r.notIn)).") }
        case .fieldMask?: schema.notes.append("Validated by `field_mask` rules.")
        case .repeated?, .map?, nil: break
        }
        schema.notes += celNotes(rules)
        return ignoringZero(schema, rules: rules, zero: ScalarSchemas.zeroValue(for: type))
    }

    /// Rules on a list (`min_items`, `max_items`, `unique`) or a map (`min_pairs`, `max_pairs`).
    static func collectionRules(_ rules: Buf_Validate_FieldRules) -> RuleSchema {
        var schema = RuleSchema()
        guard rules.ignore != .always else { return schema }
        switch rules.type {
        case .repeated(let r)?:
            if let value = r.minItems { schema.add("minItems", integer(value)) }
            if let value = r.maxItems { schema.add("maxItems", integer(value)) }
            if r.unique == true { schema.add("uniqueItems", true) }
            schema = ignoringZero(schema, rules: rules, zero: [])
        case .map(let r)?:
            if let value = r.minPairs { schema.add("minProperties", integer(value)) }
            if let value = r.maxPairs { schema.add("maxProperties", integer(value)) }
            schema = ignoringZero(schema, rules: rules, zero: [:])
        default: break
        }
        schema.notes += celNotes(rules)
        return schema
    }

    /// With `IGNORE_IF_ZERO_VALUE` the zero value passes whatever the other rules say.
    private static func ignoringZero(
        _ schema: RuleSchema, rules: Buf_Validate_FieldRules, zero: JSONValue?
    )
        -> RuleSchema
    {
        guard rules.ignore == .ifZeroValue, !schema.keywords.isEmpty, let zero else { return schema }
        var wrapped = RuleSchema(notes: schema.notes)
        wrapped.add("anyOf", [["const": zero], .object(schema.keywords)])
        return wrapped
    }

    /// `const`, the range (exclusive when the lower bound is above the upper, as protovalidate
    /// reads it), `in` and `not_in`. On 64-bit integers, which are JSON strings, the range is a
    /// note (JSON Schema's numeric keywords do not apply to strings).
    static func numberRules(_ rules: NumericRules, stringEncoded: Bool) -> RuleSchema {
        var schema = RuleSchema()
        let value: (NumericLiteral) -> JSONValue = { stringEncoded ? .string($0.text) : number($0) }
        if let constant = rules.const { schema.add("const", value(constant)) }
        let lower =
            rules.gt.map { ("exclusiveMinimum", $0, "greater than") }
            ?? rules.gte.map { ("minimum", $0, "at least") }
        let upper =
            rules.lt.map { ("exclusiveMaximum", $0, "less than") }
            ?? rules.lte.map { ("maximum", $0, "at most") }
        if stringEncoded {
            let words = [lower, upper].compactMap { $0.map { "\($0.2) \($0.1.text)" } }
            if !words.isEmpty { schema.notes.append("Must be \(words.joined(separator: " and ")).") }
        } else if let lower, let upper, lower.1.value > upper.1.value {
            schema.add("anyOf", [[lower.0: number(lower.1)], [upper.0: number(upper.1)]])
        } else {
            if let lower { schema.add(lower.0, number(lower.1)) }
            if let upper { schema.add(upper.0, number(upper.1)) }
        }
        if !rules.in.isEmpty { schema.add("enum", .array(rules.in.map(value))) }
        if !rules.notIn.isEmpty { schema.add("not", ["enum": .array(rules.notIn.map(value))]) }
        return schema
    }

    /// Whether float rules exclude NaN and the infinities (`finite`, or any bound: NaN fails
    /// every bound), so the field is documented as a plain number.
    static func excludesNonFinite(_ rules: Buf_Validate_FieldRules?) -> Bool {
        guard let rules, rules.ignore != .always else { return false }
        let numeric: NumericRules
        switch rules.type {
        case .float(let r)?: numeric = NumericRules(r)
        case .double(let r)?: numeric = NumericRules(r)
        default: return false
        }
        return numeric.finite || numeric.gt != nil || numeric.gte != nil || numeric.lt != nil || numeric.lte != nil
            || numeric.const != nil || !numeric.in.isEmpty
    }

    /// Enum rules on the values' numbers, stated with their names.
    static func enumRules(_ rules: Buf_Validate_EnumRules, values: [(String, Int32)]) -> RuleSchema {
        var schema = RuleSchema()
        var allowed = values
        if let constant = rules.const { allowed = allowed.filter { $0.1 == constant } }
        if !rules.in.isEmpty { allowed = allowed.filter { rules.in.contains($0.1) } }
        if !rules.notIn.isEmpty { allowed = allowed.filter { !rules.notIn.contains($0.1) } }
        if allowed.count != values.count { schema.add("enum", .array(allowed.map { .string($0.0) })) }
        return schema
    }

    /// A numeric bound as a JSON number.
    static func number(_ literal: NumericLiteral) -> JSONValue {
        switch literal.value {
        case .integer(let value): Int64(exactly: value).map { .integer($0) } ?? .number(Double(value))
        case .real(let value): .number(value)
        }
    }

    static func integer(_ value: UInt64) -> JSONValue { .integer(Int64(clamping: value)) }

    /// `a`, `b`, `c` in code spans.
    static func codeList(_ items: [String]) -> String { items.map { "`\($0)`" }.joined(separator: ", ") }

    /// The field's CEL rules, by id and message (or expression).
    static func celNotes(_ rules: Buf_Validate_FieldRules) -> [String] {
        rules.cel.map { rule in
            let text = rule.message.flatMap { $0.isEmpty ? nil : $0 } ?? rule.expression ?? ""
            return "Rule `\(rule.id ?? "cel")`: \(text)."
        } + rules.celExpression.map { "Rule: `\($0)`." }
    }
}
