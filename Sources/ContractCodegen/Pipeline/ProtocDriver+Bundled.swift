internal import Foundation
internal import Glibc

extension ProtocDriver {
    /// A directory holding the contracts the generator bundles (``BundledProtos``), written on
    /// first use, for the end of protoc's import path: `import "buf/validate/validate.proto"`
    /// then works in any package, and a package's own copy earlier on the path still wins.
    ///
    /// The directory is named after the generator's content, so generators of different versions
    /// never share one; files are written to a temporary name and renamed, so concurrent builds
    /// never read half a file.
    static func bundledImportPath() throws(Failure) -> String {
        var hasher = FNV1a()
        for (path, text) in BundledProtos.files.sorted(by: { $0.key < $1.key }) {
            hasher.add(path)
            hasher.add(text)
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-protos-\(String(hasher.value, radix: 16))")
        for (path, text) in BundledProtos.files {
            let target = root.appendingPathComponent(path)
            if let existing = FileManager.default.contents(atPath: target.path), existing == Data(text.utf8) {
                continue
            }
            do {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let staging = target.deletingLastPathComponent().appendingPathComponent(
                    ".\(target.lastPathComponent).\(getpid())")
                try Data(text.utf8).write(to: staging)
                // rename(2) replaces the target atomically, whether or not it exists yet.
                guard rename(staging.path, target.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            } catch {
                throw Failure(description: "cannot write the bundled \(path) under \(root.path): \(error)")
            }
        }
        return root.path
    }
}

/// 64-bit FNV-1a, to name the bundled directory after its content.
private struct FNV1a {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        value ^= 0xff
    }
}
