internal import Bytes
internal import ProtoRuntime

/// Reads JSON documents without decoding them into a message: checking that a body is exactly
/// one value, the keys a PATCH body sets, one member of an encoded response, one leaf for a
/// `Location`. Every walk goes through ``ProtoRuntime/JSONScanner``, with its grammar checks and
/// depth limit.
enum JSONInspection {
    /// Checks that `buffer` holds exactly one JSON value (so wrapping it as a member cannot
    /// smuggle in other members), within the options' size and depth limits.
    static func checkSingleValue(_ buffer: ByteBuffer, options: JSONDecodingOptions) throws(JSONDecodingError) {
        try buffer.withUnsafeReadableBytes { (raw) throws(JSONDecodingError) in
            try JSONScanner.withScanner(bytes: raw, options: options) { (scanner) throws(JSONDecodingError) in
                try scanner.skipValue()
            }
        }
    }

    /// The field mask paths of a PATCH body, as grpc-gateway v2 infers them: every key of the
    /// object, dotted through nested objects of singular message fields; a value of any other
    /// kind (a scalar, an array, a map, a well-known type, `null`) or an empty object is a leaf.
    /// Keys become `.proto` names where the schema knows them.
    static func fieldMaskPaths(
        of buffer: ByteBuffer, message: MessageSchema, schemas: SchemaIndex, options: JSONDecodingOptions,
        skipping skipped: String? = nil
    ) throws(JSONDecodingError) -> (paths: [String], sawSkipped: Bool) {
        try buffer.withUnsafeReadableBytes { (raw) throws(JSONDecodingError) in
            try JSONScanner.withScanner(bytes: raw, options: options) { (scanner) throws(JSONDecodingError) in
                var walk = MaskWalk(schemas: schemas, skipped: skipped)
                guard scanner.peek() == UInt8(ascii: "{") else {
                    try scanner.skipValue()
                    return ([], false)
                }
                try walk.collect(&scanner, message: message, prefix: "")
                return (walk.paths, walk.sawSkipped)
            }
        }
    }

    /// The bytes of the top-level member named `name` or `jsonName`, or `nil` when absent.
    static func member(_ field: FieldSchema, of buffer: ByteBuffer) -> ByteBuffer? {
        let found = buffer.withUnsafeReadableBytes { raw -> Range<Int>? in
            try? JSONScanner.withScanner(bytes: raw, options: .defaults) { (scanner) throws(JSONDecodingError) in
                var found: Range<Int>?
                try scanner.beginObject()
                var isFirst = true
                while let key = try scanner.nextKey(isFirst: &isFirst) {
                    _ = scanner.peek()
                    let start = scanner.offset
                    try scanner.skipValue()
                    if key == field.name || key == field.jsonName { found = start..<scanner.offset }
                }
                return found
            }
        }
        guard let found else { return nil }
        return buffer.slice(at: found.lowerBound, length: found.count)
    }

    /// The text of the leaf at `chain` (a string's contents, a number or bool as written), or
    /// `nil` when a step is absent or not a scalar.
    static func leafText(_ chain: ArraySlice<FieldSchema>, of buffer: ByteBuffer) -> String? {
        buffer.withUnsafeReadableBytes { raw -> String? in
            let result = try? JSONScanner.withScanner(bytes: raw, options: .defaults) {
                (scanner) throws(JSONDecodingError) -> String? in
                var found: String?
                try leaf(&scanner, chain, raw: raw, into: &found)
                return found
            }
            return result ?? nil
        }
    }

    private static func leaf(
        _ scanner: inout JSONScanner, _ chain: ArraySlice<FieldSchema>, raw: UnsafeRawBufferPointer,
        into found: inout String?
    ) throws(JSONDecodingError) {
        guard let field = chain.first else {
            switch scanner.peek() {
            case UInt8(ascii: "\""): found = try scanner.readString()
            case UInt8(ascii: "{"), UInt8(ascii: "["), nil: try scanner.skipValue()
            default:
                let start = scanner.offset
                try scanner.skipValue()
                found = String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<scanner.offset]), as: UTF8.self)
            }
            return
        }
        guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(isFirst: &isFirst) {
            if key == field.name || key == field.jsonName {
                try leaf(&scanner, chain.dropFirst(), raw: raw, into: &found)
            } else {
                try scanner.skipValue()
            }
        }
    }
}

/// One walk of a PATCH body for ``JSONInspection/fieldMaskPaths(of:message:schemas:options:skipping:)``.
private struct MaskWalk {
    let schemas: SchemaIndex
    /// A top-level field that is not part of the resource (the mask itself, with `body: "*"`).
    let skipped: String?
    var paths: [String] = []
    var sawSkipped = false

    init(schemas: SchemaIndex, skipped: String?) {
        self.schemas = schemas
        self.skipped = skipped
    }

    mutating func collect(
        _ scanner: inout JSONScanner, message: MessageSchema?, prefix: String
    ) throws(JSONDecodingError) {
        try scanner.beginObject()
        var isFirst = true
        var sawMember = false
        while let key = try scanner.nextKey(isFirst: &isFirst) {
            sawMember = true
            let field = message?.field(named: key)
            if let skipped, prefix.isEmpty, field?.name == skipped || key == skipped {
                sawSkipped = true
                try scanner.skipValue()
                continue
            }
            let path = prefix + (field?.name ?? key)
            if scanner.peek() == UInt8(ascii: "{"), let field, !field.isRepeated, field.kind.wellKnown == nil,
                case .message(let type) = field.kind, let nested = schemas.message(type)
            {
                try collect(&scanner, message: nested, prefix: path + ".")
            } else {
                try scanner.skipValue()
                paths.append(path)
            }
        }
        if !sawMember, !prefix.isEmpty { paths.append(String(prefix.dropLast())) }
    }
}
