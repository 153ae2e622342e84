public import Bytes
internal import GoogleContracts
internal import ProtoRuntime
internal import RPC

extension HTTPFailure {
    /// The types an error body's `details` can name: the well-known types and every message of
    /// `google/rpc/error_details.proto`.
    static let detailTypes = MessageTypeRegistry.wellKnownTypes.merging(Google_Rpc_ErrorDetails_Types.registry)

    /// The JSON body: the status as a `google.rpc.Status` in proto3 JSON, as grpc-gateway v2
    /// writes it: `{"code":3,"message":"…","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest",…}]}`.
    ///
    /// A detail whose type this process does not know cannot be written as JSON (its fields are
    /// unknown); it is left out rather than failing the whole body.
    ///
    /// - Parameters:
    ///   - usesProtoNames: keys as `.proto` names (`field_violations`) instead of JSON names.
    ///   - emitsUnpopulatedFields: write `"details": []` and the like when empty.
    public func jsonBody(usesProtoNames: Bool = false, emitsUnpopulatedFields: Bool = true) -> ByteBuffer {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = usesProtoNames
        options.emitDefaultValues = emitsUnpopulatedFields
        options.typeRegistry = Self.detailTypes
        var body = Google_Rpc_Status()
        body.code = Int32(status.code.rawValue)
        body.message = status.message
        body.details = status.googleRPCStatus?.details ?? []
        if let encoded = try? body.jsonUTF8Bytes(options: options) { return ByteBuffer(bytes: encoded) }
        body.details = body.details.filter { Self.detailTypes.type(forURL: $0.typeURL) != nil }
        if let encoded = try? body.jsonUTF8Bytes(options: options) { return ByteBuffer(bytes: encoded) }
        body.details = []
        return ByteBuffer(bytes: (try? body.jsonUTF8Bytes(options: options)) ?? Array(#"{"code":13}"#.utf8))
    }
}
