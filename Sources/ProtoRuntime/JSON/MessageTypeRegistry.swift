/// Message types found by their full protobuf name, for `google.protobuf.Any`: its JSON form
/// needs the packed message's fields, so the type named in its URL must be known.
///
/// Generated code offers one registry per `.proto` file (`<Prefix><FileName>_Types.registry`);
/// combine the ones a program needs:
///
/// ```swift
/// var options = JSONEncodingOptions()
/// options.typeRegistry = .wellKnownTypes.merging(Shop_V1_Orders_Types.registry)
/// ```
public struct MessageTypeRegistry: Sendable {
    @usableFromInline var types: [String: any Message.Type] = [:]

    /// An empty registry.
    public init() {}

    /// A registry holding `types`.
    public init(_ types: [any Message.Type]) {
        for type in types { register(type) }
    }

    /// Adds a type (replacing one with the same name).
    public mutating func register(_ type: any Message.Type) {
        types[type.protoMessageName] = type
    }

    /// This registry plus every type of `other`.
    public func merging(_ other: MessageTypeRegistry) -> MessageTypeRegistry {
        var merged = self
        merged.types.merge(other.types) { _, new in new }
        return merged
    }

    /// The type named `fullName` (`shop.v1.Order`).
    public func type(named fullName: String) -> (any Message.Type)? {
        types[fullName]
    }

    /// The type a type URL (`type.googleapis.com/shop.v1.Order`) names: the text after the last `/`.
    public func type(forURL url: String) -> (any Message.Type)? {
        guard let slash = url.lastIndex(of: "/") else { return nil }
        return types[String(url[url.index(after: slash)...])]
    }

    /// Every well-known type in `google/protobuf/*.proto`.
    public static let wellKnownTypes = MessageTypeRegistry([
        Google_Protobuf_Any.self, Google_Protobuf_Api.self, Google_Protobuf_BoolValue.self,
        Google_Protobuf_BytesValue.self, Google_Protobuf_DoubleValue.self, Google_Protobuf_Duration.self,
        Google_Protobuf_Empty.self, Google_Protobuf_Enum.self, Google_Protobuf_EnumValue.self,
        Google_Protobuf_Field.self, Google_Protobuf_FieldMask.self, Google_Protobuf_FloatValue.self,
        Google_Protobuf_Int32Value.self, Google_Protobuf_Int64Value.self, Google_Protobuf_ListValue.self,
        Google_Protobuf_Method.self, Google_Protobuf_Mixin.self, Google_Protobuf_Option.self,
        Google_Protobuf_SourceContext.self, Google_Protobuf_StringValue.self, Google_Protobuf_Struct.self,
        Google_Protobuf_Timestamp.self, Google_Protobuf_Type.self, Google_Protobuf_UInt32Value.self,
        Google_Protobuf_UInt64Value.self, Google_Protobuf_Value.self,
    ])
}
