extension ServiceScaffold {
    var packageManifest: String {
        let r = room619Identity
        return """
            // swift-tools-version:6.1
            // The \(name) service: a contract in Protos/, Swift generated from it by room619's build
            // plugin, and the business logic in Sources/\(typeName)Service. Made by `room619 new service \(name)`.
            import PackageDescription

            let room619 = "\(r)"

            let package = Package(
                name: "\(typeName)",
                platforms: [.macOS(.v15)],
                dependencies: [.package(path: "\(room619Path)")],
                targets: [
                    // Swift for Protos/\(name)/v1: messages, validators, the service protocol, a client, REST routes.
                    .target(
                        name: "\(typeName)Contracts",
                        dependencies: [
                            .product(name: "ProtoRuntime", package: room619),
                            .product(name: "RPC", package: room619),
                            .product(name: "Validation", package: room619),
                        ],
                        exclude: ["contracts.json"],
                        plugins: [.plugin(name: "ContractCodegenPlugin", package: room619)]
                    ),
                    // The business logic: the generated protocol's methods, on an embedded database.
                    .target(
                        name: "\(typeName)Service",
                        dependencies: [
                            "\(typeName)Contracts",
                            .product(name: "ProtoRuntime", package: room619),
                            .product(name: "RPC", package: room619),
                            .product(name: "Storage", package: room619),
                        ]
                    ),
                    // The service as a process: gRPC and REST on one port, health, graceful shutdown.
                    .executableTarget(
                        name: "\(name)-server",
                        dependencies: [
                            "\(typeName)Service",
                            .product(name: "Gateway", package: room619),
                            .product(name: "ServiceHost", package: room619),
                            .product(name: "Storage", package: room619),
                        ]
                    ),
                    .testTarget(
                        name: "\(typeName)ServiceTests",
                        dependencies: [
                            "\(typeName)Service", "\(typeName)Contracts",
                            .product(name: "RPC", package: room619),
                            .product(name: "PlatformTesting", package: room619),
                        ]
                    ),
                ],
                swiftLanguageModes: [.v6]
            )

            """
    }

    var contractsConfiguration: String {
        """
        {
          "protoRoot": "../../Protos",
          "access": "public"
        }

        """
    }

    var readme: String {
        """
        # \(typeName)

        Made by `room619 new service \(name)`. The contract is `Protos/\(name)/v1/\(name).proto`; the
        build plugin turns it into Swift (messages, validators, the service protocol, a client, REST
        routes) on every build. Change the contract, rebuild, and implement what the compiler asks
        for in `Sources/\(typeName)Service`.

        ```sh
        swift build
        swift test
        swift run \(name)-server --port=8080        # gRPC and REST on one port; data in ./\(name)-data
        curl -s -X POST localhost:8080/v1/\(name)s -d '{"name":"first"}'
        curl -s localhost:8080/v1/\(name)s
        curl -s localhost:8080/health/ready
        ```

        Set `DATABASE_URL=postgres://…` to keep the data in PostgreSQL instead (schema `\(name)`).
        The methods are declared public in the contract; change `access` to `{roles: ["admin"]}` or
        remove it (signed-in callers only) and add the platform's auth interceptor to require tokens.

        """
    }
}
