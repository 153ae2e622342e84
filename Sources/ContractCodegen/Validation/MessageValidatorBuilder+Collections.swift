internal import ProtoRuntime

extension MessageValidatorBuilder {
    /// Rules of a repeated field: CEL on the list, `min_items`, `max_items`, `unique`, then each
    /// item (at `field[index]`) against `items` and its own message rules.
    mutating func listRules(_ rules: Buf_Validate_FieldRules, field: FieldProto, property: String, site: Site) {
        let kind = ValueKind.of(field, symbols: symbols)
        celFieldRules(rules, this: CELThis(kind: kind.celKind, shape: .repeated, swift: property), site: site)
        var items = Buf_Validate_FieldRules()
        switch rules.type {
        case .repeated(let r)?:
            if let min = r.minItems, let max = r.maxItems, min > max {
                error(site, rule: "repeated.min_items", "min_items \(min) is greater than max_items \(max)")
            }
            if let min = r.minItems {
                check(
                    "\(property).count < \(min)", site, rule: "repeated.min_items",
                    message: "value must contain at least \(min) item(s)")
            }
            if let max = r.maxItems {
                check(
                    "\(property).count > \(max)", site, rule: "repeated.max_items",
                    message: "value must contain no more than \(max) item(s)")
            }
            if r.unique == true {
                switch kind {
                case .message, .duration, .timestamp, .any, .fieldMask, .wrapper:
                    error(site, rule: "repeated.unique", "applies to scalar and enum items only, not messages")
                default:
                    check(
                        "!Validation.StringRules.isUnique(\(property))", site, rule: "repeated.unique",
                        message: "repeated value must contain unique items")
                }
            }
            predefinedRules(
                .repeated(r), this: CELThis(kind: kind.celKind, shape: .repeated, swift: property), site: site)
            items = r.items ?? Buf_Validate_FieldRules()
        case nil:
            break
        case let other?:
            error(site, rule: Self.caseName(other), "does not apply to a repeated field", fix: "use repeated.items")
        }
        let nested: Bool
        if case .message(_, let fullName) = kind { nested = plan.validated.contains(fullName) } else { nested = false }
        guard items != Buf_Validate_FieldRules() || nested, items.ignore != .always else { return }
        let name = SwiftNaming.stringLiteral(site.field ?? "")
        // Items are read in place (`property[index]`), and the path is entered and left without
        // a closure: no item is copied, which keeps validation cheaper than decoding.
        emit("context.enter(.field(\(name)))")
        block("for index in \(property).indices") { builder in
            builder.emit("context.enter(.index(index))")
            builder.elementRules(
                items, kind: kind, value: "\(property)[index]",
                site: Site(field: nil, description: "\(site.description)[]"))
            builder.emit("context.leave()")
        }
        emit("context.leave()")
    }

    /// Rules of a map field: CEL on the map, `min_pairs`, `max_pairs`, then each entry in key
    /// order (at `field[key]`): the key against `keys`, the value against `values`.
    mutating func mapRules(
        _ rules: Buf_Validate_FieldRules, key: FieldProto, value: FieldProto, property: String, site: Site
    ) {
        let keyKind = ValueKind.of(key, symbols: symbols)
        let valueKind = ValueKind.of(value, symbols: symbols)
        celFieldRules(
            rules, this: CELThis(kind: valueKind.celKind, shape: .map(key: keyKind.celKind), swift: property),
            site: site)
        var keyRules = Buf_Validate_FieldRules()
        var valueRules = Buf_Validate_FieldRules()
        switch rules.type {
        case .map(let r)?:
            if let min = r.minPairs, let max = r.maxPairs, min > max {
                error(site, rule: "map.min_pairs", "min_pairs \(min) is greater than max_pairs \(max)")
            }
            if let min = r.minPairs {
                check(
                    "\(property).count < \(min)", site, rule: "map.min_pairs",
                    message: "map must be at least \(min) entries")
            }
            if let max = r.maxPairs {
                check(
                    "\(property).count > \(max)", site, rule: "map.max_pairs",
                    message: "map must be at most \(max) entries")
            }
            predefinedRules(
                .map(r), this: CELThis(kind: valueKind.celKind, shape: .map(key: keyKind.celKind), swift: property),
                site: site)
            keyRules = r.keys ?? Buf_Validate_FieldRules()
            valueRules = r.values ?? Buf_Validate_FieldRules()
        case nil:
            break
        case let other?:
            error(site, rule: Self.caseName(other), "does not apply to a map field", fix: "use map.keys / map.values")
        }
        var nested = false
        if case .message(_, let fullName) = valueKind { nested = plan.validated.contains(fullName) }
        let checksKeys = keyRules != Buf_Validate_FieldRules() && keyRules.ignore != .always
        let checksValues = (valueRules != Buf_Validate_FieldRules() || nested) && valueRules.ignore != .always
        guard checksKeys || checksValues else { return }
        let element: String
        switch key.type {
        case .string: element = ".stringKey(key)"
        case .bool: element = ".boolKey(key)"
        case .uint32, .uint64, .fixed32, .fixed64: element = ".uintKey(Swift.UInt64(key))"
        default: element = ".intKey(Swift.Int64(key))"
        }
        // Entries are checked in key order, so violations come out in the same order every time:
        // numbers by value, false before true, strings by their UTF-8 bytes (Swift's `<` on
        // strings would compare canonical equivalents as equal).
        let order: String
        switch key.type {
        case .bool: order = "{ !$0.key && $1.key }"
        case .string: order = "{ $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }"
        default: order = "{ $0.key < $1.key }"
        }
        let name = SwiftNaming.stringLiteral(site.field ?? "")
        emit("context.enter(.field(\(name)))")
        block("for (key, \(checksValues ? "entry" : "_")) in \(property).sorted(by: \(order))") { builder in
            builder.emit("context.enter(\(element))")
            let inner = Site(field: nil, description: "\(site.description)[]")
            if checksKeys {
                builder.elementRules(
                    keyRules, kind: keyKind, value: "key",
                    site: Site(field: nil, isForKey: true, description: inner.description + " key"))
            }
            if checksValues { builder.elementRules(valueRules, kind: valueKind, value: "entry", site: inner) }
            builder.emit("context.leave()")
        }
        emit("context.leave()")
    }

    /// A list item's or map entry's rules, honouring their `ignore`.
    mutating func elementRules(_ rules: Buf_Validate_FieldRules, kind: ValueKind, value: String, site: Site) {
        if rules.ignore == .ifZeroValue, let zero = kind.isZero(value) {
            block("if !(\(zero))") { $0.valueRules(rules, kind: kind, value: value, site: site) }
        } else {
            valueRules(rules, kind: kind, value: value, site: site)
        }
    }
}
