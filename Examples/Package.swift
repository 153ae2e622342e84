// swift-tools-version:6.1
// An example of using room619 from another package, the way a user does: depend on it, keep
// contracts in Protos/, let the build plugin generate Swift, write only the business logic.
import Foundation
import PackageDescription

// A path dependency's package identity is its directory name, which depends on where room619
// was cloned; read it instead of hard-coding it. A user's package would write
// `.package(url: "…/room619.git", from: "…")` and `package: "room619"`.
let room619 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "Bookstore",
    dependencies: [.package(path: "..")],
    targets: [
        // Contracts: Protos/bookstore/v1 (named in contracts.json), importing room619's common/v1/money.proto;
        // catalog_service.proto declares a gRPC service, so the contracts need the RPC product too.
        .target(
            name: "BookstoreContracts",
            dependencies: [
                .product(name: "ProtoRuntime", package: room619),
                .product(name: "CommonContracts", package: room619),
                .product(name: "RPC", package: room619),
                // The generated validators of the contracts' buf.validate rules.
                .product(name: "Validation", package: room619),
            ],
            exclude: ["contracts.json"],
            plugins: [.plugin(name: "ContractCodegenPlugin", package: room619)]
        ),
        // Business logic over the generated types, and the service implementation.
        .target(
            name: "Bookstore",
            dependencies: [
                "BookstoreContracts",
                .product(name: "ProtoRuntime", package: room619),
                .product(name: "CommonContracts", package: room619),
                .product(name: "RPC", package: room619),
            ]
        ),
        // The service as a process: gRPC and REST (the contract's google.api.http routes) on one port.
        .executableTarget(
            name: "bookstore-server",
            dependencies: [
                "Bookstore",
                .product(name: "Gateway", package: room619),
                .product(name: "ServiceHost", package: room619),
            ]
        ),
        .testTarget(
            name: "BookstoreTests",
            dependencies: [
                "Bookstore", "BookstoreContracts",
                .product(name: "ProtoRuntime", package: room619),
                .product(name: "CommonContracts", package: room619),
                .product(name: "RPC", package: room619),
                .product(name: "RPCHTTP2", package: room619),
                .product(name: "Transport", package: room619),
                .product(name: "Gateway", package: room619),
                .product(name: "Bytes", package: room619),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
