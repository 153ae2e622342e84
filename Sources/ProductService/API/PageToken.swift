// Opaque page tokens (AIP-158): where the next page starts, bound to the request that made it.
internal import Foundation

/// A page token: unpadded URL-safe base64 (RFC 4648 §5) of `v1.<kind>.<fingerprint>.<position>`.
///
/// The position is the last listed product's key (a keyset cursor: inserts and deletes between
/// pages neither repeat nor skip products) or a search's offset (search is ranked, so its pages
/// are offsets into the ranking). The fingerprint is a hash of the request's filters: a token
/// used with other filters is `INVALID_ARGUMENT` instead of a page of something else. Tokens are
/// opaque to clients, not secret: a forged one only selects another page.
struct PageToken: Sendable, Hashable {
    /// What the token pages through.
    enum Kind: String, Sendable {
        case list = "l"
        case search = "s"
    }

    var kind: Kind
    /// The hash of the filters (``fingerprint(_:)``).
    var fingerprint: UInt64
    /// Where the next page starts: a listing key or a search offset.
    var position: Int64

    /// The token's text.
    var text: String {
        let plain = "v1.\(kind.rawValue).\(String(fingerprint, radix: 16)).\(position)"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token made for `kind` and `fingerprint`.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for text that is not such a token.
    init(text: String, kind: Kind, fingerprint: UInt64) throws(ProductError) {
        let invalid = ProductError(.invalidArgument, "page.page_token is not a token of this request's pages")
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard text.utf8.count <= 1024, let data = Data(base64Encoded: base64) else { throw invalid }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", parts[1] == kind.rawValue,
            UInt64(parts[2], radix: 16) == fingerprint, let position = Int64(parts[3]), position >= 0
        else { throw invalid }
        self.init(kind: kind, fingerprint: fingerprint, position: position)
    }

    /// A token.
    init(kind: Kind, fingerprint: UInt64, position: Int64) {
        self.kind = kind
        self.fingerprint = fingerprint
        self.position = position
    }

    /// 64-bit FNV-1a of `text`'s UTF-8: a stable hash (Swift's `Hasher` is seeded per process,
    /// and a token must outlive the process and cross replicas).
    static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
