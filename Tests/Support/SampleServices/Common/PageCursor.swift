// Cursor pagination (AIP-158) over an in-memory list: the page token is opaque to clients, and
// holds nothing but the offset of the next item.
public import CommonContracts
internal import ProtoRuntime
public import RPC

/// One page of a list, and the token of the page after it.
///
/// The token is `offset:N` in unpadded URL-safe base64 (RFC 4648 §5), so it travels in a query
/// string unescaped. It is opaque to clients, not secret: a client that forges one gets another
/// offset of the same list.
public struct PageCursor: Sendable, Hashable {
    /// The page size used when a request asks for 0.
    public static let defaultPageSize = 50
    /// The most items one page holds, whatever the request asks.
    public static let maximumPageSize = 1000

    /// Where the page starts in the list.
    public var offset: Int
    /// How many items it holds at most.
    public var limit: Int

    /// The page `request` names.
    /// - Throws: `INVALID_ARGUMENT` for a negative size or a token this server did not make.
    public init(_ request: Common_V1_PageRequest?) throws(RPCStatus) {
        let request = request ?? Common_V1_PageRequest()
        guard request.pageSize >= 0 else {
            throw RPCStatus(.invalidArgument, "page.page_size must not be negative, got \(request.pageSize)")
        }
        limit = request.pageSize == 0 ? Self.defaultPageSize : min(Int(request.pageSize), Self.maximumPageSize)
        offset = request.pageToken.isEmpty ? 0 : try Self.offset(fromToken: request.pageToken)
    }

    /// The items of this page out of `items`, and the page response that points past them.
    public func slice<Item>(_ items: [Item]) -> (items: [Item], page: Common_V1_PageResponse) {
        let start = min(offset, items.count)
        let end = start + min(limit, items.count - start)
        let next = end < items.count ? Self.token(forOffset: end) : ""
        let total = Int32(clamping: items.count)
        return (Array(items[start..<end]), Common_V1_PageResponse(nextPageToken: next, totalSize: total))
    }

    /// The token of the page that starts at `offset`.
    public static func token(forOffset offset: Int) -> String {
        var buffer = ByteBuffer()
        Array("offset:\(offset)".utf8).withUnsafeBytes { Base64.encode($0, into: &buffer) }
        var text = ""
        for byte in buffer.readableBytesView where byte != UInt8(ascii: "=") {
            switch byte {
            case UInt8(ascii: "+"): text.append("-")
            case UInt8(ascii: "/"): text.append("_")
            default: text.append(Character(Unicode.Scalar(byte)))
            }
        }
        return text
    }

    /// The offset a token made by ``token(forOffset:)`` holds.
    private static func offset(fromToken token: String) throws(RPCStatus) -> Int {
        let invalid = RPCStatus(.invalidArgument, "page.page_token is not a token this server issued")
        guard let decoded = Array(token.utf8).withUnsafeBytes({ Base64.decode($0) }) else { throw invalid }
        let text = String(decoding: decoded.readableBytesView, as: UTF8.self)
        guard text.hasPrefix("offset:"), let offset = Int(text.dropFirst("offset:".count)), offset >= 0 else {
            throw invalid
        }
        return offset
    }
}
