internal import ProtoRuntime

/// Leading comments of a file's elements, found by their SourceCodeInfo path.
///
/// Paths: message i `[4, i]`, nested message `[…, 3, j]`, field `[…, 2, j]`, enum `[5, i]`,
/// nested enum `[…, 4, j]`, enum value `[…, 2, j]`, oneof `[…, 8, j]`, extension `[7, i]`,
/// nested extension `[…, 6, j]`, service `[6, i]`, method `[…, 2, j]` (descriptor.proto).
struct Comments {
    private var byPath: [[Int32]: String] = [:]

    init(_ file: FileProto) {
        for location in file.sourceCodeInfo?.location ?? [] {
            if let leading = location.leadingComments, !leading.isEmpty {
                byPath[location.path] = leading
            } else if let trailing = location.trailingComments, !trailing.isEmpty {
                byPath[location.path] = trailing
            }
        }
    }

    func leading(_ path: [Int32]) -> String { byPath[path] ?? "" }
}
