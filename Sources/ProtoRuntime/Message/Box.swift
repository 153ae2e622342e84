/// A copy-on-write box that lets a message hold a field of its own type (directly or through
/// other messages). For generated code: the generator boxes only fields on such cycles.
public struct _Box<Value: Sendable & Hashable>: Sendable, Hashable {
    @usableFromInline final class Storage: @unchecked Sendable {
        // Mutated only through a `_Box` holding the sole reference (checked before writes).
        @usableFromInline var value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var storage: Storage

    /// Boxes `value`.
    @inlinable public init(_ value: Value) { storage = Storage(value) }

    /// The boxed value.
    @inlinable
    public var value: Value {
        get { storage.value }
        set {
            if isKnownUniquelyReferenced(&storage) {
                storage.value = newValue
            } else {
                storage = Storage(newValue)
            }
        }
    }

    public static func == (lhs: _Box, rhs: _Box) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.value == rhs.storage.value
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.value) }
}
