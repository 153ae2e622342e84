/// A wrapper well-known type (`google.protobuf.Int32Value` …): one `value` field whose JSON is
/// the bare value, so a wrapper field reads like an optional scalar (`"count": 3`, or absent).
public protocol _ProtoWrapperMessage: Message {
    /// The kind of the wrapped value.
    associatedtype WrappedKind: ProtoJSONKind
    /// The wrapped value.
    var value: WrappedKind.Value { get set }
}

extension _ProtoWrapperMessage {
    public static var _protoHasSpecialJSON: Bool { true }

    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        try scanner.readField(WrappedKind.self, into: &value)
    }

    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try WrappedKind.writeJSON(value, to: &writer)
    }

    /// A wrapper holding `value`.
    public init(_ value: WrappedKind.Value) {
        self.init()
        self.value = value
    }
}

extension Google_Protobuf_DoubleValue: _ProtoWrapperMessage { public typealias WrappedKind = ProtoDouble }
extension Google_Protobuf_FloatValue: _ProtoWrapperMessage { public typealias WrappedKind = ProtoFloat }
extension Google_Protobuf_Int64Value: _ProtoWrapperMessage { public typealias WrappedKind = ProtoInt64 }
extension Google_Protobuf_UInt64Value: _ProtoWrapperMessage { public typealias WrappedKind = ProtoUInt64 }
extension Google_Protobuf_Int32Value: _ProtoWrapperMessage { public typealias WrappedKind = ProtoInt32 }
extension Google_Protobuf_UInt32Value: _ProtoWrapperMessage { public typealias WrappedKind = ProtoUInt32 }
extension Google_Protobuf_BoolValue: _ProtoWrapperMessage { public typealias WrappedKind = ProtoBool }
extension Google_Protobuf_StringValue: _ProtoWrapperMessage { public typealias WrappedKind = ProtoString }
extension Google_Protobuf_BytesValue: _ProtoWrapperMessage { public typealias WrappedKind = ProtoBytes }
