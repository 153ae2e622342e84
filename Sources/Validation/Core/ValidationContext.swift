public import ProtoRuntime

/// What generated validators write to while they check a message: the violations found so far,
/// the path from the root message to the field being checked, and the clock for `now`.
///
/// Generated code keeps the happy path cheap: a passing check touches nothing here, and the path
/// stack only grows while the validator is inside a nested message, a list item or a map entry.
///
/// ```swift
/// var context = ValidationContext()
/// request.validate(into: &context)
/// if !context.violations.isEmpty { … }
/// ```
public struct ValidationContext: Sendable {
    /// The violations found so far, in evaluation order.
    public private(set) var violations: [ValidationViolation] = []
    /// Errors that made a rule impossible to evaluate (a CEL expression overflowed, for one);
    /// protovalidate reports these apart from violations.
    public private(set) var runtimeErrors: [ValidationRuntimeError] = []
    /// Where the validator is: one element per nested field, list index or map key.
    @usableFromInline var path: [FieldPathElement] = []
    private var clock: Google_Protobuf_Timestamp?
    private let readClock: @Sendable () -> Google_Protobuf_Timestamp

    /// A context that reads the system clock once, the first time a rule asks for `now`.
    public init() {
        self.readClock = ValidationClock.systemNow
    }

    /// A context whose `now` is the given instant (for tests and replay).
    public init(now: Google_Protobuf_Timestamp) {
        self.clock = now
        self.readClock = { now }
    }

    /// The instant `lt_now`, `gt_now`, `within` and CEL's `now` compare against; read once per
    /// validation, so every rule sees the same instant.
    public var now: Google_Protobuf_Timestamp {
        mutating get {
            if let clock { return clock }
            let value = readClock()
            clock = value
            return value
        }
    }

    /// True when no violation and no runtime error has been recorded.
    public var isValid: Bool { violations.isEmpty && runtimeErrors.isEmpty }

    /// Records a violation of `rule` on the field `field` of the message being checked (`nil` for
    /// a rule on the message itself).
    public mutating func add(field: String?, rule: String, message: String, isForKey: Bool = false) {
        var elements = path
        if let field { elements.append(.field(field)) }
        violations.append(
            ValidationViolation(
                fieldPath: FieldPathElement.render(elements), ruleID: rule, message: message, isForKey: isForKey))
    }

    /// Records a rule that could not be evaluated.
    public mutating func fail(field: String?, rule: String, reason: String) {
        var elements = path
        if let field { elements.append(.field(field)) }
        runtimeErrors.append(
            ValidationRuntimeError(fieldPath: FieldPathElement.render(elements), ruleID: rule, reason: reason))
    }

    /// Enters a nested position (a message field, a list index, a map key); generated code pairs
    /// it with ``leave()`` around the checks there, without a closure.
    @inlinable
    public mutating func enter(_ element: FieldPathElement) {
        path.append(element)
    }

    /// Leaves the position ``enter(_:)`` entered last.
    @inlinable
    public mutating func leave() {
        _ = path.popLast()
    }

    /// Enters a nested position (a message field, a list index, a map key) for the checks in `body`.
    @inlinable
    public mutating func within<R>(_ element: FieldPathElement, _ body: (inout ValidationContext) -> R) -> R {
        path.append(element)
        defer { path.removeLast() }
        return body(&self)
    }
}

/// A rule that could not be evaluated, as opposed to one that failed.
public struct ValidationRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field path in protovalidate's text form.
    public var fieldPath: String
    /// The rule that could not be evaluated.
    public var ruleID: String
    /// Why (`integer overflow`, `no such key`).
    public var reason: String

    public init(fieldPath: String, ruleID: String, reason: String) {
        self.fieldPath = fieldPath
        self.ruleID = ruleID
        self.reason = reason
    }

    public var description: String { "\(fieldPath.isEmpty ? "" : fieldPath + ": ")\(ruleID): \(reason)" }
}

/// One step of a field path: a field, a list index or a map key.
public enum FieldPathElement: Sendable, Hashable {
    case field(String)
    case index(Int)
    case stringKey(String)
    case intKey(Int64)
    case uintKey(UInt64)
    case boolKey(Bool)

    /// protovalidate's text form: `items[2].sku`, `labels["k"]`, `flags[true]`.
    public static func render(_ elements: [FieldPathElement]) -> String {
        var text = ""
        for element in elements {
            switch element {
            case .field(let name):
                if !text.isEmpty { text += "." }
                text += name
            case .index(let index): text += "[\(index)]"
            case .stringKey(let key): text += "[" + quoted(key) + "]"
            case .intKey(let key): text += "[\(key)]"
            case .uintKey(let key): text += "[\(key)]"
            case .boolKey(let key): text += "[\(key)]"
            }
        }
        return text
    }

    /// A string key as protovalidate prints it: double quotes, with `"`, `\`, newline and
    /// carriage return escaped, everything else as it is.
    private static func quoted(_ key: String) -> String {
        var text = "\""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
