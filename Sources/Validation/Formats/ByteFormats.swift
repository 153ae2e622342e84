/// The well-known formats of protovalidate's `BytesRules`: addresses and UUIDs in binary form.
///
/// Only the length decides: every 4 bytes are an IPv4 address, every 16 an IPv6 address or a UUID.
/// An empty value fails here; the standard rules report it as `bytes.ip_empty` (and so on) rather
/// than `bytes.ip`.
///
/// ```swift
/// if !ByteFormats.isIP(request.peerAddress, version: 6) { … }   // bytes.ipv6
/// ```
public enum ByteFormats {
    /// `bytes.ip` (`version` 0: 4 or 16 bytes), `bytes.ipv4` (4: 4 bytes), `bytes.ipv6` (6: 16 bytes);
    /// any other version accepts nothing.
    public static func isIP(_ b: some Collection<UInt8>, version: Int = 0) -> Bool {
        switch version {
        case 0: return b.count == 4 || b.count == 16
        case 4: return b.count == 4
        case 6: return b.count == 16
        default: return false
        }
    }

    /// `bytes.uuid`: 16 bytes, a UUID in binary form (RFC 4122 §4.1.2).
    public static func isUUID(_ b: some Collection<UInt8>) -> Bool {
        b.count == 16
    }
}
