// The bookstore as a process: gRPC and REST on one port (the REST routes are the google.api.http
// rules in Protos/bookstore/v1/catalog_service.proto), with health, SIGTERM and the
// `listening on HOST:PORT` line from ServiceHost.
//
//   swift run --package-path Examples bookstore-server --port=8080
//   curl -i -X POST localhost:8080/v1/books -d '{"isbn":"0131103628","title":"C","authors":["K&R"]}'
//   curl -s localhost:8080/v1/books/0131103628
//   curl -s 'localhost:8080/v1/books?author=K%26R'
import Bookstore
import Gateway
import ServiceHost

await ProcessHost.serve(rpcServices: [CatalogService(name: "shelf")]) { server in
    try GatewayHandler(server: server)
}
