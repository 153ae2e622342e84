/// The files of a new service package, as `room619 new service NAME` writes them: a contract
/// with REST routes and validation, its `contracts.json`, a service implementing the generated
/// protocol on an embedded database, a `main.swift` of a few lines on the host, and a test —
/// which builds and passes as generated.
///
/// ```swift
/// let scaffold = try ServiceScaffold(name: "widget", room619Path: "../room619")
/// for file in scaffold.files { write(file.contents, to: "widget/" + file.path) }
/// ```
public struct ServiceScaffold: Sendable {
    /// One file: its path inside the package and its text.
    public struct File: Sendable, Hashable {
        public var path: String
        public var contents: String
    }

    /// Why a scaffold cannot be made.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The service's name as given: `widget` (lower-case letters and digits, starting with a
    /// letter).
    public let name: String
    /// `Widget`.
    public let typeName: String
    /// The path of the room619 checkout the package depends on, as written in Package.swift.
    public let room619Path: String

    /// - Throws: ``Error`` for a name that is not a lower-case identifier of 2 to 32 characters,
    ///   or an empty path.
    public init(name: String, room619Path: String) throws(Error) {
        let scalars = Array(name.unicodeScalars)
        guard (2...32).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first),
            scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw Error(
                message:
                    "the service name \"\(name)\" must be 2 to 32 lower-case letters and digits, starting with a letter"
            )
        }
        guard !room619Path.isEmpty else { throw Error(message: "the room619 path must not be empty") }
        self.name = name
        self.typeName = name.prefix(1).uppercased() + name.dropFirst()
        self.room619Path = room619Path
    }

    /// Every file of the package.
    public var files: [File] {
        [
            File(path: "Package.swift", contents: packageManifest),
            File(path: "Protos/\(name)/v1/\(name).proto", contents: contract),
            File(path: "Sources/\(typeName)Contracts/contracts.json", contents: contractsConfiguration),
            // SwiftPM wants one source file in a target; the plugin adds the generated ones.
            File(
                path: "Sources/\(typeName)Contracts/\(typeName)Contracts.swift",
                contents:
                    "// \(typeName)Contracts: the Swift the room619 build plugin generates from Protos/\(name)/v1 "
                    + "(see contracts.json). Nothing is written by hand here.\n"),
            File(path: "Sources/\(typeName)Service/\(typeName)Service.swift", contents: serviceSource),
            File(path: "Sources/\(name)-server/main.swift", contents: mainSource),
            File(path: "Tests/\(typeName)ServiceTests/\(typeName)ServiceTests.swift", contents: testSource),
            File(path: "README.md", contents: readme),
            File(path: ".gitignore", contents: ".build/\n\(name)-data/\n"),
        ]
    }

    /// The package identity SwiftPM gives a path dependency: its directory's name, lower-cased.
    var room619Identity: String {
        let trimmed = room619Path.hasSuffix("/") ? String(room619Path.dropLast()) : room619Path
        return String(trimmed.split(separator: "/").last ?? "room619").lowercased()
    }
}
