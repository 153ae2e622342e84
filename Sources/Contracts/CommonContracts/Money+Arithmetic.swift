// CommonContracts: the Swift types generated from Protos/common/v1 (money, pagination) by the
// room619 build plugin, plus small conveniences on them.

/// Why two amounts cannot be combined.
public struct MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The currency codes involved.
    public var lhs: String, rhs: String
    public var description: String { "currency mismatch: \(lhs) and \(rhs)" }
}

extension Common_V1_Money {
    /// Zero in `currencyCode`.
    public static func zero(_ currencyCode: String) -> Common_V1_Money {
        Common_V1_Money(minorUnits: 0, currencyCode: currencyCode)
    }

    /// The sum of two amounts in the same currency.
    /// - Throws: ``MoneyError`` when the currencies differ; ``Swift/ArithmeticError``-free: overflow is reported too.
    public func adding(_ other: Common_V1_Money) throws(MoneyError) -> Common_V1_Money {
        guard currencyCode == other.currencyCode else { throw MoneyError(lhs: currencyCode, rhs: other.currencyCode) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw MoneyError(lhs: currencyCode, rhs: "overflow") }
        return Common_V1_Money(minorUnits: sum, currencyCode: currencyCode)
    }

    /// This amount times `quantity`, or `nil` on overflow.
    public func multiplied(by quantity: Int64) -> Common_V1_Money? {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: quantity)
        return overflow ? nil : Common_V1_Money(minorUnits: product, currencyCode: currencyCode)
    }
}
