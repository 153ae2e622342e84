internal import Bytes
internal import ProtoRuntime

/// Writes the RPC code of a file's services: for each, a namespace enum holding the service
/// and method descriptors (with the file's descriptors embedded, for reflection, and the REST
/// routes ``HTTPRoutePlanner`` planned from its `google.api.http` rules), the server protocol to
/// implement, and a typed client.
///
/// ```swift
/// struct Greeter: Helloworld_Greeter.ServiceProtocol {
///     func sayHello(_ request: Helloworld_HelloRequest, context: RPCServerContext) async throws -> Helloworld_HelloReply { … }
/// }
/// let reply = try await Helloworld_Greeter.Client(client: rpcClient).sayHello(request)
/// ```
struct ServiceRenderer {
    let file: FileProto
    let symbols: SymbolTable
    let access: String
    let comments: Comments
    /// Every file protoc sent, by name: the service file's dependencies are embedded with it.
    let files: [String: FileProto]
    var diagnostics: [Diagnostic] = []

    /// The four shapes of an RPC; the raw value is the case of `RPC.RPCKind` generated code names.
    enum CallKind: String {
        case unary
        case clientStreaming
        case serverStreaming
        case bidirectionalStreaming

        init(clientStreams: Bool, serverStreams: Bool) {
            switch (clientStreams, serverStreams) {
            case (false, false): self = .unary
            case (true, false): self = .clientStreaming
            case (false, true): self = .serverStreaming
            case (true, true): self = .bidirectionalStreaming
            }
        }
    }

    struct Method {
        var protoName: String
        var swiftName: String
        var kind: CallKind
        var input: String
        var output: String
        var comment: String
        /// Who may call it (`(room619.api.v1.method).access`).
        var access: MethodAccess
    }

    mutating func render(into out: inout SwiftWriter) {
        guard !file.service.isEmpty else { return }
        let descriptors = embeddedDescriptors()
        let (methodAccess, accessDiagnostics) = MethodAccessPlanner.plan(file: file)
        diagnostics += accessDiagnostics
        let (routes, routeDiagnostics) = HTTPRoutePlanner.plan(file: file, symbols: symbols)
        diagnostics += routeDiagnostics
        for (index, service) in file.service.enumerated() {
            out.line()
            renderService(
                service, path: [6, Int32(index)], descriptors: descriptors, methodAccess: methodAccess,
                routes: routes.filter { $0.serviceName == Self.fullName(of: service, in: file) }, into: &out)
        }
    }

    /// The file's descriptor and those of every file it imports, directly or not, serialized
    /// without source info and base64-encoded (a string literal compiles far faster than a byte
    /// array literal).
    func embeddedDescriptors() -> [String] {
        var order: [String] = []
        var seen: Set<String> = []
        func visit(_ name: String) {
            guard seen.insert(name).inserted, let proto = files[name] else { return }
            order.append(name)
            for dependency in proto.dependency { visit(dependency) }
        }
        visit(file.name ?? "")
        return order.compactMap { name in
            guard var proto = files[name] else { return nil }
            proto.sourceCodeInfo = nil
            // partial: descriptors have no required fields left unset, and this cannot fail.
            guard let bytes = try? proto.serializedBuffer(partial: true) else { return nil }
            var text = ByteBuffer()
            bytes.withUnsafeReadableBytes { Base64.encode($0, into: &text) }
            return String(decoding: text.readableBytesArray, as: UTF8.self)
        }
    }

    private mutating func methods(
        of service: Google_Protobuf_ServiceDescriptorProto, path: [Int32], methodAccess: MethodAccessPlanner.Table
    ) -> [Method] {
        let serviceName = Self.fullName(of: service, in: file)
        var result: [Method] = []
        var used: Set<String> = []
        for (index, method) in service.method.enumerated() {
            let name = method.name ?? ""
            var swiftName = SwiftNaming.lowerCamel(name)
            while !used.insert(swiftName).inserted { swiftName += "_" }
            guard let input = symbols[method.inputType ?? ""], let output = symbols[method.outputType ?? ""] else {
                diagnostics.append(
                    Diagnostic(
                        .error, "method \(name) uses a type the generator does not know",
                        at: "\(file.name ?? ""): service \(service.name ?? "")"))
                continue
            }
            let kind = CallKind(
                clientStreams: method.clientStreamingOrDefault, serverStreams: method.serverStreamingOrDefault)
            result.append(
                Method(
                    protoName: name, swiftName: swiftName, kind: kind, input: input.swiftName, output: output.swiftName,
                    comment: comments.leading(path + [2, Int32(index)]),
                    access: methodAccess.access(service: serviceName, method: name)))
        }
        return result
    }

    /// `package.Service`.
    static func fullName(of service: Google_Protobuf_ServiceDescriptorProto, in file: FileProto) -> String {
        let package = file.package ?? ""
        return package.isEmpty ? service.name ?? "" : package + "." + (service.name ?? "")
    }

    private mutating func renderService(
        _ service: Google_Protobuf_ServiceDescriptorProto, path: [Int32], descriptors: [String],
        methodAccess: MethodAccessPlanner.Table, routes: [HTTPRoutePlan], into out: inout SwiftWriter
    ) {
        let protoName = service.name ?? ""
        let package = file.package ?? ""
        let fullName = Self.fullName(of: service, in: file)
        let prefix = file.options?.swiftPrefix ?? SwiftNaming.packagePrefix(package)
        let namespace = prefix + SwiftNaming.upperCamelKeepingCase(protoName)
        let methods = methods(of: service, path: path, methodAccess: methodAccess)
        let comment = comments.leading(path)
        let a = access

        out.docComment(comment.isEmpty ? "The `\(fullName)` service." : comment)
        out.line("///")
        out.line("/// Implement ``ServiceProtocol`` to serve it; call it through ``Client``.")
        out.block("\(a)enum \(namespace): Sendable {") { out in
            out.line("/// The service's name and methods, with the descriptors of \(file.name ?? "") and its imports.")
            out.line("\(a)static let descriptor = RPC.RPCServiceDescriptor(")
            out.line("    name: \(SwiftNaming.stringLiteral(fullName)),")
            out.line("    methods: [\(methods.map { "Method.\($0.swiftName)" }.joined(separator: ", "))],")
            out.line("    file: \(SwiftNaming.stringLiteral(file.name ?? "")),")
            out.line("    fileDescriptors: [")
            for descriptor in descriptors { out.line("        \"\(descriptor)\",") }
            if routes.isEmpty {
                out.line("    ])")
            } else {
                out.line("    ],")
                var routeWriter = SwiftWriter()
                let names = Dictionary(
                    methods.map { ($0.protoName, $0.swiftName) }, uniquingKeysWith: { first, _ in first })
                HTTPRouteRenderer.render(routes, methodNames: names, closing: ")", into: &routeWriter)
                for line in routeWriter.text.split(separator: "\n") { out.line("    " + line) }
            }
            out.line()
            out.line("/// The methods as values, for interceptors, metrics and routing.")
            out.block("\(a)enum Method {") { out in
                for method in methods {
                    out.docComment(method.comment)
                    out.line(
                        "\(a)static let \(SwiftNaming.escaped(method.swiftName)) = RPC.RPCMethodDescriptor(service: "
                            + "\(SwiftNaming.stringLiteral(fullName)), method: \(SwiftNaming.stringLiteral(method.protoName)), "
                            + "kind: .\(method.kind.rawValue)"
                            + (method.access.descriptorArgument.map { ", access: \($0)" } ?? "") + ")")
                }
            }
            out.line()
            renderProtocol(methods, comment: comment, fullName: fullName, into: &out)
            out.line()
            renderClient(methods, fullName: fullName, into: &out)
        }
        out.line()
        out.block("extension \(namespace).ServiceProtocol {") { out in
            out.line("\(a)static var serviceDescriptor: RPC.RPCServiceDescriptor { \(namespace).descriptor }")
            out.line()
            out.line("/// The methods, bound to this implementation.")
            out.block("\(a)var methods: [RPC.RPCServerMethod] {") { out in
                out.line("[")
                for method in methods {
                    let name = "\(namespace).Method.\(SwiftNaming.escaped(method.swiftName))"
                    let call = SwiftNaming.escaped(method.swiftName)
                    switch method.kind {
                    case .unary:
                        out.line("    .unary(\(name)) { try await self.\(call)($0, context: $1) },")
                    case .serverStreaming:
                        out.line(
                            "    .serverStreaming(\(name)) { try await self.\(call)($0, responses: $1, context: $2) },")
                    case .clientStreaming:
                        out.line("    .clientStreaming(\(name)) { try await self.\(call)($0, context: $1) },")
                    case .bidirectionalStreaming:
                        out.line(
                            "    .bidirectionalStreaming(\(name)) { try await self.\(call)($0, responses: $1, context: $2) },"
                        )
                    }
                }
                out.line("]")
            }
        }
    }

    private func renderProtocol(_ methods: [Method], comment: String, fullName: String, into out: inout SwiftWriter) {
        let a = access
        out.line("/// The server side of `\(fullName)`: one method per RPC. Throw an `RPCStatus` to end a call")
        out.line("/// with an error; the request's metadata, deadline and peer are in `context`.")
        out.block("\(a)protocol ServiceProtocol: RPC.RPCService {") { out in
            for (index, method) in methods.enumerated() {
                if index > 0 { out.line() }
                out.docComment(method.comment)
                let name = SwiftNaming.escaped(method.swiftName)
                switch method.kind {
                case .unary:
                    out.line(
                        "nonisolated(nonsending) func \(name)(_ request: \(method.input), context: RPC.RPCServerContext) async throws -> \(method.output)"
                    )
                case .serverStreaming:
                    out.line(
                        "nonisolated(nonsending) func \(name)(_ request: \(method.input), responses: RPC.RPCResponseWriter<\(method.output)>, "
                            + "context: RPC.RPCServerContext) async throws")
                case .clientStreaming:
                    out.line(
                        "nonisolated(nonsending) func \(name)(_ requests: RPC.RPCRequestStream<\(method.input)>, context: RPC.RPCServerContext) "
                            + "async throws -> \(method.output)")
                case .bidirectionalStreaming:
                    out.line(
                        "nonisolated(nonsending) func \(name)(_ requests: RPC.RPCRequestStream<\(method.input)>, "
                            + "responses: RPC.RPCResponseWriter<\(method.output)>, context: RPC.RPCServerContext) async throws"
                    )
                }
            }
        }
    }

    private func renderClient(_ methods: [Method], fullName: String, into out: inout SwiftWriter) {
        let a = access
        out.line("/// A typed client of `\(fullName)` over any `RPCClient` (a channel to a server, or in-process).")
        out.block("\(a)struct Client: Sendable {") { out in
            out.line("\(a)let client: RPC.RPCClient")
            out.line()
            out.line("\(a)init(client: RPC.RPCClient) {")
            out.line("    self.client = client")
            out.line("}")
            for method in methods {
                let name = SwiftNaming.escaped(method.swiftName)
                let descriptor = "Method.\(name)"
                let options = "options: RPC.RPCCallOptions = RPC.RPCCallOptions()"
                out.line()
                out.docComment(method.comment)
                switch method.kind {
                case .unary:
                    out.block(
                        "@concurrent \(a)func \(name)(_ request: \(method.input), \(options)) async throws -> \(method.output) {"
                    ) {
                        out in
                        out.line("try await client.unary(\(descriptor), request, options: options)")
                    }
                    out.line()
                    out.line("/// `\(method.protoName)`, with the response's metadata.")
                    out.block(
                        "@concurrent \(a)func \(name)<Result: Sendable>(_ request: \(method.input), \(options), "
                            + "onResponse: (RPC.RPCClientResponse<\(method.output)>) async throws -> Result) async throws -> Result {"
                    ) { out in
                        out.line(
                            "try await client.unary(\(descriptor), request, options: options, onResponse: onResponse)")
                    }
                case .serverStreaming:
                    out.block(
                        "@concurrent \(a)func \(name)<Result: Sendable>(_ request: \(method.input), \(options), "
                            + "onResponse: (RPC.RPCResponseStream<\(method.output)>) async throws -> Result) async throws -> Result {"
                    ) { out in
                        out.line(
                            "try await client.serverStreaming(\(descriptor), request, options: options, onResponse: onResponse)"
                        )
                    }
                case .clientStreaming:
                    out.block(
                        "@concurrent \(a)func \(name)(\(options), requests: @Sendable (RPC.RPCRequestWriter<\(method.input)>) async throws -> Void) "
                            + "async throws -> \(method.output) {"
                    ) { out in
                        out.line(
                            "try await client.clientStreaming(\(descriptor), options: options, requests: requests)")
                    }
                case .bidirectionalStreaming:
                    out.block(
                        "@concurrent \(a)func \(name)<Result: Sendable>(\(options), "
                            + "_ body: (RPC.RPCBidirectionalCall<\(method.input), \(method.output)>) async throws -> Result) "
                            + "async throws -> Result {"
                    ) { out in
                        out.line("try await client.bidirectionalStreaming(\(descriptor), options: options, body)")
                    }
                }
            }
        }
    }
}
