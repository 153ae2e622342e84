internal import Foundation
internal import Scaffolding

/// `room619 new service NAME [--out DIR] [--room619 PATH]`: writes a service package that builds
/// and passes its test as generated.
func newService(_ arguments: [String]) throws {
    var remaining = arguments[...]
    guard remaining.popFirst() == "service", let name = remaining.popFirst(), !name.hasPrefix("-") else {
        throw CommandError(description: "usage: room619 new service NAME [--out DIR] [--room619 PATH]")
    }
    var out: String?
    var room619: String?
    while let argument = remaining.popFirst() {
        if argument.hasPrefix("--out=") {
            out = String(argument.dropFirst(6))
        } else if argument == "--out" {
            out = remaining.popFirst()
        } else if argument.hasPrefix("--room619=") {
            room619 = String(argument.dropFirst(10))
        } else if argument == "--room619" {
            room619 = remaining.popFirst()
        }
    }
    guard let checkout = room619 ?? enclosingCheckout() else {
        throw CommandError(description: "new service: where is room619? pass --room619 PATH (the checkout's directory)")
    }
    let scaffold: ServiceScaffold
    do {
        scaffold = try ServiceScaffold(name: name, room619Path: checkout)
    } catch {
        throw CommandError(description: "new service: \(error)")
    }
    let root = URL(fileURLWithPath: out ?? name)
    if FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
        throw CommandError(description: "new service: \(root.path) already holds a package; choose another --out")
    }
    for file in scaffold.files {
        let url = root.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url)
        print("wrote \(url.path)")
    }
    print("\nnext: cd \(root.path) && swift test && swift run \(name)-server --port=8080")
}

/// The room619 checkout this executable was built in (`…/room619/.build/debug/room619`), found
/// by walking up to a `Package.swift` that declares the package `room619`.
func enclosingCheckout() -> String? {
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        .deletingLastPathComponent()
    while directory.path != "/" {
        let manifest = directory.appendingPathComponent("Package.swift")
        if let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"room619\"") {
            return directory.path
        }
        directory.deleteLastPathComponent()
    }
    return nil
}
