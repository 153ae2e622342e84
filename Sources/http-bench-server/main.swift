// The REST benchmark server of ../shared/peers/README.md ("Workload"), over HTTP/1.1:
//   GET  /v1/items/{id}  → 200 {"id":"<id>","name":"item-<id>","priceCents":1999}
//   POST /v1/echo        → 200 echoing {"message":"…","id":"…"}
// Like the Hummingbird peer, the echo decodes the body into a typed value (a generated
// message, with room619's JSON codec) and encodes it again, so both measure the same work.
// Follows the process conventions of ServiceHost: HOST/PORT (or --host=/--port=), "listening on …",
// SIGTERM.
internal import Bytes
internal import ProtoRuntime
internal import ServiceHost
internal import Transport

struct BenchHandler: HTTPHandler {
    static let jsonHeaders: HTTPHeaders = ["content-type": "application/json"]

    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        let path = request.head.path
        switch request.head.method {
        case "GET" where path.hasPrefix("/v1/items/") && path.count > "/v1/items/".count:
            let id = String(path.dropFirst("/v1/items/".count))
            let item = Bench_V1_Item(id: id, name: "item-" + id, priceCents: 1999)
            var body = ByteBuffer()
            try item.encodeJSON(into: &body)
            try await response.respond(status: 200, headers: Self.jsonHeaders, body: body)
        case "POST" where path == "/v1/echo":
            let input: ByteBuffer
            do {
                input = try await request.body.collect(upTo: 1 << 20)
            } catch let error as HTTPError where error.code == .tooLarge {
                try await response.respond(
                    status: 413, headers: ["content-type": "text/plain"], body: ByteBuffer(string: "\(error)\n"))
                return
            }
            let message: Bench_V1_EchoMessage
            do {
                message = try Bench_V1_EchoMessage(decodingJSON: input)
            } catch {
                try await response.respond(
                    status: 400, headers: ["content-type": "text/plain"], body: ByteBuffer(string: "\(error)\n"))
                return
            }
            var body = ByteBuffer()
            try message.encodeJSON(into: &body)
            try await response.respond(status: 200, headers: Self.jsonHeaders, body: body)
        default:
            try await response.respond(
                status: 404, headers: ["content-type": "text/plain"], body: ByteBuffer(string: "not found\n"))
        }
    }
}

await ProcessHost.serve(httpHandler: BenchHandler())
