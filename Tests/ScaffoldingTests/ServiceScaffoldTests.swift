import Scaffolding
import Testing

@Suite("room619 new service: the scaffold's files")
struct ServiceScaffoldTests {
    @Test("a package named after the service, depending on the checkout by path")
    func files() throws {
        let scaffold = try ServiceScaffold(name: "widget", room619Path: "/src/room619/")
        let paths = Set(scaffold.files.map(\.path))
        #expect(
            paths.isSuperset(of: [
                "Package.swift", "Protos/widget/v1/widget.proto", "Sources/WidgetContracts/contracts.json",
                "Sources/WidgetService/WidgetService.swift", "Sources/widget-server/main.swift",
                "Tests/WidgetServiceTests/WidgetServiceTests.swift",
            ]))
        let manifest = try #require(scaffold.files.first { $0.path == "Package.swift" }).contents
        #expect(manifest.contains(#".package(path: "/src/room619/")"#))
        #expect(manifest.contains(#"let room619 = "room619""#), "the identity is the directory's name")
        let contract = try #require(scaffold.files.first { $0.path.hasSuffix(".proto") }).contents
        #expect(contract.contains("package widget.v1;") && contract.contains("service WidgetService"))
        #expect(contract.contains(#"post: "/v1/widgets""#))
    }

    @Test(
        "names that would not make a Swift module, a proto package or a path are refused",
        arguments: [
            "", "w", "Widget", "9lives", "my-service", "my_service", "widget!", String(repeating: "a", count: 33),
        ])
    func badNames(name: String) {
        #expect(throws: ServiceScaffold.Error.self) { try ServiceScaffold(name: name, room619Path: "..") }
    }
}
