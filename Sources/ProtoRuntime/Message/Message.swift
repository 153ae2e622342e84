public import Bytes

/// A protobuf message: a `Sendable`, `Hashable` value type generated from a `.proto` contract.
///
/// Generated types implement the underscored requirements; people use the extension methods:
///
/// ```swift
/// let order = Shop_V1_Order(orderID: "ord-1", customerID: 42)
/// var buffer = ByteBuffer()
/// try order.encode(into: &buffer)
/// let decoded = try Shop_V1_Order(decoding: buffer)
/// assert(decoded == order)
/// ```
///
/// Fields the decoder does not know are kept in ``unknownFields`` and written back unchanged.
public protocol Message: Sendable, Hashable {
    /// A message with every field at its default.
    init()

    /// The fully qualified protobuf name, such as `bench.v1.Order`.
    static var protoMessageName: String { get }

    /// Fields read by the decoder that this message does not know, kept byte for byte.
    var unknownFields: UnknownFields { get set }

    /// Decodes fields until the end of the message, merging them into `self`. For generated code.
    mutating func _protoDecode(from decoder: inout BinaryDecoder) throws(ProtoDecodingError)

    /// Writes every set field in field-number order. For generated code.
    func _protoEncode(to encoder: inout BinaryEncoder)

    /// Whether every proto2 `required` field, here and in nested messages, is set. For generated code.
    var _protoIsInitialized: Bool { get }

    /// Reads this message's proto3 JSON value (an object, or a well-known type's special form),
    /// merging it into `self`. For generated code.
    mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError)

    /// Writes this message's proto3 JSON value. For generated code.
    func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError)

    /// The value JSON `null` stands for, for the one type where it is a value
    /// (`google.protobuf.Value`); `nil` elsewhere, where `null` means "not set".
    static var _protoJSONNullValue: Self? { get }

    /// Whether the JSON form is not an object of fields (well-known types such as `Timestamp`),
    /// so an `Any` holding it puts it under `"value"`.
    static var _protoHasSpecialJSON: Bool { get }
}

extension Message {
    /// Messages without required fields anywhere below them are always initialized.
    public var _protoIsInitialized: Bool { true }

    /// `null` means "not set" for every message but `google.protobuf.Value`.
    public static var _protoJSONNullValue: Self? { nil }

    /// Generated messages are JSON objects of their fields.
    public static var _protoHasSpecialJSON: Bool { false }

    /// Whether every proto2 `required` field, here and in nested messages, is set.
    @inlinable public var isInitialized: Bool { _protoIsInitialized }

    // MARK: Decoding

    /// Decodes a message from the readable bytes of `buffer`.
    ///
    /// `bytes` fields of the result share `buffer`'s storage instead of copying it.
    /// - Throws: ``ProtoDecodingError`` naming what was wrong and where.
    @inlinable
    public init(decoding buffer: ByteBuffer, options: BinaryDecodingOptions = .defaults) throws(ProtoDecodingError) {
        self.init()
        try merge(decoding: buffer, options: options)
    }

    /// Decodes a message from an array of bytes.
    @inlinable
    public init(
        serializedBytes bytes: [UInt8], options: BinaryDecodingOptions = .defaults
    )
        throws(ProtoDecodingError)
    {
        self.init()
        var message = self
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(ProtoDecodingError) in
                try message.merge(unsafeBytes: raw, owner: nil, ownerOffset: 0, options: options)
            }
        }
        try result.get()
        self = message
    }

    /// Decodes a message from raw bytes, copying any `bytes` fields out of them.
    @inlinable
    public init(
        unsafeBytes raw: UnsafeRawBufferPointer, options: BinaryDecodingOptions = .defaults
    )
        throws(ProtoDecodingError)
    {
        self.init()
        try merge(unsafeBytes: raw, owner: nil, ownerOffset: 0, options: options)
    }

    /// Decodes fields from `buffer` and merges them into this message: singular fields are
    /// replaced, repeated fields appended, nested messages merged.
    @inlinable
    public mutating func merge(
        decoding buffer: ByteBuffer, options: BinaryDecodingOptions = .defaults
    )
        throws(ProtoDecodingError)
    {
        try buffer.withUnsafeReadableBytes { (raw) throws(ProtoDecodingError) in
            try merge(unsafeBytes: raw, owner: buffer._storage, ownerOffset: buffer._readerIndex, options: options)
        }
    }

    @inlinable
    mutating func merge(
        unsafeBytes raw: UnsafeRawBufferPointer, owner: _ByteStorage?, ownerOffset: Int,
        options: BinaryDecodingOptions
    ) throws(ProtoDecodingError) {
        try BinaryDecoder.withDecoder(bytes: raw, owner: owner, ownerOffset: ownerOffset, options: options) {
            (decoder) throws(ProtoDecodingError) in
            do throws(ProtoDecodingError) {
                try self._protoDecode(from: &decoder)
            } catch {
                throw error.prefixed(by: Self.protoMessageName)
            }
        }
        if !options.allowPartial && !_protoIsInitialized {
            throw ProtoDecodingError(
                code: .missingRequiredFields, message: "required fields are missing",
                offset: raw.count, path: [Self.protoMessageName])
        }
    }

    // MARK: Encoding

    /// Appends the binary encoding of this message to `buffer`.
    ///
    /// Reuse one buffer (``ByteBuffer/clear()`` between messages) to encode without allocating.
    /// - Parameter partial: encode even if proto2 `required` fields are missing.
    /// - Throws: ``ProtoEncodingError`` when required fields are missing and `partial` is `false`.
    @inlinable
    public func encode(
        into buffer: inout ByteBuffer, options: BinaryEncodingOptions = .defaults, partial: Bool = false
    ) throws(ProtoEncodingError) {
        if !partial && !_protoIsInitialized {
            throw ProtoEncodingError(
                code: .missingRequiredFields, message: "\(Self.protoMessageName) has required fields that are not set")
        }
        BinaryEncoder.withEncoder(appendingTo: &buffer, options: options) { encoder in
            self._protoEncode(to: &encoder)
        }
    }

    /// The binary encoding of this message in a new buffer.
    @inlinable
    public func serializedBuffer(
        options: BinaryEncodingOptions = .defaults, partial: Bool = false
    )
        throws(ProtoEncodingError) -> ByteBuffer
    {
        var buffer = ByteBuffer()
        try encode(into: &buffer, options: options, partial: partial)
        return buffer
    }

    /// The binary encoding of this message as an array.
    ///
    /// Encodes into a per-thread scratch buffer and copies out, so the array is the only
    /// allocation. To avoid the copy too, encode into your own reused buffer with ``encode(into:options:partial:)``.
    @inlinable
    public func serializedBytes(
        options: BinaryEncodingOptions = .defaults, partial: Bool = false
    )
        throws(ProtoEncodingError) -> [UInt8]
    {
        try EncodingScratch.withBuffer { (buffer: inout ByteBuffer) throws(ProtoEncodingError) -> [UInt8] in
            try encode(into: &buffer, options: options, partial: partial)
            return buffer.readableBytesArray
        }
    }
}
