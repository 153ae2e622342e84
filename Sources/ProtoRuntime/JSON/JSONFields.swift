/// Field-level JSON helpers that generated codecs call, one per field shape.
extension JSONScanner {
    /// A field without presence: `null` leaves the default.
    @inlinable
    public mutating func readField<K: ProtoJSONKind>(
        _ kind: K.Type, into value: inout K.Value
    )
        throws(JSONDecodingError)
    {
        if !K.jsonAcceptsNull && readNull() {
            value = K.defaultValue
            return
        }
        if let read = try K.readJSON(from: &self) { value = read }
    }

    /// A field with presence (optional, message, oneof member): `null` leaves it unset.
    @inlinable
    public mutating func readField<K: ProtoJSONKind>(
        _ kind: K.Type, into value: inout K.Value?
    )
        throws(JSONDecodingError)
    {
        if !K.jsonAcceptsNull && readNull() { return }
        if let read = try K.readJSON(from: &self) { value = read }
    }

    /// A repeated field: an array (`null` is empty). Elements may not be `null`.
    @inlinable
    public mutating func readRepeated<K: ProtoJSONKind>(
        _ kind: K.Type, into values: inout [K.Value]
    )
        throws(JSONDecodingError)
    {
        if readNull() { return }
        try beginArray()
        var isFirst = true
        var index = 0
        while try nextElement(isFirst: &isFirst) {
            do throws(JSONDecodingError) {
                if !K.jsonAcceptsNull && peek() == UInt8(ascii: "n") {
                    throw error(.wrongType, "null is not allowed as a repeated field element")
                }
                if let value = try K.readJSON(from: &self) { values.append(value) }
            } catch {
                throw error.prefixed(by: .index(index))
            }
            index += 1
        }
    }

    /// A map field: an object whose keys are the map keys as text (`null` is empty).
    @inlinable
    public mutating func readMap<K: ProtoJSONMapKeyKind, V: ProtoJSONKind>(
        _ keyKind: K.Type, _ valueKind: V.Type, into map: inout [K.Value: V.Value]
    ) throws(JSONDecodingError) {
        if readNull() { return }
        try beginObject()
        var isFirst = true
        while let text = try nextKey(isFirst: &isFirst) {
            do throws(JSONDecodingError) {
                guard let key = K.parseJSONKey(text) else {
                    throw error(.wrongType, "\"\(text)\" is not a valid map key of this type")
                }
                if !V.jsonAcceptsNull && peek() == UInt8(ascii: "n") {
                    throw error(.wrongType, "null is not allowed as a map value")
                }
                if let value = try V.readJSON(from: &self) { map[key] = value }
            } catch {
                throw error.prefixed(by: .key(text))
            }
        }
    }

    /// A key the message does not declare: skipped when unknown fields are ignored (and for an
    /// `Any`'s `@type`), an error otherwise.
    public mutating func skipUnknownField(_ key: String, in messageName: String) throws(JSONDecodingError) {
        if options.ignoreUnknownFields || (key == "@type" && remainingDepth == anyTypeKeyDepth) {
            try skipValue()
            return
        }
        throw error(.unknownField, "\(messageName) has no field named \"\(key)\"")
    }
}

extension JSONWriter {
    /// A repeated field's array.
    @inlinable
    public mutating func writeRepeated<K: ProtoJSONKind>(
        _ kind: K.Type, _ values: [K.Value]
    )
        throws(ProtoEncodingError)
    {
        beginArray()
        for value in values {
            beginElement()
            try K.writeJSON(value, to: &self)
        }
        endArray()
    }

    /// A map field's object, keys in sorted order so equal maps give equal text.
    @inlinable
    public mutating func writeMap<K: ProtoJSONMapKeyKind, V: ProtoJSONKind>(
        _ keyKind: K.Type, _ valueKind: V.Type, _ map: [K.Value: V.Value]
    ) throws(ProtoEncodingError) {
        beginObject()
        if map.count == 1, let (key, value) = map.first {
            writeKey(K.jsonKey(key))
            try V.writeJSON(value, to: &self)
        } else {
            for (key, value) in map.sorted(by: { K.sortsBefore($0.key, $1.key) }) {
                writeKey(K.jsonKey(key))
                try V.writeJSON(value, to: &self)
            }
        }
        endObject()
    }
}
