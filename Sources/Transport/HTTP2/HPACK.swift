/// Why a header block could not be decoded (a connection error: COMPRESSION_ERROR), or why it
/// was refused (too large: the stream or connection gets an error, per the caller).
struct HPACKError: Error, Equatable {
    enum Kind { case compression, tooLarge }
    var kind: Kind
    var message: String

    static func compression(_ message: String) -> HPACKError { HPACKError(kind: .compression, message: message) }
}

/// The dynamic table (RFC 7541 §2.3.2): newest entry first, bounded by size (name + value + 32
/// bytes per entry).
struct HPACKDynamicTable {
    private(set) var entries: [(name: String, value: String)] = []
    /// Index of the newest entry in `entries` (a ring kept as an array, newest appended).
    private(set) var size = 0
    private(set) var maxSize: Int

    init(maxSize: Int) { self.maxSize = maxSize }

    var count: Int { entries.count }

    /// The entry at dynamic index `index` (0 = newest).
    subscript(index: Int) -> (name: String, value: String)? {
        guard index >= 0, index < entries.count else { return nil }
        return entries[entries.count - 1 - index]
    }

    static func entrySize(_ name: String, _ value: String) -> Int { name.utf8.count + value.utf8.count + 32 }

    mutating func insert(name: String, value: String) {
        let entrySize = Self.entrySize(name, value)
        guard entrySize <= maxSize else {
            // An entry larger than the table empties it (§4.4).
            entries.removeAll()
            size = 0
            return
        }
        evict(toFit: maxSize - entrySize)
        entries.append((name, value))
        size += entrySize
    }

    mutating func removeAll() {
        entries.removeAll()
        size = 0
    }

    mutating func resize(_ newMax: Int) {
        maxSize = newMax
        evict(toFit: newMax)
    }

    private mutating func evict(toFit limit: Int) {
        var drop = 0
        while size > limit && drop < entries.count {
            size -= Self.entrySize(entries[drop].name, entries[drop].value)
            drop += 1
        }
        if drop > 0 { entries.removeFirst(drop) }
    }
}

/// A field as a dictionary key (a joined string would let `("a\0", "")` match `("a", "\0")`).
struct HPACKField: Hashable {
    var name: String
    var value: String
}

/// The static table (RFC 7541 Appendix A), 1-based.
enum HPACKStaticTable {
    static let entries: [(name: String, value: String)] = [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"),
        (":scheme", "http"), (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"),
        (":status", "304"), (":status", "400"), (":status", "404"), (":status", "500"), ("accept-charset", ""),
        ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""), ("accept", ""),
        ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""),
        ("cache-control", ""), ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""),
        ("content-length", ""), ("content-location", ""), ("content-range", ""), ("content-type", ""),
        ("cookie", ""), ("date", ""), ("etag", ""), ("expect", ""), ("expires", ""), ("from", ""), ("host", ""),
        ("if-match", ""), ("if-modified-since", ""), ("if-none-match", ""), ("if-range", ""),
        ("if-unmodified-since", ""), ("last-modified", ""), ("link", ""), ("location", ""), ("max-forwards", ""),
        ("proxy-authenticate", ""), ("proxy-authorization", ""), ("range", ""), ("referer", ""), ("refresh", ""),
        ("retry-after", ""), ("server", ""), ("set-cookie", ""), ("strict-transport-security", ""),
        ("transfer-encoding", ""), ("user-agent", ""), ("vary", ""), ("via", ""), ("www-authenticate", ""),
    ]

    /// Name → first index with that name; name+value → index of the exact entry.
    static let byName: [String: Int] = {
        var map: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() where map[entry.name] == nil { map[entry.name] = offset + 1 }
        return map
    }()

    static let byField: [HPACKField: Int] = {
        var map: [HPACKField: Int] = [:]
        for (offset, entry) in entries.enumerated() where !entry.value.isEmpty {
            map[HPACKField(name: entry.name, value: entry.value)] = offset + 1
        }
        return map
    }()
}

/// Decodes header blocks (RFC 7541): one per connection direction, since the dynamic table
/// carries state from block to block.
struct HPACKDecoder {
    private(set) var table: HPACKDynamicTable
    /// The table size the peer may use at most (our SETTINGS_HEADER_TABLE_SIZE).
    var maxTableSize: Int
    /// The most bytes (name + value + 32 per field) one block may decode to; more is refused,
    /// which bounds what a small block full of references can expand to (an HPACK bomb).
    var maxHeaderListSize: Int

    init(maxTableSize: Int = 4096, maxHeaderListSize: Int = 16 * 1024) {
        table = HPACKDynamicTable(maxSize: maxTableSize)
        self.maxTableSize = maxTableSize
        self.maxHeaderListSize = maxHeaderListSize
    }

    /// Decodes one complete header block into fields (names as sent).
    mutating func decode(_ block: UnsafeRawBufferPointer) throws(HPACKError) -> [(name: String, value: String)] {
        var reader = Reader(bytes: block)
        var fields: [(name: String, value: String)] = []
        var listSize = 0
        var sawField = false
        var tooLarge = false
        while !reader.isAtEnd {
            let byte = reader.peek
            if byte & 0x80 != 0 {
                let index = try reader.integer(prefixBits: 7)
                let field = try lookup(index)
                try append(field, to: &fields, listSize: &listSize, tooLarge: &tooLarge)
                sawField = true
            } else if byte & 0x40 != 0 {
                if let field = try literal(&reader, prefixBits: 6) {
                    table.insert(name: field.name, value: field.value)
                    try append(field, to: &fields, listSize: &listSize, tooLarge: &tooLarge)
                } else {
                    // Larger than the header list limit, so larger than the table: inserting it
                    // would have emptied the table (§4.4). Stay in step with the peer's.
                    table.removeAll()
                    tooLarge = true
                }
                sawField = true
            } else if byte & 0x20 != 0 {
                // A table size update is allowed only at the start of a block (§4.2).
                guard !sawField else { throw .compression("dynamic table size update after a field") }
                let size = try reader.integer(prefixBits: 5)
                guard size <= maxTableSize else {
                    throw .compression("table size \(size) exceeds the maximum \(maxTableSize)")
                }
                table.resize(size)
            } else {
                // Without indexing (0000) or never indexed (0001).
                if let field = try literal(&reader, prefixBits: 4) {
                    try append(field, to: &fields, listSize: &listSize, tooLarge: &tooLarge)
                } else {
                    tooLarge = true
                }
                sawField = true
            }
        }
        // The whole block is always decoded (the table must stay in step with the peer's);
        // only then is an oversized list refused.
        if tooLarge {
            throw HPACKError(kind: .tooLarge, message: "header list exceeds \(maxHeaderListSize) bytes")
        }
        return fields
    }

    private func append(
        _ field: (name: String, value: String), to fields: inout [(name: String, value: String)],
        listSize: inout Int, tooLarge: inout Bool
    ) throws(HPACKError) {
        listSize += HPACKDynamicTable.entrySize(field.name, field.value)
        if listSize > maxHeaderListSize {
            tooLarge = true
            // Far past the limit, stop: decoding on would only spend memory.
            guard listSize <= maxHeaderListSize * 4 + 65_536 else {
                throw .compression("header block expands without bound")
            }
            return
        }
        fields.append(field)
    }

    private func lookup(_ index: Int) throws(HPACKError) -> (name: String, value: String) {
        if index >= 1 && index <= HPACKStaticTable.entries.count { return HPACKStaticTable.entries[index - 1] }
        guard index > HPACKStaticTable.entries.count,
            let entry = table[index - HPACKStaticTable.entries.count - 1]
        else { throw .compression("index \(index) is not in the tables") }
        return entry
    }

    /// A literal field, or `nil` if its name or value is over the header list limit (skipped,
    /// not decoded, so the rest of the block still decodes).
    private func literal(_ reader: inout Reader, prefixBits: Int) throws(HPACKError) -> (name: String, value: String)? {
        let nameIndex = try reader.integer(prefixBits: prefixBits)
        let name = nameIndex == 0 ? try reader.string(limit: maxHeaderListSize) : try lookup(nameIndex).name
        let value = try reader.string(limit: maxHeaderListSize)
        guard let name, let value else { return nil }
        return (name, value)
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var isAtEnd: Bool { position >= bytes.count }
        var peek: UInt8 { bytes[position] }

        /// An integer with an N-bit prefix (§5.1), bounded to 2^28 so it cannot overflow.
        mutating func integer(prefixBits: Int) throws(HPACKError) -> Int {
            guard position < bytes.count else { throw .compression("truncated integer") }
            let mask = (1 << prefixBits) - 1
            var value = Int(bytes[position]) & mask
            position += 1
            guard value == mask else { return value }
            var shift = 0
            while true {
                guard position < bytes.count else { throw .compression("truncated integer") }
                let byte = bytes[position]
                position += 1
                // Zero-valued continuation bytes add nothing but move the shift: bound the shift
                // too, or a late byte shifted past bit 63 would make the value negative.
                guard shift <= 21 else { throw .compression("integer too large") }
                value += Int(byte & 0x7F) << shift
                shift += 7
                guard value < 1 << 28 else { throw .compression("integer too large") }
                if byte & 0x80 == 0 { return value }
            }
        }

        /// A string literal (§5.2), Huffman-coded or raw; `nil` (skipped) when longer than `limit`.
        mutating func string(limit: Int) throws(HPACKError) -> String? {
            guard position < bytes.count else { throw .compression("truncated string") }
            let huffman = bytes[position] & 0x80 != 0
            let length = try integer(prefixBits: 7)
            guard length <= bytes.count - position else { throw .compression("string longer than the block") }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)])
            position += length
            guard length <= limit else { return nil }
            if huffman {
                guard let decoded = Huffman.decode(raw) else { throw .compression("invalid Huffman code") }
                return String(decoding: decoded, as: UTF8.self)
            }
            return String(decoding: raw, as: UTF8.self)
        }
    }
}

/// Encodes header blocks: exact matches become indexes, other fields are added to the dynamic
/// table (so repeated response headers shrink to a byte), strings are Huffman-coded when shorter.
struct HPACKEncoder {
    private(set) var table: HPACKDynamicTable
    /// Dynamic entries by field → insertion number (absolute), for exact matches.
    private var inserted: [HPACKField: Int] = [:]
    private var insertions = 0
    private var pendingSizeUpdate: Int?

    init(maxTableSize: Int = 4096) {
        table = HPACKDynamicTable(maxSize: maxTableSize)
    }

    /// The peer changed SETTINGS_HEADER_TABLE_SIZE: use at most that, and say so in the next block.
    mutating func setMaxTableSize(_ size: Int) {
        let newSize = min(size, 4096)
        guard newSize != table.maxSize else { return }
        table.resize(newSize)
        pruneIndex()
        pendingSizeUpdate = newSize
    }

    /// Fields that must never be indexed (credentials).
    static let sensitive: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    mutating func encode(_ fields: [(name: String, value: String)], into output: inout [UInt8]) {
        if let update = pendingSizeUpdate {
            writeInteger(update, prefixBits: 5, flags: 0x20, into: &output)
            pendingSizeUpdate = nil
        }
        for (name, value) in fields {
            let key = HPACKField(name: name, value: value)
            if let index = HPACKStaticTable.byField[key] {
                writeInteger(index, prefixBits: 7, flags: 0x80, into: &output)
                continue
            }
            if let absolute = inserted[key] {
                let dynamicIndex = insertions - 1 - absolute
                if dynamicIndex < table.count {
                    writeInteger(
                        HPACKStaticTable.entries.count + 1 + dynamicIndex, prefixBits: 7, flags: 0x80, into: &output)
                    continue
                }
            }
            let nameIndex = HPACKStaticTable.byName[name] ?? 0
            if Self.sensitive.contains(name) {
                writeInteger(nameIndex, prefixBits: 4, flags: 0x10, into: &output)
            } else if HPACKDynamicTable.entrySize(name, value) <= table.maxSize / 4 {
                writeInteger(nameIndex, prefixBits: 6, flags: 0x40, into: &output)
                table.insert(name: name, value: value)
                inserted[key] = insertions
                insertions += 1
                pruneIndex()
            } else {
                writeInteger(nameIndex, prefixBits: 4, flags: 0x00, into: &output)
            }
            if nameIndex == 0 { writeString(name, into: &output) }
            writeString(value, into: &output)
        }
    }

    private mutating func pruneIndex() {
        if inserted.count > table.count * 2 + 16 {
            inserted = inserted.filter { insertions - 1 - $0.value < table.count }
        }
    }

    func writeInteger(_ value: Int, prefixBits: Int, flags: UInt8, into output: inout [UInt8]) {
        let mask = (1 << prefixBits) - 1
        if value < mask {
            output.append(flags | UInt8(value))
            return
        }
        output.append(flags | UInt8(mask))
        var rest = value - mask
        while rest >= 128 {
            output.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    private func writeString(_ string: String, into output: inout [UInt8]) {
        let utf8 = string.utf8
        let huffmanLength = Huffman.encodedLength(utf8)
        if huffmanLength < utf8.count {
            writeInteger(huffmanLength, prefixBits: 7, flags: 0x80, into: &output)
            Huffman.encode(utf8, into: &output)
        } else {
            writeInteger(utf8.count, prefixBits: 7, flags: 0x00, into: &output)
            output.append(contentsOf: utf8)
        }
    }
}
