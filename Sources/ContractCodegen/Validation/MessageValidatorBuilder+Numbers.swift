extension MessageValidatorBuilder {
    /// `const`, the range (`gt`/`gte` with `lt`/`lte`, exclusive when the lower bound is above the
    /// upper), `in`, `not_in` and `finite`, in that order. NaN fails every range, as in
    /// protovalidate; the range's rule id names both bounds (`int32.gt_lte`).
    mutating func numberRules(_ rules: NumericRules, _ value: String, _ site: Site) {
        let kind = rules.kind
        if let expected = rules.const {
            check(
                "\(value) != \(expected.swift)", site, rule: "\(kind).const",
                message: "value must equal \(expected.text)")
        }
        rangeRules(
            kind: kind, lower: rules.gt.map { ($0, false) } ?? rules.gte.map { ($0, true) },
            upper: rules.lt.map { ($0, false) } ?? rules.lte.map { ($0, true) }, isIntegral: !rules.isFloatingPoint,
            isFloatingPoint: rules.isFloatingPoint, value: value, site: site, render: { $0.swift })
        if !rules.in.isEmpty {
            let list = rules.in.map(\.swift).joined(separator: ", ")
            check(
                "![\(list)].contains(\(value))", site, rule: "\(kind).in",
                message: "value must be in list [\(rules.in.map(\.text).joined(separator: ", "))]")
        }
        if !rules.notIn.isEmpty {
            let list = rules.notIn.map(\.swift).joined(separator: ", ")
            check(
                "[\(list)].contains(\(value))", site, rule: "\(kind).not_in",
                message: "value must not be in list [\(rules.notIn.map(\.text).joined(separator: ", "))]")
        }
        if rules.finite {
            check("!\(value).isFinite", site, rule: "\(kind).finite", message: "value must be finite")
        }
    }

    /// A range check over any ordered kind; `render` writes a bound as a Swift expression that
    /// compares with `value`. Written as the failing condition, protovalidate's way: a value
    /// fails `gt: G` when it is NaN or `<= G` (so with a NaN bound only NaN values fail), and an
    /// exclusive range (`gt: 10, lt: 5`) when it is NaN or fails both bounds.
    mutating func rangeRules(
        kind: String, lower: (NumericLiteral, inclusive: Bool)?, upper: (NumericLiteral, inclusive: Bool)?,
        isIntegral: Bool, isFloatingPoint: Bool = false, value: String, site: Site, render: (NumericLiteral) -> String
    ) {
        let lowerName = lower.map { $0.inclusive ? "gte" : "gt" } ?? ""
        let upperName = upper.map { $0.inclusive ? "lte" : "lt" } ?? ""
        let phrase: [String: String] = [
            "gt": "greater than", "gte": "greater than or equal to", "lt": "less than",
            "lte": "less than or equal to",
        ]
        let nan = isFloatingPoint ? "\(value).isNaN || " : ""
        let lowerFails = lower.map { "\(value) \($0.inclusive ? "<" : "<=") \(render($0.0))" }
        let upperFails = upper.map { "\(value) \($0.inclusive ? ">" : ">=") \(render($0.0))" }
        let lowerText = lower.map { "\(phrase[lowerName] ?? "") \($0.0.text)" } ?? ""
        let upperText = upper.map { "\(phrase[upperName] ?? "") \($0.0.text)" } ?? ""
        switch (lower, upper, lowerFails, upperFails) {
        case (_?, nil, let fails?, _):
            check(nan + fails, site, rule: "\(kind).\(lowerName)", message: "value must be \(lowerText)")
        case (nil, _?, _, let fails?):
            check(nan + fails, site, rule: "\(kind).\(upperName)", message: "value must be \(upperText)")
        case (let low?, let high?, let lowFails?, let highFails?):
            let rule = "\(kind).\(lowerName)_\(upperName)"
            if Self.isExclusive(low: low, high: high) {
                check(
                    nan + "(\(lowFails) && \(highFails))", site, rule: rule + "_exclusive",
                    message: "value must be \(lowerText) or \(upperText)")
            } else {
                if Self.isEmpty(low: low, high: high, isIntegral: isIntegral) {
                    error(
                        site, rule: rule, "the range \(lowerText) and \(upperText) is empty: no value passes",
                        fix: "widen the bounds")
                }
                check(
                    nan + "\(lowFails) || \(highFails)", site, rule: rule,
                    message: "value must be \(lowerText) and \(upperText)")
            }
        default:
            return
        }
    }

    /// protovalidate treats a range as exclusive (the value must lie outside it) when its upper
    /// bound is below its lower bound.
    static func isExclusive(low: (NumericLiteral, inclusive: Bool), high: (NumericLiteral, inclusive: Bool)) -> Bool {
        high.0.value < low.0.value
    }

    /// True when no value lies in the (non-exclusive) range.
    static func isEmpty(
        low: (NumericLiteral, inclusive: Bool), high: (NumericLiteral, inclusive: Bool), isIntegral: Bool
    ) -> Bool {
        if low.0.value == high.0.value { return !(low.inclusive && high.inclusive) }
        if isIntegral, case .integer(let l) = low.0.value, case .integer(let h) = high.0.value {
            let first = low.inclusive ? l : l + 1
            let last = high.inclusive ? h : h - 1
            return first > last
        }
        return false
    }
}
