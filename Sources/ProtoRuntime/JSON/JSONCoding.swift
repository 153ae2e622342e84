public import Bytes

/// Switches for JSON encoding.
public struct JSONEncodingOptions: Sendable {
    /// Whether fields without presence are written even at their defaults (`0`, `""`, `[]`,
    /// `{}`), as protobuf's `always_print_fields_with_no_presence`. Default `false`.
    public var emitDefaultValues: Bool = false
    /// Whether keys are the `.proto` field names (`order_id`) instead of the JSON names
    /// (`orderId`). Default `false`.
    public var preserveProtoFieldNames: Bool = false
    /// The message types an `Any` may hold. Default: the well-known types.
    public var typeRegistry: MessageTypeRegistry = .wellKnownTypes
    /// The extension fields an `Any`'s held message is read with (it is stored as bytes);
    /// others are unknown fields, which JSON leaves out. Default: none.
    public var extensions = ExtensionRegistry()

    /// The defaults described above.
    public static var defaults: JSONEncodingOptions { JSONEncodingOptions() }

    /// Creates the defaults.
    public init() {}
}

/// Tracks which fields (and oneofs) an object has given, to reject duplicates: the same field
/// under its JSON and `.proto` names, or two members of one oneof. For generated code.
public struct _JSONSeenFields {
    @usableFromInline var low: UInt64 = 0
    @usableFromInline var high: [UInt64] = []

    @inlinable public init() {}

    /// Marks slot `index`; throws if it was marked already.
    @inlinable
    public mutating func insert(_ index: Int, scanner: JSONScanner) throws(JSONDecodingError) {
        if index < 64 {
            let bit: UInt64 = 1 << UInt64(index)
            guard low & bit == 0 else { throw scanner.duplicateError() }
            low |= bit
            return
        }
        let word = index / 64 - 1
        while high.count <= word { high.append(0) }
        let bit: UInt64 = 1 << UInt64(index % 64)
        guard high[word] & bit == 0 else { throw scanner.duplicateError() }
        high[word] |= bit
    }
}

extension JSONScanner {
    @usableFromInline
    func duplicateError() -> JSONDecodingError {
        error(.duplicateField, "the field (or another member of its oneof) was already given")
    }
}

extension Message {
    // MARK: JSON decoding

    /// Decodes a message from proto3 JSON in the readable bytes of `buffer`.
    /// - Throws: ``JSONDecodingError`` with the JSON path and what was expected.
    @inlinable
    public init(decodingJSON buffer: ByteBuffer, options: JSONDecodingOptions = .defaults) throws(JSONDecodingError) {
        self.init()
        let result = buffer.withUnsafeReadableBytes { raw in
            Result { () throws(JSONDecodingError) in try Self._decodeJSON(raw, options: options) }
        }
        self = try result.get()
    }

    /// Decodes a message from proto3 JSON text.
    @inlinable
    public init(jsonString: String, options: JSONDecodingOptions = .defaults) throws(JSONDecodingError) {
        var text = jsonString
        let result = text.withUTF8 { utf8 in
            Result { () throws(JSONDecodingError) in
                try Self._decodeJSON(UnsafeRawBufferPointer(utf8), options: options)
            }
        }
        self = try result.get()
    }

    /// Decodes a message from proto3 JSON as UTF-8 bytes.
    @inlinable
    public init(jsonUTF8Bytes bytes: [UInt8], options: JSONDecodingOptions = .defaults) throws(JSONDecodingError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONDecodingError) in try Self._decodeJSON(raw, options: options) }
        }
        self = try result.get()
    }

    @inlinable
    static func _decodeJSON(
        _ raw: UnsafeRawBufferPointer, options: JSONDecodingOptions
    ) throws(JSONDecodingError)
        -> Self
    {
        try JSONScanner.withScanner(bytes: raw, options: options) { (scanner) throws(JSONDecodingError) in
            var message = Self()
            try message._protoDecodeJSON(from: &scanner)
            return message
        }
    }

    // MARK: JSON encoding

    /// Appends this message's proto3 JSON to `buffer`.
    /// - Throws: ``ProtoEncodingError`` (`invalidValue`) for values JSON cannot express: a
    ///   `Timestamp` or `Duration` out of range, an `Any` whose type is not in the registry.
    @inlinable
    public func encodeJSON(
        into buffer: inout ByteBuffer, options: JSONEncodingOptions = .defaults
    )
        throws(ProtoEncodingError)
    {
        var writer = JSONWriter(buffer: buffer, options: options)
        buffer = ByteBuffer()  // keep the storage uniquely referenced by the writer
        do {
            try _protoEncodeJSON(to: &writer)
        } catch {
            buffer = writer.finish()
            throw error
        }
        buffer = writer.finish()
    }

    /// This message as proto3 JSON text.
    @inlinable
    public func jsonString(options: JSONEncodingOptions = .defaults) throws(ProtoEncodingError) -> String {
        var buffer = ByteBuffer()
        try encodeJSON(into: &buffer, options: options)
        return buffer.withUnsafeReadableBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// This message as proto3 JSON, UTF-8 bytes.
    @inlinable
    public func jsonUTF8Bytes(options: JSONEncodingOptions = .defaults) throws(ProtoEncodingError) -> [UInt8] {
        var buffer = ByteBuffer()
        try encodeJSON(into: &buffer, options: options)
        return buffer.readableBytesArray
    }
}
