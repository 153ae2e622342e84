// libFuzzer target: the gateway's path-template parser, router (request-path checks, matching,
// variable decoding) and query-string parser on arbitrary bytes. Compiled into the HTTPRouting module
// together with Sources/HTTPRouting/ only (which needs nothing but the standard library;
// Errors/ and its RPC dependency stay out):
//
//   ROOT=$PWD OUT=$ROOT/.build-fuzz/gateway && mkdir -p "$OUT/obj" && cd "$OUT/obj" &&
//   swiftc -swift-version 6 -enable-upcoming-feature InternalImportsByDefault \
//     -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature ExistentialAny \
//     -package-name room619 -parse-as-library -wmo -O -g -sanitize=fuzzer,address -use-ld=lld \
//     -module-name HTTPRouting $(find "$ROOT/Sources/HTTPRouting" -name '*.swift' | sort) \
//     "$ROOT/Fuzz/Gateway/GatewayRoutingFuzz.swift" -o "$OUT/gateway-routing-fuzzer"
//   "$OUT/gateway-routing-fuzzer" -max_total_time=60 -timeout=2 -rss_limit_mb=2048
//
// (Run from the repository root; the build happens in obj/ because swiftc leaves module files in
// the working directory, as Fuzz/build-http.sh does.)
//
// Byte 0 picks the router configuration (bits 0–3) and the method (bits 4–5). The rest is split
// at its first `\n`: before it, a request target (path and query) for the routers and a template
// for the template parser; after it, a query string. Nothing may trap, the same input must give
// the same answer twice, refusals must be 4xx with the right code, what the query parser accepts
// must survive an encode/parse round trip, and what the template parser accepts must survive
// its canonical form.

private let templates = [
    "/v1/items/{id}", "/v1/items/{id}:cancel", "/v1/items:batchGet", "/v1/{name=shelves/*/books/*}",
    "/v1/{name=shelves/*}:archive", "/v1/files/{path=**}", "/v1/files/{path=**}:undelete", "/v1/users/me",
    "/v1/users/{user.id}/orders/{order_id}", "/v1/*/x/**", "/v1/~user/a%2Fb", "/{all=**}", "/health",
]

private let methods = ["GET", "POST", "DELETE", "*"]

private func configuration(_ bits: UInt8) -> RouterConfiguration {
    RouterConfiguration.defaults {
        $0.trailingSlash = bits & 1 == 0 ? .ignored : .significant
        $0.multiSegmentDecoding = bits & 2 == 0 ? .allExceptSlash : .allExceptReserved
        $0.rejectsEncodedSlashes = bits & 4 != 0
        if bits & 8 != 0 {
            $0.limits.maxSegments = 6
            $0.limits.maxPathBytes = 64
        }
    }
}

private let routers: [Router<Int>] = (0..<16).map { bits in
    var routes: [(method: String, template: PathTemplate, route: Int)] = []
    for (index, text) in templates.enumerated() {
        guard let template = try? PathTemplate(text) else { preconditionFailure("invalid fixed template \(text)") }
        routes.append((method: methods[index % methods.count], template: template, route: index))
    }
    guard let router = try? Router(routes: routes, configuration: configuration(UInt8(bits))) else {
        preconditionFailure("the fixed route table does not build")
    }
    return router
}

private func describe(_ result: Result<RouteMatch<Int>, RequestPathError>) -> String {
    switch result {
    case .success(.matched(let match)): "\(match.route) \(match.bindings)"
    case .success(.methodNotAllowed(let allowed)): "405 \(allowed)"
    case .success(.notFound): "404"
    case .failure(let error): "\(error)"
    }
}

private func checkRouter(_ router: Router<Int>, method: String, target: String) {
    let first = Result { () throws(RequestPathError) in try router.match(method: method, path: target) }
    let second = Result { () throws(RequestPathError) in try router.match(method: method, path: target) }
    precondition(describe(first) == describe(second), "matching is not deterministic")
    let pathBytes = target.utf8.prefix { $0 != UInt8(ascii: "?") }.count
    switch first {
    case .success(.matched(let match)):
        precondition(match.method == method || match.method == "*", "a route for another method matched")
        precondition(match.bindings.count == match.template.variables.count, "a variable without a binding")
        precondition(pathBytes <= router.configuration.limits.maxPathBytes, "a path over the limit matched")
    case .success(.methodNotAllowed(let allowed)):
        precondition(!allowed.isEmpty && allowed == allowed.sorted() && !allowed.contains(method), "a bad Allow list")
    case .success(.notFound):
        break
    case .failure(let error):
        precondition(error.httpStatus == 400 || error.httpStatus == 414, "a refusal that is not 400 or 414")
        if target.utf8.first == UInt8(ascii: "/") && pathBytes > router.configuration.limits.maxPathBytes {
            precondition(error.code == .pathTooLong, "a long path refused for something else")
        }
    }
}

/// Percent-encodes everything but unreserved characters, with `+` for a space.
private func formEncode(_ text: String) -> String {
    var output = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            output.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: " "):
            output += "+"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            output += "%" + (hex.count == 1 ? "0" : "") + hex
        }
    }
    return output
}

private func checkQuery(_ query: String) {
    let parser = QueryStringParser(configuration: .defaults { $0.maxParameters = 64 })
    do {
        let parameters = try parser.parse(query)
        precondition(parameters.count <= 64, "more parameters than the limit")
        let encoded = parameters.map { formEncode($0.key) + "=" + formEncode($0.value) }.joined(separator: "&")
        let roomy = QueryStringParser(configuration: .defaults { $0.maxBytes = 1 << 20 })
        guard let again = try? roomy.parse(encoded) else { preconditionFailure("a re-encoded query does not parse") }
        precondition(again == parameters, "a query changes through an encode/parse round trip")
    } catch {
        precondition(error.httpStatus == 400 || error.httpStatus == 414, "a refusal that is not 400 or 414")
    }
}

private func checkTemplate(_ text: String, target: String) {
    guard let template = try? PathTemplate(text) else { return }
    guard let again = try? PathTemplate(template.canonical) else {
        preconditionFailure("the canonical form does not parse")
    }
    precondition(again == template, "a template changes through its canonical form")
    precondition(again.routingShape == template.routingShape, "a shape changes through the canonical form")
    guard let router = try? Router(routes: [(method: "GET", template: template, route: 0)]) else { return }
    checkRouter(router, method: "GET", target: target)
    checkRouter(router, method: "GET", target: template.canonical)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func gatewayRoutingFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let selector = input[0]
    let rest = input[1...]
    let newline = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
    let target = String(decoding: rest[..<newline], as: UTF8.self)
    let query = newline < rest.endIndex ? String(decoding: rest[(newline + 1)...], as: UTF8.self) : ""
    let router = routers[Int(selector & 0x0F)]
    checkRouter(router, method: methods[Int(selector >> 4) & 3], target: target)
    checkQuery(query)
    checkTemplate(target, target: query)
    return 0
}
