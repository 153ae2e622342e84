internal import ProtoRuntime

extension MessageValidatorBuilder {
    /// Duration rules: `const`, the range, `in`, `not_in`; values compare as (seconds, nanos).
    mutating func durationRules(_ r: Buf_Validate_DurationRules, _ value: String, _ site: Site) {
        let pair = "Validation.TimeRules.nanos(\(value))"
        if let expected = r.const {
            check(
                "\(pair) != \(Self.pair(expected))", site, rule: "duration.const",
                message: "value must equal \(Self.text(expected))")
        }
        var lower: (Google_Protobuf_Duration, Bool)?
        var upper: (Google_Protobuf_Duration, Bool)?
        switch r.greaterThan {
        case .gt(let v)?: lower = (v, false)
        case .gte(let v)?: lower = (v, true)
        case nil: break
        }
        switch r.lessThan {
        case .lt(let v)?: upper = (v, false)
        case .lte(let v)?: upper = (v, true)
        case nil: break
        }
        rangeRules(
            kind: "duration", lower: Self.bound(lower), upper: Self.bound(upper), isIntegral: true, value: pair,
            site: site, render: { $0.swift })
        timeLists(
            kind: "duration", in: r.in.map { (Self.pair($0), Self.text($0)) },
            notIn: r.notIn.map { (Self.pair($0), Self.text($0)) }, pair: pair, site: site)
    }

    /// Timestamp rules: `const`, the range (or `lt_now`/`gt_now`), `within`.
    mutating func timestampRules(_ r: Buf_Validate_TimestampRules, _ value: String, _ site: Site) {
        let pair = "Validation.TimeRules.nanos(\(value))"
        if let expected = r.const {
            check(
                "\(pair) != \(Self.pair(expected))", site, rule: "timestamp.const",
                message: "value must equal \(Self.text(expected))")
        }
        var lower: (Google_Protobuf_Duration, Bool)?
        var upper: (Google_Protobuf_Duration, Bool)?
        var usesNow = false
        switch r.greaterThan {
        case .gt(let v)?: lower = (Self.asDuration(v), false)
        case .gte(let v)?: lower = (Self.asDuration(v), true)
        case .gtNow(let on)?: usesNow = on
        case nil: break
        }
        switch r.lessThan {
        case .lt(let v)?: upper = (Self.asDuration(v), false)
        case .lte(let v)?: upper = (Self.asDuration(v), true)
        case .ltNow(let on)?: usesNow = usesNow || on
        case nil: break
        }
        rangeRules(
            kind: "timestamp", lower: Self.bound(lower), upper: Self.bound(upper), isIntegral: true, value: pair,
            site: site,
            render: { $0.swift })
        guard usesNow || r.within != nil else { return }
        let now = uniqueName("now")
        emit("let \(now) = context.now")
        let nowPair = "Validation.TimeRules.nanos(\(now))"
        if case .ltNow(true)? = r.lessThan {
            check("!(\(pair) < \(nowPair))", site, rule: "timestamp.lt_now", message: "value must be less than now")
        }
        if case .gtNow(true)? = r.greaterThan {
            check("!(\(pair) > \(nowPair))", site, rule: "timestamp.gt_now", message: "value must be greater than now")
        }
        if let within = r.within {
            if within.seconds < 0 || within.nanos < 0 || (within.seconds == 0 && within.nanos == 0) {
                error(site, rule: "timestamp.within", "within must be a positive duration")
            }
            check(
                "!Validation.TimeRules.isWithin(\(value), \(Self.pair(within)), of: \(now))", site,
                rule: "timestamp.within",
                message: "value must be within \(Self.text(within)) of now")
        }
    }

    /// `google.protobuf.Any` rules on the type URL.
    mutating func anyRules(_ r: Buf_Validate_AnyRules, _ value: String, _ site: Site) {
        if !r.in.isEmpty {
            check(
                "!Validation.StringRules.isIn(\(value).typeURL, [\(r.in.map(SwiftNaming.stringLiteral).joined(separator: ", "))])",
                site, rule: "any.in", message: "type URL must be in the allow list")
        }
        if !r.notIn.isEmpty {
            check(
                "Validation.StringRules.isIn(\(value).typeURL, [\(r.notIn.map(SwiftNaming.stringLiteral).joined(separator: ", "))])",
                site, rule: "any.not_in", message: "type URL must not be in the block list")
        }
    }

    private mutating func timeLists(
        kind: String, in list: [(String, String)], notIn: [(String, String)], pair: String, site: Site
    ) {
        if !list.isEmpty {
            check(
                "![\(list.map(\.0).joined(separator: ", "))].contains(\(pair))", site,
                rule: "\(kind).in",
                message: "value must be in list [\(list.map(\.1).joined(separator: ", "))]")
        }
        if !notIn.isEmpty {
            check(
                "[\(notIn.map(\.0).joined(separator: ", "))].contains(\(pair))", site,
                rule: "\(kind).not_in",
                message: "value must not be in list [\(notIn.map(\.1).joined(separator: ", "))]")
        }
    }

    /// A duration or timestamp bound as an ordered literal: total nanoseconds, both in Swift and
    /// to compare bounds with at generation time.
    static func bound(_ value: (Google_Protobuf_Duration, Bool)?) -> (NumericLiteral, inclusive: Bool)? {
        guard let (duration, inclusive) = value else { return nil }
        var literal = NumericLiteral(Int128(duration.seconds) * 1_000_000_000 + Int128(duration.nanos))
        literal.swift = pair(duration)
        literal.text = text(duration)
        return (literal, inclusive)
    }

    static func asDuration(_ timestamp: Google_Protobuf_Timestamp) -> Google_Protobuf_Duration {
        Google_Protobuf_Duration(seconds: timestamp.seconds, nanos: timestamp.nanos)
    }

    /// The total nanoseconds of a bound, as an `Int128` literal (values compare by total, so an
    /// unnormalized `{seconds: 9, nanos: 2000000000}` is 11 s, as in protovalidate).
    static func pair(_ value: Google_Protobuf_Duration) -> String {
        "(\(Int128(value.seconds) * 1_000_000_000 + Int128(value.nanos)) as Swift.Int128)"
    }

    static func pair(_ value: Google_Protobuf_Timestamp) -> String {
        pair(Google_Protobuf_Duration(seconds: value.seconds, nanos: value.nanos))
    }
    static func text(_ value: Google_Protobuf_Duration) -> String {
        value.nanos == 0 ? "\(value.seconds)s" : "\(value.seconds).\(String(format9(value.nanos)))s"
    }
    static func text(_ value: Google_Protobuf_Timestamp) -> String { "\(value.seconds)s since the epoch" }
    private static func format9(_ nanos: Int32) -> String {
        let digits = String(abs(nanos))
        return String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }
}
