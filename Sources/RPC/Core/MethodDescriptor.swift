/// The four shapes of an RPC.
public enum RPCKind: String, Sendable, Hashable {
    case unary
    case clientStreaming = "client_streaming"
    case serverStreaming = "server_streaming"
    case bidirectionalStreaming = "bidi_streaming"

    /// Whether the client may send more than one message.
    public var clientStreams: Bool { self == .clientStreaming || self == .bidirectionalStreaming }
    /// Whether the server may send more than one message.
    public var serverStreams: Bool { self == .serverStreaming || self == .bidirectionalStreaming }
}

/// One method of a service, as a value: generated code declares one per RPC, and interceptors,
/// metrics and routing key on it.
///
/// ```swift
/// let method = Grpc_Testing_TestService.Method.unaryCall
/// print(method.path)  // "/grpc.testing.TestService/UnaryCall"
/// ```
public struct RPCMethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The fully qualified service name: `grpc.testing.TestService`.
    public let service: String
    /// The method name as in the contract: `UnaryCall`.
    public let method: String
    /// Unary or streaming.
    public let kind: RPCKind
    /// The `:path` of its requests: `/grpc.testing.TestService/UnaryCall`.
    public let path: String
    /// Who may call it (`room619.api.v1.method` `access`); ``RPCAccess/signedIn`` when the
    /// contract says nothing.
    public let access: RPCAccess

    public init(service: String, method: String, kind: RPCKind, access: RPCAccess = .signedIn) {
        self.service = service
        self.method = method
        self.kind = kind
        self.path = "/" + service + "/" + method
        self.access = access
    }

    public var description: String { service + "/" + method }

    /// The service and method named by a `:path`, or `nil` when it is not `/service/method`.
    public static func split(path: String) -> (service: Substring, method: Substring)? {
        guard path.hasPrefix("/") else { return nil }
        let rest = path.dropFirst()
        guard let slash = rest.lastIndex(of: "/") else { return nil }
        let service = rest[..<slash]
        let method = rest[rest.index(after: slash)...]
        guard !service.isEmpty, !method.isEmpty else { return nil }
        return (service, method)
    }
}

/// A service as a value: its name and methods, for routing, reflection and health.
public struct RPCServiceDescriptor: Sendable, Hashable {
    /// The fully qualified name: `grpc.testing.TestService`.
    public let name: String
    /// Its methods, in contract order.
    public let methods: [RPCMethodDescriptor]
    /// The `.proto` file that declares it (`grpc/testing/test.proto`), for reflection.
    public let file: String
    /// Serialized `FileDescriptorProto`s, base64: ``file`` first, then every file it imports,
    /// directly or not (what reflection serves).
    public let fileDescriptors: [String]
    /// The REST bindings of its methods (`google.api.http`), in contract order: what the gateway
    /// serves. Empty for a service without HTTP rules.
    public let httpRoutes: [RPCHTTPRoute]

    public init(
        name: String, methods: [RPCMethodDescriptor], file: String, fileDescriptors: [String] = [],
        httpRoutes: [RPCHTTPRoute] = []
    ) {
        self.name = name
        self.methods = methods
        self.file = file
        self.fileDescriptors = fileDescriptors
        self.httpRoutes = httpRoutes
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name && lhs.file == rhs.file }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
