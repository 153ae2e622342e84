/// The client address a call came from, as the login limiter counts it.
enum PeerAddress {
    /// The host part of a peer description: `127.0.0.1` of `127.0.0.1:50312`, `::1` of
    /// `[::1]:50312`; anything else (`in-process`, `unknown`) as it is. Ports differ per
    /// connection, so counting by them would let one client reset its count by reconnecting.
    static func host(of peer: String) -> String {
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<close])
        }
        let colons = peer.count { $0 == ":" }
        if colons == 1, let colon = peer.firstIndex(of: ":"), peer[peer.index(after: colon)...].allSatisfy(\.isNumber) {
            return String(peer[..<colon])
        }
        return peer
    }
}
