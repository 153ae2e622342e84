extension Google_Protobuf_Any {
    /// The URL prefix `pack` uses, as other protobuf implementations do.
    public static let defaultTypeURLPrefix = "type.googleapis.com"

    /// An `Any` holding `message`, under `type.googleapis.com/<full name>`.
    public init<M: Message>(
        packing message: M, typeURLPrefix: String = defaultTypeURLPrefix
    )
        throws(ProtoEncodingError)
    {
        self.init(typeURL: typeURLPrefix + "/" + M.protoMessageName, value: try message.serializedBuffer(partial: true))
    }

    /// Whether this holds an `M` (by the name after the URL's last `/`).
    public func holds<M: Message>(_ type: M.Type) -> Bool {
        guard let slash = typeURL.lastIndex(of: "/") else { return false }
        return typeURL[typeURL.index(after: slash)...] == M.protoMessageName
    }

    /// The held message, or `nil` if this holds another type.
    public func unpack<M: Message>(
        _ type: M.Type, options: BinaryDecodingOptions = .defaults
    )
        throws(ProtoDecodingError) -> M?
    {
        guard holds(type) else { return nil }
        return try M(decoding: value, options: options)
    }

    public static var _protoHasSpecialJSON: Bool { true }

    /// `{"@type": URL, …the held message's fields…}`, or `{"@type": URL, "value": …}` when the
    /// held message is a well-known type with a special form. The type must be in
    /// ``JSONEncodingOptions/typeRegistry``.
    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        if typeURL.isEmpty && value.readableBytes == 0 {
            writer.beginObject()
            writer.endObject()
            return
        }
        guard let type = writer.options.typeRegistry.type(forURL: typeURL) else {
            throw ProtoEncodingError(
                code: .invalidValue, message: "google.protobuf.Any holds \(typeURL), which is not in the type registry")
        }
        try encodeJSON(holding: type, to: &writer)
    }

    private func encodeJSON<M: Message>(holding type: M.Type, to writer: inout JSONWriter) throws(ProtoEncodingError) {
        let message: M
        let extensions = writer.options.extensions
        do {
            message = try M(
                decoding: value,
                options: .defaults {
                    $0.allowPartial = true
                    $0.extensions = extensions
                })
        } catch {
            throw ProtoEncodingError(
                code: .invalidValue, message: "google.protobuf.Any holds bytes that are not a \(typeURL): \(error)")
        }
        writer.beginObject()
        writer.writeKey("@type")
        writer.writeString(typeURL)
        if M._protoHasSpecialJSON {
            writer.writeKey("value")
            try message._protoEncodeJSON(to: &writer)
        } else {
            // The held message's members go into this object: encode it alone, then copy what
            // is between its braces.
            var inner = JSONWriter(options: writer.options)
            try message._protoEncodeJSON(to: &inner)
            writer.writeMembers(ofObject: inner.finish())
        }
        writer.endObject()
    }

    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        // `@type` may come after the fields, so find it first, then read the object again as the
        // type it names.
        let mark = scanner.mark()
        try scanner.beginObject()
        var isFirst = true
        var url: String?
        var memberCount = 0
        while let key = try scanner.nextKey(isFirst: &isFirst) {
            memberCount += 1
            guard key == "@type" else {
                try scanner.skipValue()
                continue
            }
            guard url == nil else { throw scanner.error(.duplicateField, "\"@type\" given twice") }
            do throws(JSONDecodingError) {
                url = try scanner.readString()
            } catch {
                throw error.prefixed(by: .key(key))
            }
        }
        guard let url else {
            if memberCount == 0 { return }
            throw scanner.error(.wrongType, "a google.protobuf.Any object needs an \"@type\"")
        }
        guard let type = scanner.options.typeRegistry.type(forURL: url) else {
            throw JSONDecodingError(
                code: .unknownField, message: "the type of \"@type\": \"\(url)\" is not in the type registry",
                offset: mark.offset, path: [.key("@type")])
        }
        let end = scanner.mark()
        scanner.reset(to: mark)
        try decodeJSON(holding: type, url: url, from: &scanner)
        scanner.reset(to: end)
    }

    private mutating func decodeJSON<M: Message>(
        holding type: M.Type, url: String, from scanner: inout JSONScanner
    ) throws(JSONDecodingError) {
        var message = M()
        if M._protoHasSpecialJSON {
            try scanner.beginObject()
            var isFirst = true
            var sawValue = false
            while let key = try scanner.nextKey(isFirst: &isFirst) {
                switch key {
                case "@type":
                    try scanner.skipValue()
                case "value":
                    guard !sawValue else { throw scanner.error(.duplicateField, "\"value\" given twice") }
                    sawValue = true
                    do throws(JSONDecodingError) {
                        try message._protoDecodeJSON(from: &scanner)
                    } catch {
                        throw error.prefixed(by: .key(key))
                    }
                default:
                    try scanner.skipUnknownField(key, in: Self.protoMessageName)
                }
            }
            // These forms have no "absent" (an unset `Value` is written `null`, which reads back
            // as a `NullValue`), so "value" is required, as protobuf's Python parser requires it.
            guard sawValue else {
                throw scanner.error(.wrongType, "an Any holding \(M.protoMessageName) needs a \"value\"")
            }
        } else {
            try scanner.withAnyTypeKeySkipped { (scanner) throws(JSONDecodingError) in
                try message._protoDecodeJSON(from: &scanner)
            }
        }
        typeURL = url
        do {
            // Deterministic (map entries in key order): the same JSON must give the same bytes,
            // or two decodes of one document would hold unequal `Any`s.
            value = try message.serializedBuffer(options: BinaryEncodingOptions(deterministic: true), partial: true)
        } catch {
            throw scanner.error(.wrongType, "cannot encode the \(M.protoMessageName) held by an Any: \(error)")
        }
    }
}

extension JSONScanner {
    /// A saved read position.
    struct Mark {
        let cursor: UnsafePointer<UInt8>
        let remainingDepth: Int
        let offset: Int
    }

    func mark() -> Mark { Mark(cursor: cursor, remainingDepth: remainingDepth, offset: offset) }

    mutating func reset(to mark: Mark) {
        cursor = mark.cursor
        remainingDepth = mark.remainingDepth
    }

    /// Runs `body`, which reads one object, skipping its `@type` key.
    mutating func withAnyTypeKeySkipped(
        _ body: (inout JSONScanner) throws(JSONDecodingError) -> Void
    ) throws(JSONDecodingError) {
        let saved = anyTypeKeyDepth
        anyTypeKeyDepth = remainingDepth - 1  // inside the object `body` opens
        try body(&self)
        anyTypeKeyDepth = saved
    }
}

extension JSONWriter {
    /// Copies the members of `object` (a JSON object this writer's options produced) into the
    /// object being written.
    mutating func writeMembers(ofObject object: ByteBuffer) {
        object.withUnsafeReadableBytes { raw in
            guard raw.count > 2 else { return }  // `{}`
            buffer.writeInteger(UInt8(ascii: ","))
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: raw[1..<(raw.count - 1)]))
        }
    }
}
