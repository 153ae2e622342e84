// The sample contracts' server (Tests/Support/SampleServices): user.v1.UserService,
// product.v1.ProductService and order.v1.OrderService in memory, over gRPC and REST (their
// google.api.http routes) on one port, with ServiceHost's conventions
// (`--port=`/PORT, `--host=`/HOST, the `listening on HOST:PORT` line, SIGTERM to stop). Each
// `--admin-email=EMAIL` names an account that gets ROLE_ADMIN when it signs up.
// Tests/REST/schemathesis runs schemathesis against it.
internal import Gateway
internal import SampleServices
internal import ServiceHost

let administratorEmails = Set(
    CommandLine.arguments.compactMap { argument -> String? in
        let flag = "--admin-email="
        return argument.hasPrefix(flag) ? String(argument.dropFirst(flag.count)) : nil
    })

await ProcessHost.serve(rpcServices: SampleServices(administratorEmails: administratorEmails).all) { server in
    try GatewayHandler(server: server)
}
