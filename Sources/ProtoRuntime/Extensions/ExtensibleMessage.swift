/// A proto2 message that declares `extensions` ranges, so other files can add fields to it.
///
/// ```swift
/// var options = Google_Protobuf_FieldOptions()
/// options[extension: Acme_Extensions.sensitive] = true
/// let flag = options[extension: Acme_Extensions.sensitive]   // Bool?
/// ```
public protocol ExtensibleMessage: Message {
    /// The extension fields set on this message.
    var extensions: ExtensionFieldSet { get set }

    /// Whether `fieldNumber` lies in one of the message's extension ranges. For generated code.
    static func _isExtensionFieldNumber(_ fieldNumber: Int) -> Bool
}

extension ExtensibleMessage {
    /// The value of an extension field, or `nil` when it is not set.
    public subscript<Kind: ExtensionKind>(extension field: ExtensionField<Self, Kind>) -> Kind.Value? {
        get { extensions.value(of: field) }
        set { extensions.setValue(newValue, of: field) }
    }

    /// Whether an extension field is set.
    public func hasExtension<Kind: ExtensionKind>(_ field: ExtensionField<Self, Kind>) -> Bool {
        extensions.value(of: field) != nil
    }

    /// Clears an extension field.
    public mutating func clearExtension<Kind: ExtensionKind>(_ field: ExtensionField<Self, Kind>) {
        extensions.setValue(nil, of: field)
    }
}
