// swift-tools-version:6.1
// room619: a contract-first microservice platform. No package dependencies, by design:
// the toolchain and Debian's system libraries are the whole toolbox (see ARCHITECTURE.md).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "room619",
    products: [
        .library(name: "Bytes", targets: ["Bytes"]),
        .library(name: "ProtoRuntime", targets: ["ProtoRuntime"]),
        .library(name: "ContractCodegen", targets: ["ContractCodegen"]),
        .library(name: "GoogleContracts", targets: ["GoogleContracts"]),
        .library(name: "CommonContracts", targets: ["CommonContracts"]),
        .library(name: "UserContracts", targets: ["UserContracts"]),
        .library(name: "ProductContracts", targets: ["ProductContracts"]),
        .library(name: "OrderContracts", targets: ["OrderContracts"]),
        .executable(name: "protoc-gen-room619", targets: ["protoc-gen-room619"]),
        .executable(name: "room619", targets: ["room619"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "RPC", targets: ["RPC"]),
        .library(name: "RPCHTTP2", targets: ["RPCHTTP2"]),
        .library(name: "InteropContracts", targets: ["InteropContracts"]),
        .library(name: "StandardServices", targets: ["StandardServices"]),
        .library(name: "ServiceHost", targets: ["ServiceHost"]),
        .library(name: "Validation", targets: ["Validation"]),
        .library(name: "HTTPRouting", targets: ["HTTPRouting"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "Access", targets: ["Access"]),
        .library(name: "Platform", targets: ["Platform"]),
        .library(name: "PlatformTesting", targets: ["PlatformTesting"]),
        .library(name: "Auth", targets: ["Auth"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "UserService", targets: ["UserService"]),
        .library(name: "ProductService", targets: ["ProductService"]),
        .executable(name: "interop-server", targets: ["interop-server"]),
        .executable(name: "interop-client", targets: ["interop-client"]),
        .executable(name: "benchmark-server", targets: ["benchmark-server"]),
        .executable(name: "http-bench-server", targets: ["http-bench-server"]),
        .executable(name: "rest-bench-server", targets: ["rest-bench-server"]),
        .plugin(name: "ContractCodegenPlugin", targets: ["ContractCodegenPlugin"]),
    ],
    targets: [
        // Bytes: the one buffer type every layer shares.
        .target(name: "Bytes", swiftSettings: strict),

        // Protobuf runtime: wire format, well-known types, descriptor types.
        .target(name: "ProtoRuntime", dependencies: ["Bytes"], swiftSettings: strict),

        // Validation: what generated validators call at run time (violations, string formats, the
        // linear-time RE2 matcher); the generator uses the same matcher to reject bad patterns.
        .target(name: "Validation", dependencies: ["ProtoRuntime"], swiftSettings: strict),

        // Code generation: descriptors in, Swift text out; the executables are thin shells.
        .target(
            name: "ContractCodegen", dependencies: ["ProtoRuntime", "Validation", "HTTPRouting"], swiftSettings: strict),
        .executableTarget(name: "protoc-gen-room619", dependencies: ["ContractCodegen"], swiftSettings: strict),
        .executableTarget(
            name: "room619", dependencies: ["ContractCodegen", "ProtoRuntime", "Scaffolding", "Platform", "ServiceHost"],
            swiftSettings: strict),
        // Scaffolding: the files `room619 new service NAME` writes (standard library only).
        .target(name: "Scaffolding", swiftSettings: strict),
        .plugin(
            name: "ContractCodegenPlugin",
            capability: .buildTool(),
            dependencies: ["protoc-gen-room619"]
        ),

        // Transport: event loops over epoll, TCP, HTTP/1.1 and HTTP/2 server and client, behind one
        // handler interface.
        .target(name: "CTransport"),
        .target(name: "Transport", dependencies: ["Bytes", "CTransport"], swiftSettings: strict),
        .executableTarget(
            name: "http-bench-server", dependencies: ["ServiceHost", "Transport", "ProtoRuntime", "Bytes"],
            exclude: ["contracts.json"], swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),

        // The same REST workload from a contract (bench/v1/rest_service.proto), through the gateway.
        .executableTarget(
            name: "rest-bench-server", dependencies: ["Gateway", "ServiceHost", "RPC", "ProtoRuntime", "Validation"],
            exclude: ["contracts.json"], swiftSettings: strict + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")],
            plugins: ["ContractCodegenPlugin"]),

        // RPC: the gRPC call layer without sockets (status, metadata, descriptors, framing,
        // compression, deadlines, interceptors, call engines, retries, the in-process transport).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "RPC", dependencies: ["Bytes", "ProtoRuntime", "GoogleContracts", "Validation", "CZlib"],
            swiftSettings: strict),
        // RPCHTTP2: gRPC over the transport's HTTP/2 (the server as an HTTPHandler, the channel,
        // stream adapters, header mapping).
        .target(name: "RPCHTTP2", dependencies: ["RPC", "Transport", "Bytes"], swiftSettings: strict),

        // Storage: one small SQL interface (values, typed rows, transactions, statement cache, pool,
        // migrations) over SQLite (the embedded default) and PostgreSQL, each through Debian's C client.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPostgres", path: "Sources/CPostgres", providers: [.apt(["libpq-dev"])]),
        .target(name: "Storage", dependencies: ["CSQLite", "CPostgres"], swiftSettings: strict),

        // ProductService: product.v1.ProductService on Storage (catalogue, full-text search, stock
        // reservations enforced by the database), its reservation sweeper and the catalogue seeder.
        .target(
            name: "ProductService",
            dependencies: [
                "ProductContracts", "CommonContracts", "Storage", "Access", "RPC", "ServiceHost", "ProtoRuntime",
            ],
            swiftSettings: strict),

        // HTTPRouting: google.api.http path templates, the route trie and query strings, on the
        // standard library alone: the generator checks routes with it at build time, the gateway
        // routes requests with it.
        .target(name: "HTTPRouting", swiftSettings: strict),
        // Gateway: REST ⇄ RPC transcoding on the same handlers (proto3 JSON, the gRPC ⇄ HTTP status
        // mapping, streaming as NDJSON or SSE), and the handler that serves gRPC and REST on one port.
        .target(
            name: "Gateway",
            dependencies: ["HTTPRouting", "RPC", "RPCHTTP2", "Transport", "ProtoRuntime", "Bytes", "GoogleContracts"],
            swiftSettings: strict),

        // Auth: password hashes (Argon2id), JWT signing and verification (EdDSA, ES256, RS256,
        // HS256) with key rotation, JWKS publishing and fetching, refresh tokens; the crypto is
        // OpenSSL 3's libcrypto and libargon2, never hand-written.
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CArgon2", path: "Sources/CArgon2", providers: [.apt(["libargon2-dev"])]),
        .target(
            name: "Auth", dependencies: ["Bytes", "ProtoRuntime", "Transport", "COpenSSL", "CArgon2"],
            swiftSettings: strict),

        // Access: who may call what. The auth interceptor enforces each method's declared access
        // (public, signed in with roles, internal) with Auth's token verification, on gRPC and
        // REST alike, and hands handlers the caller as a Principal.
        .target(name: "Access", dependencies: ["Auth", "RPC"], swiftSettings: strict),

        // Platform: the services, the gateway, auth and storage assembled into one process
        // (`room619 run`) or one service per process (`room619 serve`), from a configuration file,
        // the environment and flags.
        .target(
            name: "Platform",
            dependencies: [
                "ServiceHost", "Auth", "Access", "Gateway", "RPC", "Transport", "Storage", "UserService", "ProductService",
            ],
            swiftSettings: strict),

        // PlatformTesting: for users' own services' tests: a fresh embedded database per test, the
        // service in process or on a loopback port, tokens from a test authority.
        .target(
            name: "PlatformTesting",
            dependencies: [
                "Storage", "RPC", "RPCHTTP2", "ServiceHost", "Gateway", "Transport", "Auth", "Access",
            ],
            swiftSettings: strict),

        // UserService: user.v1.UserService on Storage (accounts, Argon2id sign-up, sign-in with JWTs
        // and rotating refresh tokens, a per-account and per-address login limiter, its migrations).
        .target(
            name: "UserService",
            dependencies: [
                "UserContracts", "CommonContracts", "Storage", "Auth", "Access", "RPC", "ProtoRuntime", "Validation",
            ],
            swiftSettings: strict),

        // gRPC's standard services, generated from /usr/share/grpc-proto: health checking
        // (grpc.health.v1) and server reflection (grpc.reflection.v1 and v1alpha).
        .target(
            name: "StandardServices", dependencies: ["ProtoRuntime", "RPC", "Bytes"], exclude: ["contracts.json"],
            swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),

        // ServiceHost: the process edge of every server (flags and environment, signals, the listener,
        // health, long-lived services, ordered graceful shutdown).
        .target(
            name: "ServiceHost", dependencies: ["RPC", "RPCHTTP2", "Transport", "StandardServices"],
            swiftSettings: strict),

        // gRPC's interop and benchmark contracts (/usr/share/grpc-proto/grpc/testing), shared by the
        // interop executables, the benchmark server and the tests.
        .target(
            name: "InteropContracts", dependencies: ["ProtoRuntime", "RPC"], path: "Sources/Contracts/InteropContracts",
            exclude: ["contracts.json"], swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),
        .target(
            name: "InteropServices", dependencies: ["InteropContracts", "RPC", "Transport", "Bytes"],
            swiftSettings: strict),
        .executableTarget(
            name: "interop-server", dependencies: ["InteropServices", "ServiceHost"], swiftSettings: strict),
        .executableTarget(
            name: "interop-client", dependencies: ["InteropServices", "RPC", "RPCHTTP2", "Transport"],
            swiftSettings: strict),
        .executableTarget(
            name: "benchmark-server", dependencies: ["InteropContracts", "RPC", "ServiceHost", "Bytes"],
            swiftSettings: strict),

        // Google's error model (Protos/google/rpc: Status, Code, the standard error details), messages
        // only: contract targets and RPC share it, and it must not pull in the network.
        .target(
            name: "GoogleContracts", dependencies: ["ProtoRuntime"], path: "Sources/Contracts/GoogleContracts",
            exclude: ["contracts.json"], swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),

        // The platform's own contracts (Protos/), generated by the plugin at build time.
        .target(
            name: "CommonContracts", dependencies: ["ProtoRuntime", "GoogleContracts", "Validation"], path: "Sources/Contracts/CommonContracts",
            exclude: ["contracts.json"],
            swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),
        .target(
            name: "UserContracts", dependencies: ["ProtoRuntime", "CommonContracts", "Validation", "RPC"],
            path: "Sources/Contracts/UserContracts", exclude: ["contracts.json"], swiftSettings: strict,
            plugins: ["ContractCodegenPlugin"]),
        .target(
            name: "ProductContracts", dependencies: ["ProtoRuntime", "CommonContracts", "Validation", "RPC"],
            path: "Sources/Contracts/ProductContracts", exclude: ["contracts.json"], swiftSettings: strict,
            plugins: ["ContractCodegenPlugin"]),
        .target(
            name: "OrderContracts", dependencies: ["ProtoRuntime", "CommonContracts", "ProductContracts", "Validation", "RPC"],
            path: "Sources/Contracts/OrderContracts", exclude: ["contracts.json"], swiftSettings: strict,
            plugins: ["ContractCodegenPlugin"]),

        // A small validated service for the validation tests (Tests/Support): its contract, an
        // implementation that counts handler runs, and a server executable for the grpcio peer test.
        .target(
            name: "Signup", dependencies: ["ProtoRuntime", "RPC", "Validation"], path: "Tests/Support/Signup",
            exclude: ["contracts.json", "room619"], swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),
        // A throwaway PostgreSQL cluster (initdb + pg_ctl on a loopback port in a temporary
        // directory), started once per test process and stopped at its exit.
        .target(name: "PostgresCluster", path: "Tests/Support/PostgresCluster", swiftSettings: strict),
        // Runs the Python peers of the cross-check tests.
        .target(name: "PeerProcess", path: "Tests/Support/PeerProcess", swiftSettings: strict),
        .executableTarget(
            name: "signup-server", dependencies: ["Signup", "ServiceHost"], path: "Tests/Support/signup-server",
            swiftSettings: strict),
        // In-memory services of the sample contracts (user, product, order), and the server that
        // serves them for the REST and schemathesis tests (Tests/REST/schemathesis).
        .target(
            name: "SampleServices",
            dependencies: [
                "UserContracts", "ProductContracts", "OrderContracts", "CommonContracts", "ProtoRuntime", "RPC",
            ],
            path: "Tests/Support/SampleServices", swiftSettings: strict),
        .executableTarget(
            name: "sample-server", dependencies: ["SampleServices", "ServiceHost", "Gateway"], path: "Tests/Support/sample-server",
            swiftSettings: strict),
        // The REST testbed (Tests/Support/RestTestbed): a library contract with every google.api.http
        // mapping shape, an in-memory implementation that counts handler runs, and its server
        // (gRPC and REST on one port) for the gateway tests and the curl suites.
        .target(
            name: "RestTestbed", dependencies: ["ProtoRuntime", "RPC", "Validation", "GoogleContracts", "Bytes"],
            path: "Tests/Support/RestTestbed", exclude: ["contracts.json", "room619"], swiftSettings: strict,
            plugins: ["ContractCodegenPlugin"]),
        .executableTarget(
            name: "rest-testbed-server", dependencies: ["RestTestbed", "ServiceHost", "Gateway"],
            path: "Tests/Support/rest-testbed-server", swiftSettings: strict),

        // Drives Auth from the Python peer tests (Tests/Auth): signs, verifies, publishes JWKS and
        // hashes passwords from the command line.
        .executableTarget(name: "auth-tool", dependencies: ["Auth"], path: "Tests/Auth/auth-tool", swiftSettings: strict),

        // Tests.
        .testTarget(name: "ScaffoldingTests", dependencies: ["Scaffolding"], swiftSettings: strict),
        // `curl` as a client of the servers tests start.
        .target(name: "CurlSupport", path: "Tests/Support/CurlSupport", swiftSettings: strict),
        .testTarget(name: "BytesTests", dependencies: ["Bytes"], swiftSettings: strict),
        .testTarget(name: "HTTPRoutingTests", dependencies: ["HTTPRouting"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "PostgresCluster"], swiftSettings: strict),
        .testTarget(
            name: "UserServiceTests",
            dependencies: [
                "UserService", "UserContracts", "CommonContracts", "GoogleContracts", "Storage", "Auth", "Access", "RPC",
                "ProtoRuntime", "PostgresCluster",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ProductServiceTests",
            dependencies: [
                "ProductService", "ProductContracts", "CommonContracts", "Storage", "RPC", "ProtoRuntime",
                "PostgresCluster", "ServiceHost",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AuthTests", dependencies: ["Auth", "Bytes", "Transport"], swiftSettings: strict),
        .testTarget(
            name: "PlatformTests",
            dependencies: [
                "Platform", "PlatformTesting", "ServiceHost", "Auth", "Storage", "SampleServices", "CurlSupport", "RPC",
                "UserContracts",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AccessTests", dependencies: ["Access", "Auth", "RPC", "InteropContracts", "StandardServices"], swiftSettings: strict),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "HTTPRouting", "RPC", "RPCHTTP2", "Transport", "Bytes", "ProtoRuntime", "GoogleContracts",
                "RestTestbed", "ServiceHost", "StandardServices",
            ],
            swiftSettings: strict),
        .testTarget(name: "ProtoRuntimeTests", dependencies: ["ProtoRuntime"], swiftSettings: strict),
        .testTarget(
            name: "SampleServicesTests",
            dependencies: [
                "SampleServices", "UserContracts", "ProductContracts", "OrderContracts", "CommonContracts",
                "ProtoRuntime", "RPC",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ValidationTests", dependencies: ["Validation", "ProtoRuntime", "PeerProcess"], swiftSettings: strict),
        .testTarget(
            name: "RPCTests",
            dependencies: [
                "RPC", "RPCHTTP2", "Bytes", "Transport", "InteropContracts", "InteropServices", "StandardServices",
                "ProtoRuntime", "GoogleContracts", "CommonContracts", "Signup", "Validation",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ServiceHostTests",
            dependencies: [
                "ServiceHost", "RPC", "RPCHTTP2", "Transport", "StandardServices", "InteropContracts", "Bytes",
                "CurlSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "TransportTests", dependencies: ["Transport", "Bytes"], exclude: ["Peers"], swiftSettings: strict),
        .testTarget(
            name: "ContractCodegenTests", dependencies: ["ContractCodegen", "ProtoRuntime", "HTTPRouting"],
            exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "ContractsTests",
            dependencies: ["ProtoRuntime", "CommonContracts", "UserContracts", "ProductContracts", "OrderContracts"],
            exclude: ["CrossCheck", "Protos", "contracts.json"],
            swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),
        // The generated validators against protovalidate (Tests/Validation/crosscheck: the test
        // contracts, the corpus and the oracle).
        .testTarget(
            name: "ValidationCrossCheckTests", dependencies: ["ProtoRuntime", "Validation", "PeerProcess"],
            exclude: ["contracts.json"], swiftSettings: strict, plugins: ["ContractCodegenPlugin"]),
    ],
    swiftLanguageModes: [.v6]
)
