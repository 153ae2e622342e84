// swift-tools-version:6.1
// room619 benchmarks: a package of its own, so benchmark code never ships with the product.
// It uses room619 as a client would (by path), builds in release without -Ounchecked, and
// generates its contracts with the same build plugin as the product.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Benchmarks",
    dependencies: [.package(name: "room619", path: "..")],
    targets: [
        // Protobuf binary encode/decode against swift-protobuf (../../shared/peers/protobench).
        .executableTarget(
            name: "ProtoBench",
            dependencies: [
                .product(name: "Bytes", package: "room619"),
                .product(name: "ProtoRuntime", package: "room619"),
            ],
            exclude: ["Protos", "contracts.json"],
            swiftSettings: strict,
            plugins: [.plugin(name: "ContractCodegenPlugin", package: "room619")]
        ),
        // Validation against decoding, for the sample requests (the validation issue's target).
        .executableTarget(
            name: "ValidationBench",
            dependencies: [
                .product(name: "Bytes", package: "room619"),
                .product(name: "ProtoRuntime", package: "room619"),
                .product(name: "Validation", package: "room619"),
                .product(name: "CommonContracts", package: "room619"),
                .product(name: "UserContracts", package: "room619"),
                .product(name: "OrderContracts", package: "room619"),
            ],
            swiftSettings: strict
        ),
        // Unary calls through the in-process transport (no sockets, no encoding).
        .executableTarget(
            name: "InProcessRoundTrip",
            dependencies: [
                .product(name: "Bytes", package: "room619"),
                .product(name: "RPC", package: "room619"),
                .product(name: "InteropContracts", package: "room619"),
            ],
            swiftSettings: strict
        ),
        // grpc.testing.BenchmarkService/StreamingCall as ping-pong, with room619's client
        // (Scripts/grpc-pingpong.sh runs it against grpc-swift 2, grpc-go and room619).
        .executableTarget(
            name: "GRPCPingPong",
            dependencies: [
                .product(name: "Bytes", package: "room619"),
                .product(name: "RPC", package: "room619"),
                .product(name: "RPCHTTP2", package: "room619"),
                .product(name: "Transport", package: "room619"),
                .product(name: "InteropContracts", package: "room619"),
            ],
            swiftSettings: strict
        ),
        // The platform's internal inventory RPCs under load (Scripts/platform-bench.sh): reserve then
        // release over gRPC with the generated ProductService client and a service token it mints
        // with the platform's signing key; also Argon2id hashes per second with the platform's
        // password parameters.
        .executableTarget(
            name: "PlatformLoad",
            dependencies: [
                .product(name: "Auth", package: "room619"),
                .product(name: "CommonContracts", package: "room619"),
                .product(name: "ProductContracts", package: "room619"),
                .product(name: "ProtoRuntime", package: "room619"),
                .product(name: "RPC", package: "room619"),
                .product(name: "RPCHTTP2", package: "room619"),
                .product(name: "Transport", package: "room619"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
