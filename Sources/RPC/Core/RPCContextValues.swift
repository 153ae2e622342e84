/// A key for a typed value carried by a call's context: the authenticated principal, the trace
/// span, the logger. Declare one type per value; its `Value` is what the context holds.
///
/// ```swift
/// enum PrincipalKey: RPCContextKey { typealias Value = Principal }
///
/// // an interceptor stores it …
/// var context = context
/// context[PrincipalKey.self] = principal
/// try await next(context)
/// // … and the handler (or a later interceptor) reads it
/// guard let principal = context[PrincipalKey.self] else { throw RPCStatus(.unauthenticated, "") }
/// ```
public protocol RPCContextKey: Sendable {
    /// The type of the value stored under the key.
    associatedtype Value: Sendable
}

/// Typed values stored by key type. A small array, not a dictionary: a call carries a handful
/// of values at most, and an empty store (the common case) allocates nothing.
public struct RPCContextValues: Sendable {
    private var entries: [(key: ObjectIdentifier, value: any Sendable)] = []

    /// No values.
    public init() {}

    /// The value stored under `key`, or `nil`; setting `nil` removes it.
    public subscript<Key: RPCContextKey>(key: Key.Type) -> Key.Value? {
        get {
            let id = ObjectIdentifier(key)
            for entry in entries where entry.key == id { return entry.value as? Key.Value }
            return nil
        }
        set {
            let id = ObjectIdentifier(key)
            entries.removeAll { $0.key == id }
            if let newValue { entries.append((id, newValue)) }
        }
    }

    /// Whether no value is stored.
    public var isEmpty: Bool { entries.isEmpty }
}
