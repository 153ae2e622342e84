import Bytes
import Foundation
import RPC
import RestTestbed
import Testing
import Transport

@testable import Gateway

/// How long a test waits for something that should happen soon (only a failing test waits this long).
let testPatience: Duration = .seconds(30)

/// The REST testbed on a loopback port: the library service behind a ``GatewayHandler``, and
/// HTTP/1.1 and h2c clients.
struct Testbed: Sendable {
    let address: SocketAddress
    let service: LibraryService
    let http1: HTTPClient
    let h2c: HTTPClient

    /// The client for `version`.
    func client(_ version: HTTPClient.Configuration.Version) -> HTTPClient {
        version == .http1_1 ? http1 : h2c
    }

    /// Sends one request and returns the whole response.
    func send(
        _ method: String, _ target: String, body: String? = nil, headers: HTTPHeaders = [:],
        over version: HTTPClient.Configuration.Version = .http1_1
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(method: method, address: address, target: target, headers: headers)
        if let body {
            request.body = ByteBuffer(string: body)
            if headers["content-type"] == nil { request.headers.add(name: "content-type", value: "application/json") }
        }
        return try await client(version).execute(request)
    }

    /// `http://127.0.0.1:PORT` + `path`, for curl.
    func url(_ path: String) -> String { "http://\(address)\(path)" }
}

/// Runs `body` with the testbed serving on a loopback port.
func withTestbed(
    configuration: GatewayConfiguration = .defaults, rpc: RPCServer.Configuration = .init(),
    _ body: (Testbed) async throws -> Void
) async throws {
    let service = LibraryService()
    let server = RPCServer(services: [service], configuration: rpc)
    let handler = try GatewayHandler(
        server: server, services: [Room619_Testing_Library_V1_Library.descriptor], configuration: configuration)
    let group = try EventLoopGroup(loopCount: 1)
    let http = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: handler, group: group)
    let address = try await http.start()
    var h2 = HTTPClient.Configuration()
    h2.version = .http2PriorKnowledge
    let testbed = Testbed(
        address: address, service: service, http1: HTTPClient(group: group),
        h2c: HTTPClient(configuration: h2, group: group))
    defer {
        testbed.http1.shutdown()
        testbed.h2c.shutdown()
    }
    do {
        try await body(testbed)
    } catch {
        await http.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
        throw error
    }
    await http.shutdown(gracePeriod: .seconds(1))
    group.shutdown()
}

extension HTTPClientResponse {
    /// The body as text.
    var text: String { String(decoding: body.readableBytesArray, as: UTF8.self) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesArray), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }

    /// The `google.rpc.Status` body's code, message and first field violation's field.
    func status() throws -> (code: Int, message: String, field: String?) {
        let object = try json()
        let details = object["details"] as? [[String: Any]] ?? []
        let violations = details.first { ($0["@type"] as? String)?.hasSuffix("google.rpc.BadRequest") == true }
        let field = (violations?["fieldViolations"] as? [[String: Any]])?.first?["field"] as? String
        return (object["code"] as? Int ?? -1, object["message"] as? String ?? "", field)
    }
}
