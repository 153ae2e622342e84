internal import ProtoRuntime

/// The numeric rules of any of the twelve number types, with bounds as exact values and Swift
/// literals, so one compiler serves them all.
struct NumericRules {
    /// `int32`, `double`, …: the prefix of every rule id.
    var kind: String
    var isFloatingPoint: Bool
    var const: NumericLiteral?
    var lt: NumericLiteral?
    var lte: NumericLiteral?
    var gt: NumericLiteral?
    var gte: NumericLiteral?
    var `in`: [NumericLiteral] = []
    var notIn: [NumericLiteral] = []
    var finite = false
}

/// A bound or list value: its Swift literal and a value to compare bounds with at generation time.
struct NumericLiteral {
    enum Value: Comparable {
        case integer(Int128)
        case real(Double)
    }
    var swift: String
    var value: Value
    /// How protovalidate prints it in messages.
    var text: String

    init(_ value: some BinaryInteger) {
        self.swift = "\(value)"
        self.value = .integer(Int128(value))
        self.text = "\(value)"
    }

    init(_ value: Double, swiftType: String) {
        self.value = .real(value)
        if value.isNaN {
            swift = "\(swiftType).nan"
            text = "NaN"
        } else if value.isInfinite {
            swift = value < 0 ? "-\(swiftType).infinity" : "\(swiftType).infinity"
            text = value < 0 ? "-Infinity" : "Infinity"
        } else {
            swift = "\(swiftType)(\(value))"
            text = "\(value)"
        }
    }
}

/// What the twelve `buf.validate` numeric rule messages have in common: the generated types
/// already declare these members, so conforming them is all it takes.
protocol NumericRuleMessage {
    associatedtype Number
    var const: Number? { get }
    var lt: Number? { get }
    var lte: Number? { get }
    var gt: Number? { get }
    var gte: Number? { get }
    var `in`: [Number] { get }
    var notIn: [Number] { get }
}

extension Buf_Validate_FloatRules: NumericRuleMessage {}
extension Buf_Validate_DoubleRules: NumericRuleMessage {}
extension Buf_Validate_Int32Rules: NumericRuleMessage {}
extension Buf_Validate_Int64Rules: NumericRuleMessage {}
extension Buf_Validate_UInt32Rules: NumericRuleMessage {}
extension Buf_Validate_UInt64Rules: NumericRuleMessage {}
extension Buf_Validate_SInt32Rules: NumericRuleMessage {}
extension Buf_Validate_SInt64Rules: NumericRuleMessage {}
extension Buf_Validate_Fixed32Rules: NumericRuleMessage {}
extension Buf_Validate_Fixed64Rules: NumericRuleMessage {}
extension Buf_Validate_SFixed32Rules: NumericRuleMessage {}
extension Buf_Validate_SFixed64Rules: NumericRuleMessage {}

extension NumericRules {
    /// The rules of `r`, each value turned into a literal by `literal`.
    private init<R: NumericRuleMessage>(
        _ r: R, kind: String, isFloatingPoint: Bool, literal: (R.Number) -> NumericLiteral
    ) {
        self.init(kind: kind, isFloatingPoint: isFloatingPoint)
        const = r.const.map(literal)
        lt = r.lt.map(literal)
        lte = r.lte.map(literal)
        gt = r.gt.map(literal)
        gte = r.gte.map(literal)
        self.in = r.in.map(literal)
        notIn = r.notIn.map(literal)
    }

    init(_ r: Buf_Validate_FloatRules) {
        self.init(r, kind: "float", isFloatingPoint: true) { NumericLiteral(Double($0), swiftType: "Swift.Float") }
        finite = r.finite ?? false
    }

    init(_ r: Buf_Validate_DoubleRules) {
        self.init(r, kind: "double", isFloatingPoint: true) { NumericLiteral($0, swiftType: "Swift.Double") }
        finite = r.finite ?? false
    }

    init(_ r: Buf_Validate_Int32Rules) {
        self.init(r, kind: "int32", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_Int64Rules) {
        self.init(r, kind: "int64", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_UInt32Rules) {
        self.init(r, kind: "uint32", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_UInt64Rules) {
        self.init(r, kind: "uint64", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_SInt32Rules) {
        self.init(r, kind: "sint32", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_SInt64Rules) {
        self.init(r, kind: "sint64", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_Fixed32Rules) {
        self.init(r, kind: "fixed32", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_Fixed64Rules) {
        self.init(r, kind: "fixed64", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_SFixed32Rules) {
        self.init(r, kind: "sfixed32", isFloatingPoint: false, literal: NumericLiteral.init)
    }
    init(_ r: Buf_Validate_SFixed64Rules) {
        self.init(r, kind: "sfixed64", isFloatingPoint: false, literal: NumericLiteral.init)
    }
}
