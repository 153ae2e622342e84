internal import Bytes
internal import ProtoRuntime
public import RPC

/// What server reflection serves: the hosted services and the descriptors the generator
/// embedded with them (each service's file and every file it imports).
struct ReflectionIndex: Sendable {
    /// Service names, as `list_services` returns them.
    let services: [String]
    /// Serialized `FileDescriptorProto`s by file name.
    let files: [String: ByteBuffer]
    /// Each file's imports.
    let dependencies: [String: [String]]
    /// Fully qualified symbol (message, enum, service, method, extension) → its file.
    let symbols: [String: String]
    /// Extended message → extension field numbers → the file declaring the extension.
    let extensions: [String: [Int32: String]]

    init(services: [RPCServiceDescriptor]) {
        var files: [String: ByteBuffer] = [:]
        var dependencies: [String: [String]] = [:]
        var symbols: [String: String] = [:]
        var extensions: [String: [Int32: String]] = [:]
        for service in services {
            for encoded in service.fileDescriptors {
                guard let bytes = Array(encoded.utf8).withUnsafeBytes({ Base64.decode($0) }),
                    let file = try? Google_Protobuf_FileDescriptorProto(decoding: bytes),
                    let name = file.name, files[name] == nil
                else { continue }
                files[name] = bytes
                dependencies[name] = file.dependency
                let package = file.package ?? ""
                func qualified(_ scope: String, _ name: String?) -> String {
                    scope.isEmpty ? (name ?? "") : scope + "." + (name ?? "")
                }
                func addExtensions(_ fields: [Google_Protobuf_FieldDescriptorProto], scope: String) {
                    for field in fields {
                        symbols[qualified(scope, field.name)] = name
                        guard let extendee = field.extendee, let number = field.number else { continue }
                        extensions[String(extendee.drop { $0 == "." }), default: [:]][number] = name
                    }
                }
                func addMessage(_ message: Google_Protobuf_DescriptorProto, scope: String) {
                    let full = qualified(scope, message.name)
                    symbols[full] = name
                    for nested in message.nestedType { addMessage(nested, scope: full) }
                    for enumeration in message.enumType { symbols[qualified(full, enumeration.name)] = name }
                    addExtensions(message.extension, scope: full)
                }
                for message in file.messageType { addMessage(message, scope: package) }
                for enumeration in file.enumType { symbols[qualified(package, enumeration.name)] = name }
                addExtensions(file.extension, scope: package)
                for service in file.service {
                    let full = qualified(package, service.name)
                    symbols[full] = name
                    for method in service.method { symbols[qualified(full, method.name)] = name }
                }
            }
        }
        self.services = services.map(\.name).sorted()
        self.files = files
        self.dependencies = dependencies
        self.symbols = symbols
        self.extensions = extensions
    }

    /// `name` and every file it imports, directly or not, the file itself first.
    func closure(of name: String) -> [ByteBuffer] {
        var seen: Set<String> = []
        var order: [String] = []
        var stack = [name]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted, files[next] != nil else { continue }
            order.append(next)
            stack += (dependencies[next] ?? []).reversed()
        }
        return order.compactMap { files[$0] }
    }

    /// The v1 answer to one request.
    func answer(_ request: Grpc_Reflection_V1_ServerReflectionRequest) -> Grpc_Reflection_V1_ServerReflectionResponse {
        var response = Grpc_Reflection_V1_ServerReflectionResponse()
        response.validHost = request.host
        response.originalRequest = request
        func notFound(_ message: String) {
            var error = Grpc_Reflection_V1_ErrorResponse()
            error.errorCode = Int32(RPCStatus.Code.notFound.rawValue)
            error.errorMessage = message
            response.messageResponse = .errorResponse(error)
        }
        func files(_ name: String) {
            var files = Grpc_Reflection_V1_FileDescriptorResponse()
            files.fileDescriptorProto = closure(of: name)
            response.messageResponse = .fileDescriptorResponse(files)
        }
        switch request.messageRequest {
        case .listServices:
            var list = Grpc_Reflection_V1_ListServiceResponse()
            list.service = services.map { name in
                var service = Grpc_Reflection_V1_ServiceResponse()
                service.name = name
                return service
            }
            response.messageResponse = .listServicesResponse(list)
        case .fileByFilename(let name):
            if self.files[name] != nil { files(name) } else { notFound("no file \(name)") }
        case .fileContainingSymbol(let symbol):
            let symbol = String(symbol.drop { $0 == "." })
            if let file = symbols[symbol] { files(file) } else { notFound("no symbol \(symbol)") }
        case .fileContainingExtension(let request):
            let type = String(request.containingType.drop { $0 == "." })
            if let file = extensions[type]?[request.extensionNumber] {
                files(file)
            } else {
                notFound("no extension \(request.extensionNumber) of \(type)")
            }
        case .allExtensionNumbersOfType(let type):
            let type = String(type.drop { $0 == "." })
            guard symbols[type] != nil else {
                notFound("no type \(type)")
                break
            }
            var numbers = Grpc_Reflection_V1_ExtensionNumberResponse()
            numbers.baseTypeName = type
            numbers.extensionNumber = (extensions[type] ?? [:]).keys.sorted()
            response.messageResponse = .allExtensionNumbersResponse(numbers)
        case nil:
            var error = Grpc_Reflection_V1_ErrorResponse()
            error.errorCode = Int32(RPCStatus.Code.invalidArgument.rawValue)
            error.errorMessage = "the request names no query"
            response.messageResponse = .errorResponse(error)
        }
        return response
    }
}

/// `grpc.reflection.v1.ServerReflection`: lets grpcurl, grpcio's reflection client and the
/// like discover the services of a server and their descriptors.
///
/// ```swift
/// let reflection = ReflectionService(services: [orders, health])  // itself included
/// let rpc = RPCServer(services: [orders, health] + reflection.bothVersions)
/// ```
public struct ReflectionService: Grpc_Reflection_V1_ServerReflection.ServiceProtocol {
    let index: ReflectionIndex

    /// Reflection over `services` and the reflection services themselves (v1 and v1alpha).
    public init(services: [any RPCService]) {
        let descriptors =
            services.map { type(of: $0).serviceDescriptor } + [
                Grpc_Reflection_V1_ServerReflection.descriptor, Grpc_Reflection_V1alpha_ServerReflection.descriptor,
            ]
        index = ReflectionIndex(services: descriptors)
    }

    /// This service and its `v1alpha` twin (older clients, grpcio's reflection database, ask that).
    public var bothVersions: [any RPCService] { [self, ReflectionServiceV1Alpha(index: index)] }

    public func serverReflectionInfo(
        _ requests: RPCRequestStream<Grpc_Reflection_V1_ServerReflectionRequest>,
        responses: RPCResponseWriter<Grpc_Reflection_V1_ServerReflectionResponse>, context: RPCServerContext
    ) async throws {
        for try await request in requests { try await responses.write(index.answer(request)) }
    }
}

/// `grpc.reflection.v1alpha.ServerReflection`. Its messages have the same fields and numbers as
/// v1's, so requests and answers cross between the two through their binary encoding.
struct ReflectionServiceV1Alpha: Grpc_Reflection_V1alpha_ServerReflection.ServiceProtocol {
    let index: ReflectionIndex

    func serverReflectionInfo(
        _ requests: RPCRequestStream<Grpc_Reflection_V1alpha_ServerReflectionRequest>,
        responses: RPCResponseWriter<Grpc_Reflection_V1alpha_ServerReflectionResponse>, context: RPCServerContext
    ) async throws {
        for try await request in requests {
            let v1 = try Grpc_Reflection_V1_ServerReflectionRequest(decoding: request.serializedBuffer())
            let answer = try Grpc_Reflection_V1alpha_ServerReflectionResponse(
                decoding: index.answer(v1).serializedBuffer())
            try await responses.write(answer)
        }
    }
}
