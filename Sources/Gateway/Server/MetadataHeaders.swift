internal import RPC
internal import Transport

/// Request headers to call metadata and response metadata to headers, with grpc-gateway v2's
/// names: `authorization` and `grpc-metadata-<key>` (prefix stripped) in, plus an allow-list;
/// initial metadata out as `grpc-metadata-<key>`, trailing metadata as `grpc-trailer-<key>`.
enum MetadataHeaders {
    static let metadataPrefix = "grpc-metadata-"
    static let trailerPrefix = "grpc-trailer-"

    /// The metadata a REST request carries.
    static func metadata(from headers: HTTPHeaders, forwarded: Set<String>) -> Metadata {
        var metadata = Metadata()
        for field in headers {
            let key: String
            if field.name.hasPrefix(metadataPrefix) {
                key = String(field.name.dropFirst(metadataPrefix.count))
            } else if field.name == "authorization" || forwarded.contains(field.name) {
                key = field.name
            } else {
                continue
            }
            guard !key.isEmpty, !Metadata.isReserved(key) else { continue }
            if Metadata.isBinary(key) {
                for bytes in Metadata.decodeBinary(field.value) { metadata.append(lowercasedKey: key, .bytes(bytes)) }
            } else {
                metadata.append(lowercasedKey: key, .text(field.value))
            }
        }
        return metadata
    }

    /// Adds `metadata` to `headers`, each key behind `prefix`; binary values in unpadded base64.
    static func write(_ metadata: Metadata, prefix: String, into headers: inout HTTPHeaders) {
        for entry in metadata where !Metadata.isReserved(entry.key) {
            switch entry.value {
            case .text(let text): headers.add(name: prefix + entry.key, value: text)
            case .bytes(let bytes): headers.add(name: prefix + entry.key, value: Metadata.encodeBinary(bytes))
            }
        }
    }
}
