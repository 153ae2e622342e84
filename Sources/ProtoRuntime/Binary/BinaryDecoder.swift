public import Bytes

/// Reads the protobuf binary format from a borrowed view of bytes.
///
/// Generated code drives it: `nextTag()` in a loop, then one `decode…` call per known field
/// and ``decodeUnknownField(_:into:)`` for the rest. A decoder lives only inside
/// ``Message/init(decoding:options:)`` and friends, which keep the bytes alive while it runs.
///
/// Every read is bounds-checked against the end of the enclosing message, so hostile input
/// produces a ``ProtoDecodingError`` naming the problem and the byte offset, never a crash,
/// never an allocation larger than the input.
public struct BinaryDecoder {
    @usableFromInline var cursor: UnsafeRawPointer
    @usableFromInline var limit: UnsafeRawPointer
    @usableFromInline let origin: UnsafeRawPointer
    /// Start of the field whose tag was read last: unknown fields are copied from here.
    @usableFromInline var fieldStart: UnsafeRawPointer
    @usableFromInline var remainingDepth: Int
    /// The field number of the group being decoded, 0 when not inside a group.
    @usableFromInline var groupFieldNumber: Int
    /// Storage that owns the input, so `bytes` fields can share it instead of copying.
    @usableFromInline let owner: _ByteStorage?
    @usableFromInline let ownerOffset: Int
    /// The options this decode runs with.
    public let options: BinaryDecodingOptions

    @usableFromInline
    init(bytes: UnsafeRawBufferPointer, owner: _ByteStorage?, ownerOffset: Int, options: BinaryDecodingOptions) {
        // An empty buffer may have no base address; any valid pointer works since nothing is read.
        let base = bytes.baseAddress ?? UnsafeRawPointer(_ByteStorage.empty.pointer)
        cursor = base
        origin = base
        fieldStart = base
        limit = base + bytes.count
        remainingDepth = options.maxDepth
        groupFieldNumber = 0
        self.owner = owner
        self.ownerOffset = ownerOffset
        self.options = options
    }

    /// The byte offset of the read position from the start of the input.
    @inlinable public var offset: Int { cursor - origin }

    @usableFromInline
    func error(_ code: ProtoDecodingError.Code, _ message: String) -> ProtoDecodingError {
        ProtoDecodingError(code: code, message: message, offset: cursor - origin)
    }

    // MARK: Tags

    /// Reads the next field tag, or returns `nil` at the end of the message (or of the group
    /// being decoded).
    @inlinable
    public mutating func nextTag() throws(ProtoDecodingError) -> UInt32? {
        fieldStart = cursor
        guard cursor < limit else {
            if _slowPath(groupFieldNumber != 0) {
                throw error(.truncated, "group \(groupFieldNumber) has no end-group tag")
            }
            return nil
        }
        let first = cursor.load(as: UInt8.self)
        let tag: UInt32
        if _fastPath(first < 0x80) {
            cursor += 1
            tag = UInt32(first)
        } else {
            tag = try readTagSlow()
        }
        let wireType = tag & 7
        if _slowPath(tag < 8 || wireType == 4 || wireType > 5) { return try unusualTag(tag) }
        return tag
    }

    @usableFromInline
    mutating func readTagSlow() throws(ProtoDecodingError) -> UInt32 {
        let value = try readVarintSlow()
        guard value <= UInt64(UInt32.max) else { throw error(.invalidFieldNumber, "tag \(value) is out of range") }
        return UInt32(value)
    }

    /// End-group, field number 0 and wire types 6 and 7.
    @usableFromInline
    mutating func unusualTag(_ tag: UInt32) throws(ProtoDecodingError) -> UInt32? {
        let fieldNumber = Int(tag >> 3)
        let wireType = tag & 7
        if wireType == 6 || wireType == 7 {
            throw error(.invalidWireType, "wire type \(wireType) does not exist (field \(fieldNumber))")
        }
        if fieldNumber == 0 { throw error(.invalidFieldNumber, "field number 0 is not allowed") }
        // wireType == 4: end of a group.
        guard groupFieldNumber != 0 else {
            throw error(.invalidWireType, "end-group tag for field \(fieldNumber) outside any group")
        }
        guard fieldNumber == groupFieldNumber else {
            throw error(.unmatchedGroup, "end-group tag for field \(fieldNumber) closes group \(groupFieldNumber)")
        }
        return nil
    }

    // MARK: Varints

    /// Reads a varint of up to 10 bytes.
    @inlinable
    public mutating func decodeVarint() throws(ProtoDecodingError) -> UInt64 {
        if _fastPath(cursor < limit) {
            let first = cursor.load(as: UInt8.self)
            if first < 0x80 {
                cursor += 1
                return UInt64(first)
            }
        }
        return try readVarintSlow()
    }

    @usableFromInline
    mutating func readVarintSlow() throws(ProtoDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = cursor
        while true {
            guard p < limit else { throw error(.truncated, "varint runs past the end of the message") }
            let byte = p.load(as: UInt8.self)
            p += 1
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 { break }
            shift += 7
            guard shift < 70 else {
                throw error(.malformedVarint, "varint is longer than 10 bytes")
            }
        }
        cursor = p
        return result
    }

    // MARK: Scalars

    /// `int32` (a sign-extended varint, truncated to 32 bits).
    @inlinable public mutating func decodeInt32() throws(ProtoDecodingError) -> Int32 {
        Int32(truncatingIfNeeded: try decodeVarint())
    }
    /// `int64`.
    @inlinable public mutating func decodeInt64() throws(ProtoDecodingError) -> Int64 {
        Int64(bitPattern: try decodeVarint())
    }
    /// `uint32`.
    @inlinable public mutating func decodeUInt32() throws(ProtoDecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try decodeVarint())
    }
    /// `uint64`.
    @inlinable public mutating func decodeUInt64() throws(ProtoDecodingError) -> UInt64 {
        try decodeVarint()
    }
    /// `sint32` (ZigZag).
    @inlinable public mutating func decodeSInt32() throws(ProtoDecodingError) -> Int32 {
        Varint.unZigZag(UInt32(truncatingIfNeeded: try decodeVarint()))
    }
    /// `sint64` (ZigZag).
    @inlinable public mutating func decodeSInt64() throws(ProtoDecodingError) -> Int64 {
        Varint.unZigZag(try decodeVarint())
    }
    /// `bool`: any non-zero varint is `true`.
    @inlinable public mutating func decodeBool() throws(ProtoDecodingError) -> Bool {
        try decodeVarint() != 0
    }
    /// An enum's raw value.
    @inlinable public mutating func decodeEnumRawValue() throws(ProtoDecodingError) -> Int32 {
        Int32(truncatingIfNeeded: try decodeVarint())
    }

    /// `fixed32`.
    @inlinable
    public mutating func decodeFixed32() throws(ProtoDecodingError) -> UInt32 {
        guard limit - cursor >= 4 else { throw error(.truncated, "fixed32 runs past the end of the message") }
        let value = cursor.loadUnaligned(as: UInt32.self)
        cursor += 4
        return UInt32(littleEndian: value)
    }

    /// `fixed64`.
    @inlinable
    public mutating func decodeFixed64() throws(ProtoDecodingError) -> UInt64 {
        guard limit - cursor >= 8 else { throw error(.truncated, "fixed64 runs past the end of the message") }
        let value = cursor.loadUnaligned(as: UInt64.self)
        cursor += 8
        return UInt64(littleEndian: value)
    }

    /// `sfixed32`.
    @inlinable public mutating func decodeSFixed32() throws(ProtoDecodingError) -> Int32 {
        Int32(bitPattern: try decodeFixed32())
    }
    /// `sfixed64`.
    @inlinable public mutating func decodeSFixed64() throws(ProtoDecodingError) -> Int64 {
        Int64(bitPattern: try decodeFixed64())
    }
    /// `float`.
    @inlinable public mutating func decodeFloat() throws(ProtoDecodingError) -> Float {
        Float(bitPattern: try decodeFixed32())
    }
    /// `double`.
    @inlinable public mutating func decodeDouble() throws(ProtoDecodingError) -> Double {
        Double(bitPattern: try decodeFixed64())
    }

    // MARK: Length-delimited

    /// Reads a length prefix and checks that that many bytes remain in the enclosing message.
    @inlinable
    public mutating func decodeLength() throws(ProtoDecodingError) -> Int {
        let length = try decodeVarint()
        guard length <= UInt64(limit - cursor) else {
            throw error(
                .invalidLength, "length \(length) runs past the end of the message (\(limit - cursor) bytes left)")
        }
        return Int(truncatingIfNeeded: length)
    }

    /// `string`, which must be valid UTF-8 (proto3).
    @inlinable
    public mutating func decodeString() throws(ProtoDecodingError) -> String {
        let length = try decodeLength()
        if length == 0 { return "" }
        let bytes = cursor.assumingMemoryBound(to: UInt8.self)
        guard UTF8Validation.isValid(bytes, count: length) else {
            throw error(.invalidUTF8, "string field is not valid UTF-8")
        }
        cursor += length
        return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    /// `string` in proto2, where UTF-8 is not enforced: invalid sequences become U+FFFD.
    @inlinable
    public mutating func decodeStringRepairingUTF8() throws(ProtoDecodingError) -> String {
        let length = try decodeLength()
        if length == 0 { return "" }
        let utf8 = UnsafeBufferPointer(start: cursor.assumingMemoryBound(to: UInt8.self), count: length)
        cursor += length
        return String(decoding: utf8, as: UTF8.self)
    }

    /// `bytes`. When the input is a ``ByteBuffer`` the result shares its storage (no copy).
    @inlinable
    public mutating func decodeBytes() throws(ProtoDecodingError) -> ByteBuffer {
        let length = try decodeLength()
        if length == 0 { return ByteBuffer() }
        defer { cursor += length }
        if let owner {
            let start = ownerOffset + (cursor - origin)
            return ByteBuffer(_storage: owner, readerIndex: start, writerIndex: start + length)
        }
        return ByteBuffer(bytes: UnsafeRawBufferPointer(start: cursor, count: length))
    }

    /// Reads the raw bytes of a length-delimited value without interpreting them.
    @inlinable
    public mutating func decodeRawBytes() throws(ProtoDecodingError) -> UnsafeRawBufferPointer {
        let length = try decodeLength()
        defer { cursor += length }
        return UnsafeRawBufferPointer(start: cursor, count: length)
    }

    // MARK: Nesting

    /// Decodes a length-delimited message, merging into `message`.
    @inlinable
    public mutating func decodeMessage<M: Message>(_ message: inout M) throws(ProtoDecodingError) {
        let tagStart = fieldStart
        let length = try decodeLength()
        let savedLimit = limit
        let savedGroup = groupFieldNumber
        limit = cursor + length
        groupFieldNumber = 0
        remainingDepth -= 1
        do throws(ProtoDecodingError) {
            guard remainingDepth >= 0 else {
                throw error(.tooDeep, "messages nested deeper than \(options.maxDepth) levels")
            }
            try message._protoDecode(from: &self)
        } catch {
            throw error.prefixed(by: Self.pathStep(tagStart: tagStart, message: M.protoMessageName))
        }
        remainingDepth += 1
        limit = savedLimit
        groupFieldNumber = savedGroup
    }

    /// Decodes a length-delimited message into an optional field, merging with what is there.
    @inlinable
    public mutating func decodeMessage<M: Message>(_ field: inout M?) throws(ProtoDecodingError) {
        var message = field.take() ?? M()
        try decodeMessage(&message)
        field = message
    }

    /// Decodes a group (proto2) whose start tag was just read, merging into `message`.
    @inlinable
    public mutating func decodeGroup<M: Message>(_ message: inout M, fieldNumber: Int) throws(ProtoDecodingError) {
        let tagStart = fieldStart
        let savedGroup = groupFieldNumber
        groupFieldNumber = fieldNumber
        remainingDepth -= 1
        do throws(ProtoDecodingError) {
            guard remainingDepth >= 0 else {
                throw error(.tooDeep, "messages nested deeper than \(options.maxDepth) levels")
            }
            try message._protoDecode(from: &self)
        } catch {
            throw error.prefixed(by: Self.pathStep(tagStart: tagStart, message: M.protoMessageName))
        }
        remainingDepth += 1
        groupFieldNumber = savedGroup
    }

    /// Decodes a group into an optional field, merging with what is there.
    @inlinable
    public mutating func decodeGroup<M: Message>(_ field: inout M?, fieldNumber: Int) throws(ProtoDecodingError) {
        var message = field.take() ?? M()
        try decodeGroup(&message, fieldNumber: fieldNumber)
        field = message
    }

    @usableFromInline
    static func pathStep(tagStart: UnsafeRawPointer, message: String) -> String {
        // Re-read the tag that introduced the nested message: cheaper than tracking it on the hot path.
        var tag: UInt64 = 0
        var shift: UInt64 = 0
        var p = tagStart
        for _ in 0..<5 {
            let byte = p.load(as: UInt8.self)
            tag |= UInt64(byte & 0x7F) << shift
            p += 1
            shift += 7
            if byte < 0x80 { break }
        }
        return "#\(tag >> 3) \(message)"
    }

    // MARK: Repeated

    /// Decodes a packed run of scalars, or a single unpacked one, depending on the tag's wire type.
    @inlinable
    public mutating func decodeRepeated<K: ProtoScalarKind>(
        _ kind: K.Type, tag: UInt32, into array: inout [K.Value]
    ) throws(ProtoDecodingError) {
        if tag & 7 == UInt32(WireType.lengthDelimited.rawValue) && K.wireType != .lengthDelimited {
            try decodePacked(kind, into: &array)
        } else {
            var value = K.defaultValue
            try K.decode(from: &self, into: &value)
            array.append(value)
        }
    }

    /// Decodes a packed run of scalars and appends them.
    @inlinable
    public mutating func decodePacked<K: ProtoScalarKind>(
        _ kind: K.Type, into array: inout [K.Value]
    )
        throws(ProtoDecodingError)
    {
        let length = try decodeLength()
        let end = cursor + length
        if let size = K.fixedSize {
            guard length % size == 0 else {
                throw error(.invalidLength, "packed field length \(length) is not a multiple of \(size)")
            }
            array.reserveCapacity(array.count + length / size)
        }
        let savedLimit = limit
        limit = end
        while cursor < end {
            var value = K.defaultValue
            try K.decode(from: &self, into: &value)
            array.append(value)
        }
        limit = savedLimit
    }

    /// Decodes a packed run of enum values; values a closed enum does not know are kept as
    /// unknown fields (one varint field each, as protobuf requires).
    @inlinable
    public mutating func decodePackedEnum<E: ProtoEnum>(
        _ type: E.Type, fieldNumber: Int, into array: inout [E], unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) {
        let length = try decodeLength()
        let end = cursor + length
        let savedLimit = limit
        limit = end
        while cursor < end {
            let raw = try decodeEnumRawValue()
            if let value = E(rawValue: raw) {
                array.append(value)
            } else if !options.discardUnknownFields {
                unknownFields.appendVarint(fieldNumber: fieldNumber, value: UInt64(bitPattern: Int64(raw)))
            }
        }
        limit = savedLimit
    }

    // MARK: Maps

    /// Decodes one map entry (a nested message with key = 1 and value = 2) into `map`.
    ///
    /// A missing key or value takes its type's default; a repeated key or value keeps the last.
    @inlinable
    public mutating func decodeMapEntry<K: ProtoMapKeyKind, V: ProtoScalarKind>(
        _ keyKind: K.Type, _ valueKind: V.Type, into map: inout [K.Value: V.Value]
    ) throws(ProtoDecodingError) where K.Value: Hashable {
        let (key, value) = try decodeMapEntryPair(keyKind, valueKind)
        map[key] = value
    }

    @inlinable
    mutating func decodeMapEntryPair<K: ProtoMapKeyKind, V: ProtoScalarKind>(
        _ keyKind: K.Type, _ valueKind: V.Type
    ) throws(ProtoDecodingError) -> (K.Value, V.Value) {
        let tagStart = fieldStart
        let length = try decodeLength()
        let savedLimit = limit
        let savedGroup = groupFieldNumber
        limit = cursor + length
        groupFieldNumber = 0
        remainingDepth -= 1
        var key = K.defaultValue
        var value = V.defaultValue
        do throws(ProtoDecodingError) {
            guard remainingDepth >= 0 else {
                throw error(.tooDeep, "messages nested deeper than \(options.maxDepth) levels")
            }
            let keyTag = UInt32(1 << 3) | UInt32(K.wireType.rawValue)
            let valueTag = UInt32(2 << 3) | UInt32(V.wireType.rawValue)
            while let tag = try nextTag() {
                if tag == keyTag {
                    try K.decode(from: &self, into: &key)
                } else if tag == valueTag {
                    try V.decode(from: &self, into: &value)
                } else {
                    try skipField(tag)
                }
            }
        } catch {
            throw error.prefixed(by: Self.pathStep(tagStart: tagStart, message: "map entry"))
        }
        remainingDepth += 1
        limit = savedLimit
        groupFieldNumber = savedGroup
        return (key, value)
    }

    /// Decodes one map entry whose value is a closed (proto2) enum. An entry whose value the
    /// enum does not declare is kept whole in `unknownFields`, as upstream protobuf does.
    @inlinable
    public mutating func decodeMapEntry<K: ProtoMapKeyKind, E: ProtoEnum>(
        _ keyKind: K.Type, closedEnum: E.Type, into map: inout [K.Value: E], unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) where K.Value: Hashable {
        let entryStart = fieldStart
        let (key, raw) = try decodeMapEntryPair(keyKind, ProtoEnumRawValue.self)
        if let value = E(rawValue: raw.value) {
            map[key] = value
        } else if !options.discardUnknownFields {
            unknownFields.append(UnsafeRawBufferPointer(start: entryStart, count: cursor - entryStart))
        }
    }

    // MARK: Unknown fields

    /// Skips the value of the field whose tag was just read.
    @inlinable
    public mutating func skipField(_ tag: UInt32) throws(ProtoDecodingError) {
        switch tag & 7 {
        case 0: _ = try decodeVarint()
        case 1: _ = try decodeFixed64()
        case 2: cursor += try decodeLength()
        case 5: _ = try decodeFixed32()
        case 3: try skipGroup(fieldNumber: Int(tag >> 3))
        default: throw error(.invalidWireType, "wire type \(tag & 7) cannot start a field")
        }
    }

    @usableFromInline
    mutating func skipGroup(fieldNumber: Int) throws(ProtoDecodingError) {
        let savedGroup = groupFieldNumber
        let savedStart = fieldStart
        groupFieldNumber = fieldNumber
        remainingDepth -= 1
        guard remainingDepth >= 0 else {
            throw error(.tooDeep, "groups nested deeper than \(options.maxDepth) levels")
        }
        while let tag = try nextTag() { try skipField(tag) }
        remainingDepth += 1
        groupFieldNumber = savedGroup
        fieldStart = savedStart
    }

    /// Skips the field whose tag was just read and keeps its bytes (tag included) in `unknownFields`.
    @inlinable
    public mutating func decodeUnknownField(
        _ tag: UInt32, into unknownFields: inout UnknownFields
    )
        throws(ProtoDecodingError)
    {
        let start = fieldStart
        try skipField(tag)
        if !options.discardUnknownFields {
            unknownFields.append(UnsafeRawBufferPointer(start: start, count: cursor - start))
        }
    }

    /// Decodes a registered extension of `message`, or keeps the field as unknown.
    @inlinable
    public mutating func decodeExtensionField<M: ExtensibleMessage>(
        _ tag: UInt32, of message: inout M
    )
        throws(ProtoDecodingError)
    {
        let fieldNumber = Int(tag >> 3)
        if let field = options.extensions.field(extending: M.protoMessageName, fieldNumber: fieldNumber) {
            // Move both sets out so the extension can write to them without overlapping accesses
            // to `message` (and without copying their storage).
            var extensions = ExtensionFieldSet()
            var unknown = UnknownFields()
            swap(&extensions, &message.extensions)
            swap(&unknown, &message.unknownFields)
            defer {
                swap(&extensions, &message.extensions)
                swap(&unknown, &message.unknownFields)
            }
            if try field._decode(from: &self, tag: tag, into: &extensions, unknownFields: &unknown) { return }
            try decodeUnknownField(tag, into: &unknown)
            return
        }
        try decodeUnknownField(tag, into: &message.unknownFields)
    }

    // MARK: Entry points

    /// Runs `body` with a decoder over `bytes`, checking the size limit and that the whole input was used.
    @inlinable
    static func withDecoder<R>(
        bytes: UnsafeRawBufferPointer, owner: _ByteStorage?, ownerOffset: Int, options: BinaryDecodingOptions,
        _ body: (inout BinaryDecoder) throws(ProtoDecodingError) -> R
    ) throws(ProtoDecodingError) -> R {
        guard bytes.count <= options.maxMessageSize else {
            throw ProtoDecodingError(
                code: .tooLarge,
                message: "input of \(bytes.count) bytes exceeds the limit of \(options.maxMessageSize) bytes",
                offset: 0)
        }
        var decoder = BinaryDecoder(bytes: bytes, owner: owner, ownerOffset: ownerOffset, options: options)
        return try body(&decoder)
    }
}
