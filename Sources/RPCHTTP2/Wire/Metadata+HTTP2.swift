public import RPC
public import Transport

// Metadata as HTTP/2 header fields: `-bin` values in base64, the protocol's own fields left out.

extension Metadata {
    /// The metadata in `headers`, without the protocol's own fields. A `-bin` value is split at
    /// commas (joined duplicates) and each part decoded; a part that is not base64 is dropped,
    /// not fatal (a peer's bad metadata must not fail the call).
    public init(headers: HTTPHeaders) {
        self.init()
        for field in headers where !Self.isReserved(field.name) {
            guard Self.isBinary(field.name) else {
                append(lowercasedKey: field.name, .text(field.value))
                continue
            }
            for bytes in Self.decodeBinary(field.value) { append(lowercasedKey: field.name, .bytes(bytes)) }
        }
    }

    /// Adds the metadata to `headers`: binary values as unpadded base64. Reserved keys are
    /// skipped: an application cannot set `grpc-status` or `content-type` this way.
    public func write(into headers: inout HTTPHeaders) {
        for entry in self where !Self.isReserved(entry.key) {
            switch entry.value {
            case .text(let text):
                headers.add(name: entry.key, value: text)
            case .bytes(let bytes):
                headers.add(name: entry.key, value: Self.encodeBinary(bytes))
            }
        }
    }
}
