internal import Bytes
internal import Transport

/// What the host puts in front of its handler: `GET /health/live` (200 while the process runs),
/// `GET /health/ready` (200 when ready, 503 otherwise, from the same state as gRPC health) and
/// the configured ``HTTPEndpoint``s. Everything else (gRPC, REST) goes to the inner handler.
struct HostHTTPHandler: HTTPHandler {
    let inner: any HTTPHandler
    let readiness: Readiness
    /// A handful at most: scanned, so a request builds no lookup key.
    let endpoints: [HTTPEndpoint]

    nonisolated(nonsending) func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        let head = request.head
        let path = head.path
        // Cheap tests first: this runs before every gRPC and REST call.
        if path.utf8.count >= 12, path.hasPrefix("/health/"), head.method == "GET" || head.method == "HEAD" {
            if path == "/health/live" {
                return try await respond(200, #"{"status":"live"}"#, to: response)
            }
            if path == "/health/ready" {
                let (ready, failing) = readiness.status
                if ready { return try await respond(200, #"{"status":"ready"}"#, to: response) }
                let names = failing.map { "\"\($0)\"" }.joined(separator: ",")
                return try await respond(503, #"{"status":"not ready","failing":["# + names + "]}", to: response)
            }
        }
        if !endpoints.isEmpty {
            let method = head.method == "HEAD" ? "GET" : head.method
            if let endpoint = endpoints.first(where: { $0.path == path && $0.method == method }) {
                let answer = await endpoint.respond()
                var headers = HTTPHeaders()
                headers.add(name: "content-type", value: answer.contentType)
                for field in answer.headers { headers.add(name: field.name, value: field.value) }
                return try await response.respond(
                    status: answer.status, headers: headers, body: ByteBuffer(string: answer.body))
            }
        }
        try await inner.handle(request, response)
    }

    private nonisolated(nonsending) func respond(
        _ status: Int, _ json: String, to response: HTTPResponseWriter
    )
        async throws
    {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "cache-control", value: "no-store")
        try await response.respond(status: status, headers: headers, body: ByteBuffer(string: json))
    }
}
