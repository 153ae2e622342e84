/// The extension fields a decoder should decode into typed values, found by extended message
/// and field number. Generated code offers one registry per `.proto` file that declares extensions.
///
/// ```swift
/// var options = BinaryDecodingOptions()
/// options.extensions = Acme_V1_Annotations_Extensions.registry
/// ```
public struct ExtensionRegistry: Sendable {
    @usableFromInline var fields: [String: [Int: any AnyExtensionField]] = [:]
    /// The same fields by extendee and full name, for JSON's `[full.name]` keys.
    var fieldsByName: [String: [String: any AnyExtensionField]] = [:]

    /// An empty registry.
    public init() {}

    /// A registry holding `fields`.
    public init(_ fields: [any AnyExtensionField]) {
        for field in fields { register(field) }
    }

    /// Adds a field (replacing one with the same extendee and number).
    public mutating func register(_ field: any AnyExtensionField) {
        fields[field.extendeeName, default: [:]][field.fieldNumber] = field
        fieldsByName[field.extendeeName, default: [:]][field.fullName] = field
    }

    /// This registry plus every field of `other`.
    public func merging(_ other: ExtensionRegistry) -> ExtensionRegistry {
        var merged = self
        for byNumber in other.fields.values {
            for field in byNumber.values { merged.register(field) }
        }
        return merged
    }

    /// Whether nothing is registered.
    public var isEmpty: Bool { fields.isEmpty }

    /// The field named `fullName` (`acme.v1.priority`) on the message named `extendee`.
    public func field(extending extendee: String, fullName: String) -> (any AnyExtensionField)? {
        fieldsByName[extendee]?[fullName]
    }

    /// The field registered for `fieldNumber` on the message named `extendee`.
    @inlinable
    public func field(extending extendee: String, fieldNumber: Int) -> (any AnyExtensionField)? {
        if fields.isEmpty { return nil }
        return fields[extendee]?[fieldNumber]
    }
}
