// CommonContracts: the Swift types generated from Protos/common/v1 (money, pagination) by the
// room619 build plugin, plus small conveniences on them.

public import GoogleContracts
public import ProtoRuntime

/// Why two amounts cannot be combined.
///
/// A handler that lets one escape ends its call with the status the error declares
/// (``RPCStatusDeclaring``), with a `google.rpc.ErrorInfo` detail (domain `money.room619`,
/// reason `CURRENCY_MISMATCH` or `AMOUNT_OVERFLOW`, metadata `currency` and `otherCurrency`):
/// - a currency mismatch is `INVALID_ARGUMENT`: amounts in two currencies never add up, whatever
///   the state of the system. A service whose mismatch comes from its own stored data (a cart kept
///   in another currency) rather than from the request should catch the error and throw
///   `FAILED_PRECONDITION` instead;
/// - an overflow is `OUT_OF_RANGE`: the result lies past what an amount can hold (`Int64` minor
///   units), the status gRPC keeps for values past a valid range.
public struct MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable { case currencyMismatch, overflow }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The amounts are in different currencies.
        public static let currencyMismatch = Code(.currencyMismatch)
        /// The result does not fit in `Int64` minor units.
        public static let overflow = Code(.overflow)

        /// The `google.rpc.ErrorInfo` reason: `CURRENCY_MISMATCH`.
        public var reason: String {
            switch value {
            case .currencyMismatch: "CURRENCY_MISMATCH"
            case .overflow: "AMOUNT_OVERFLOW"
            }
        }

        public var description: String {
            switch value {
            case .currencyMismatch: "currency mismatch"
            case .overflow: "overflow"
            }
        }
    }

    /// The `google.rpc.ErrorInfo` domain of money errors.
    public static let errorDomain = "money.room619"

    /// What kind of problem this is.
    public var code: Code
    /// The currency codes involved (the same one twice for an overflow).
    public var lhs: String, rhs: String

    /// An error.
    public init(_ code: Code, lhs: String, rhs: String) {
        self.code = code
        self.lhs = lhs
        self.rhs = rhs
    }

    /// A sentence naming the currencies.
    public var message: String {
        code == .currencyMismatch
            ? "cannot combine amounts in \(lhs) and \(rhs)" : "the sum of two \(lhs) amounts does not fit in an amount"
    }

    /// `currency mismatch: "cannot combine amounts in EUR and USD"`.
    public var description: String { "\(code): \"\(message)\"" }
}

extension MoneyError: RPCStatusDeclaring {
    public var statusCode: Google_Rpc_Code { code == .currencyMismatch ? .invalidArgument : .outOfRange }
    public var statusMessage: String { message }
    public var statusDetails: [any Message] {
        [
            Google_Rpc_ErrorInfo(
                reason: code.reason, domain: Self.errorDomain,
                metadata: code == .currencyMismatch ? ["currency": lhs, "otherCurrency": rhs] : ["currency": lhs])
        ]
    }
}

extension Common_V1_Money {
    /// Zero in `currencyCode`.
    public static func zero(_ currencyCode: String) -> Common_V1_Money {
        Common_V1_Money(minorUnits: 0, currencyCode: currencyCode)
    }

    /// The sum of two amounts in the same currency.
    /// - Throws: ``MoneyError`` when the currencies differ (``MoneyError/Code/currencyMismatch``) or
    ///   the sum overflows (``MoneyError/Code/overflow``).
    public func adding(_ other: Common_V1_Money) throws(MoneyError) -> Common_V1_Money {
        guard currencyCode == other.currencyCode else {
            throw MoneyError(.currencyMismatch, lhs: currencyCode, rhs: other.currencyCode)
        }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw MoneyError(.overflow, lhs: currencyCode, rhs: currencyCode) }
        return Common_V1_Money(minorUnits: sum, currencyCode: currencyCode)
    }

    /// This amount times `quantity`, or `nil` on overflow.
    public func multiplied(by quantity: Int64) -> Common_V1_Money? {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: quantity)
        return overflow ? nil : Common_V1_Money(minorUnits: product, currencyCode: currencyCode)
    }
}
