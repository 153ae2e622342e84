/// CEL's macros: `has(a.f)`, and on lists (or a map's keys) `all`, `exists`, `exists_one`, `map`
/// (with or without a filter) and `filter`. A predicate that cannot fail compiles to the standard
/// library (`allSatisfy`, `contains(where:)`); one that can goes through `_CELRuntime`, which
/// gives `all` and `exists` CEL's error absorption.
extension CELEmitter {
    /// The macro's value, or `nil` when the call is not a macro.
    mutating func macro(
        _ targetNode: CELNode?, _ name: String, _ arguments: [CELNode], at node: CELNode
    )
        throws(CELCompileError) -> CELValue?
    {
        if targetNode == nil, name == "has" {
            guard arguments.count == 1 else { throw error(.syntax, "has() takes one argument", at: node) }
            return try has(arguments[0], at: node)
        }
        let arities: [String: ClosedRange<Int>] = [
            "all": 2...2, "exists": 2...2, "exists_one": 2...2, "map": 2...3, "filter": 2...2,
        ]
        guard let targetNode, let arity = arities[name], arity.contains(arguments.count) else { return nil }
        guard case .identifier(let variable) = arguments[0].kind else {
            throw error(.syntax, "\(name)() needs a variable name as its first argument", at: arguments[0])
        }
        let range = try emit(targetNode)
        let items: String
        let itemType: CELType
        let itemKind: CELValueKind?
        switch range.type {
        case .list(let item) where item != .dyn:
            (items, itemType, itemKind) = (range.swift, item, range.itemKind)
        case .map(let key, _):
            (items, itemType, itemKind) = ("\(range.swift).keys", key, range.keyKind)
        default:
            throw error(.noMatchingOverload, "\(name)() needs a list or a map, not \(range.type)", at: targetNode)
        }
        let parameter = "celV\(nextVariable)"
        nextVariable += 1
        scopes.append((variable, CELValue(itemType, itemKind?.canonical(parameter) ?? parameter)))
        defer { scopes.removeLast() }
        var bodies: [CELValue] = []
        for argument in arguments.dropFirst() { bodies.append(try emit(argument)) }
        let context = MacroContext(
            name: name, items: items, parameter: parameter, itemType: itemType, itemKind: itemKind,
            rangeThrows: range.canThrow)
        return try expand(context, bodies, arguments, at: node)
    }

    struct MacroContext {
        var name: String
        var items: String
        var parameter: String
        var itemType: CELType
        var itemKind: CELValueKind?
        var rangeThrows: Bool
    }

    private func expand(
        _ macro: MacroContext, _ bodies: [CELValue], _ arguments: [CELNode], at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let predicateCount = macro.name == "map" ? bodies.count - 1 : bodies.count
        for (body, argument) in zip(bodies.prefix(predicateCount), arguments.dropFirst()) where body.type != .bool {
            throw error(
                .noMatchingOverload, "the \(macro.name)() predicate must be bool, not \(body.type)", at: argument)
        }
        let throwing = bodies.contains { $0.canThrow }
        let canThrow = throwing || macro.rangeThrows
        let p = macro.parameter
        let runtime = "Validation._CELRuntime"
        let typed = "(\(p)) \(Self.throwsClause)"
        switch (macro.name, throwing) {
        case ("all", false):
            return CELValue(.bool, "\(macro.items).allSatisfy { \(p) in \(bodies[0].swift) }", canThrow: canThrow)
        case ("exists", false):
            return CELValue(.bool, "\(macro.items).contains { \(p) in \(bodies[0].swift) }", canThrow: canThrow)
        case ("all", true), ("exists", true), ("exists_one", true):
            let helper = macro.name == "exists_one" ? "existsOne" : macro.name
            return CELValue(
                .bool, "\(runtime).\(helper)(\(macro.items)) { \(typed) -> Swift.Bool in \(body(bodies[0])) }",
                canThrow: true)
        case ("exists_one", false):
            // `reduce` rather than `lazy.filter`: its closure does not escape, so `this` may be inout.
            return CELValue(
                .bool, "(\(macro.items).reduce(0) { count, \(p) in \(bodies[0].swift) ? count + 1 : count } == 1)",
                canThrow: canThrow)
        case ("filter", false):
            return CELValue(
                .list(macro.itemType), "\(macro.items).filter { \(p) in \(bodies[0].swift) }", canThrow: canThrow,
                itemKind: macro.itemKind)
        case ("filter", true):
            return CELValue(
                .list(macro.itemType),
                "\(runtime).filter(\(macro.items)) { \(typed) -> Swift.Bool in \(body(bodies[0])) }", canThrow: true,
                itemKind: macro.itemKind)
        default:
            return try mapMacro(macro, bodies, typed: typed, canThrow: canThrow, at: node)
        }
    }

    private func mapMacro(
        _ macro: MacroContext, _ bodies: [CELValue], typed: String, canThrow: Bool, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        guard let transform = bodies.last, let resultType = swiftType(transform.type) else {
            throw error(.unsupported, "map() to this type is not supported", at: node)
        }
        let transformed = try materialized(transform, at: node)
        let p = macro.parameter
        let runtime = "Validation._CELRuntime"
        if bodies.count == 2 {
            let filter = bodies[0]
            return CELValue(
                .list(transform.type),
                "\(runtime).map(\(macro.items), where: { \(typed) -> Swift.Bool in \(body(filter)) }) { \(typed) -> \(resultType) in \(body(transformed)) }",
                canThrow: true)
        }
        if !transform.canThrow {
            return CELValue(
                .list(transform.type), "\(macro.items).map { \(p) -> \(resultType) in \(transformed.swift) }",
                canThrow: canThrow)
        }
        return CELValue(
            .list(transform.type),
            "\(runtime).map(\(macro.items)) { \(typed) -> \(resultType) in \(body(transformed)) }",
            canThrow: true)
    }
}
