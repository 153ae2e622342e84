internal import Bytes
public import Transport

/// A fetched JWKS document and its caching header.
public struct JWKSResponse: Sendable {
    /// The document.
    public var body: [UInt8]
    /// The `Cache-Control` header, if any.
    public var cacheControl: String?

    /// A response.
    public init(body: [UInt8], cacheControl: String? = nil) {
        self.body = body
        self.cacheControl = cacheControl
    }
}

/// Fetches an issuer's JWKS document: ``HTTPJWKSFetcher`` over the transport's HTTP client, or
/// a test double.
public protocol JWKSFetcher: Sendable {
    /// The document now.
    /// - Throws: ``AuthError/Code/jwksUnavailable`` (the cause says why).
    func fetchJWKS() async throws(AuthError) -> JWKSResponse
}

/// Fetches a JWKS over HTTP/1.1 with the transport's ``HTTPClient`` (its connect and request
/// timeouts apply).
///
/// Only `http://` URLs: the transport has no TLS yet, so an outside issuer's `https://` JWKS
/// must come through a local TLS-terminating proxy (or a sidecar) until it does.
public struct HTTPJWKSFetcher: JWKSFetcher {
    /// The host to resolve and connect to.
    public let host: String
    /// The port.
    public let port: Int
    /// The path and query.
    public let target: String
    /// The largest document accepted. Default 256 KiB.
    public let maxBytes: Int
    private let client: HTTPClient

    /// A fetcher for `url` (`http://host[:port]/path`).
    /// - Throws: ``AuthError/Code/invalidConfiguration`` for another scheme or a bad URL.
    public init(url: String, client: HTTPClient, maxBytes: Int = 256 << 10) throws(AuthError) {
        guard url.hasPrefix("http://") else {
            throw AuthError(
                .invalidConfiguration,
                "the JWKS URL must be http:// (the transport has no TLS yet; front an https issuer with a local proxy)")
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let path = rest.dropFirst(authority.count)
        let (host, port) = try Self.split(authority)
        self.host = host
        self.port = port
        self.target = path.isEmpty ? "/" : (path.hasPrefix("?") ? "/" + path : String(path))
        self.maxBytes = maxBytes
        self.client = client
    }

    private static func split(_ authority: Substring) throws(AuthError) -> (String, Int) {
        var host = authority
        var port = 80
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()) else { throw badAuthority(authority) }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let value = Int(authority[authority.index(after: colon)...]) else { throw badAuthority(authority) }
            port = value
        }
        guard !host.isEmpty, (1...65535).contains(port) else { throw badAuthority(authority) }
        return (String(host), port)
    }

    private static func badAuthority(_ authority: Substring) -> AuthError {
        AuthError(
            .invalidConfiguration, "the JWKS URL's host and port \(AuthError.quoted(String(authority))) are invalid")
    }

    public func fetchJWKS() async throws(AuthError) -> JWKSResponse {
        let response: HTTPClientResponse
        do {
            let addresses = try await SocketAddress.resolve(host: host, port: port)
            guard let address = addresses.first else {
                throw AuthError(.jwksUnavailable, "\(host) has no address")
            }
            var headers = HTTPHeaders()
            headers.add(name: "host", value: port == 80 ? host : "\(host):\(port)")
            headers.add(name: "accept", value: "application/jwk-set+json, application/json")
            response = try await client.execute(HTTPClientRequest(address: address, target: target, headers: headers))
        } catch let error as AuthError {
            throw error
        } catch {
            throw AuthError(.jwksUnavailable, "fetching the JWKS from \(host):\(port) failed", cause: error)
        }
        guard response.status == 200 else {
            throw AuthError(.jwksUnavailable, "the JWKS endpoint answered \(response.status)")
        }
        guard response.body.readableBytes <= maxBytes else {
            throw AuthError(.jwksUnavailable, "the JWKS document exceeds \(maxBytes) bytes")
        }
        return JWKSResponse(body: response.body.readableBytesArray, cacheControl: response.headers["cache-control"])
    }
}
