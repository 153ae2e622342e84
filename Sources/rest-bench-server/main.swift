// The REST benchmark's workload served from a contract (Protos/bench/v1/rest_service.proto):
//   GET  /v1/items/{id}  → 200 {"id":"<id>","name":"item-<id>","priceCents":1999}
//   POST /v1/echo        → 200 echoing {"message":"…","id":"…"}
// The same answers as http-bench-server's hand-written handler, but through the gateway: routed by
// the generated google.api.http table, transcoded from proto3 JSON, validated against the
// contract's buf.validate rules, run on generated handlers, encoded back. gRPC is served on the
// same port. Benchmarks/Scripts/rest-compare.sh measures the two side by side.
// Follows the process conventions of ServiceHost: HOST/PORT (or --host=/--port=), "listening on …",
// SIGTERM.
internal import Gateway
internal import RPC
internal import ServiceHost

struct Items: Bench_V1_ItemService.ServiceProtocol {
    func getItem(_ request: Bench_V1_GetItemRequest, context: RPCServerContext) async throws -> Bench_V1_Item {
        Bench_V1_Item(id: request.id, name: "item-" + request.id, priceCents: 1999)
    }

    func echo(_ request: Bench_V1_ValidatedEcho, context: RPCServerContext) async throws -> Bench_V1_ValidatedEcho {
        request
    }
}

// The gateway's defaults, as a user gets them (unpopulated fields emitted, as grpc-gateway v2 does).
await ProcessHost.serve(rpcServices: [Items()]) { server in try GatewayHandler(server: server) }
