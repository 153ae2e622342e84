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

extension NumericRules {
    init(_ r: Buf_Validate_FloatRules) {
        self.init(kind: "float", isFloatingPoint: true)
        const = r.const.map { NumericLiteral(Double($0), swiftType: "Swift.Float") }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(Double(v), swiftType: "Swift.Float")
        case .lte(let v)?: lte = NumericLiteral(Double(v), swiftType: "Swift.Float")
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(Double(v), swiftType: "Swift.Float")
        case .gte(let v)?: gte = NumericLiteral(Double(v), swiftType: "Swift.Float")
        case nil: break
        }
        self.in = r.in.map { NumericLiteral(Double($0), swiftType: "Swift.Float") }
        notIn = r.notIn.map { NumericLiteral(Double($0), swiftType: "Swift.Float") }
        finite = r.finite ?? false
    }

    init(_ r: Buf_Validate_DoubleRules) {
        self.init(kind: "double", isFloatingPoint: true)
        const = r.const.map { NumericLiteral(Double($0), swiftType: "Swift.Double") }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(Double(v), swiftType: "Swift.Double")
        case .lte(let v)?: lte = NumericLiteral(Double(v), swiftType: "Swift.Double")
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(Double(v), swiftType: "Swift.Double")
        case .gte(let v)?: gte = NumericLiteral(Double(v), swiftType: "Swift.Double")
        case nil: break
        }
        self.in = r.in.map { NumericLiteral(Double($0), swiftType: "Swift.Double") }
        notIn = r.notIn.map { NumericLiteral(Double($0), swiftType: "Swift.Double") }
        finite = r.finite ?? false
    }

    init(_ r: Buf_Validate_Int32Rules) {
        self.init(kind: "int32", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_Int64Rules) {
        self.init(kind: "int64", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_UInt32Rules) {
        self.init(kind: "uint32", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_UInt64Rules) {
        self.init(kind: "uint64", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_SInt32Rules) {
        self.init(kind: "sint32", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_SInt64Rules) {
        self.init(kind: "sint64", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_Fixed32Rules) {
        self.init(kind: "fixed32", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_Fixed64Rules) {
        self.init(kind: "fixed64", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_SFixed32Rules) {
        self.init(kind: "sfixed32", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

    init(_ r: Buf_Validate_SFixed64Rules) {
        self.init(kind: "sfixed64", isFloatingPoint: false)
        const = r.const.map { NumericLiteral($0) }
        switch r.lessThan {
        case .lt(let v)?: lt = NumericLiteral(v)
        case .lte(let v)?: lte = NumericLiteral(v)
        case nil: break
        }
        switch r.greaterThan {
        case .gt(let v)?: gt = NumericLiteral(v)
        case .gte(let v)?: gte = NumericLiteral(v)
        case nil: break
        }
        self.in = r.in.map { NumericLiteral($0) }
        notIn = r.notIn.map { NumericLiteral($0) }
    }

}
