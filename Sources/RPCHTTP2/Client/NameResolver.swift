public import RPC
public import Transport

/// Turns a channel's target into addresses. ``RPCChannel`` asks again when every connection it
/// had has failed; Resilience and service discovery plug their own in.
public protocol RPCNameResolver: Sendable {
    /// The addresses to connect to, in preference order.
    func resolve() async throws(RPCStatus) -> [SocketAddress]
}

/// A fixed list of addresses (gRPC's `ipv4:` / `ipv6:` targets).
public struct StaticResolver: RPCNameResolver {
    public let addresses: [SocketAddress]

    public init(_ addresses: [SocketAddress]) {
        self.addresses = addresses
    }

    public func resolve() async throws(RPCStatus) -> [SocketAddress] {
        guard !addresses.isEmpty else { throw RPCStatus(.unavailable, "the channel has no addresses") }
        return addresses
    }
}

/// A host name looked up with the system resolver (`/etc/hosts`, DNS) each time (gRPC's `dns:`
/// targets).
public struct DNSResolver: RPCNameResolver {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public func resolve() async throws(RPCStatus) -> [SocketAddress] {
        do {
            return try await SocketAddress.resolve(host: host, port: port)
        } catch {
            throw RPCStatus(.unavailable, "could not resolve \(host): \(error)")
        }
    }
}
