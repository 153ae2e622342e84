internal import ProtoRuntime

/// Every message and enum of a request by full name (`.user.v1.User`), with the file that
/// declares it and its comments, which the OpenAPI generator turns into `description`s.
struct OpenAPITypeIndex {
    /// A declared message or enum.
    struct Entry {
        enum Kind {
            case message(MessageProto)
            case enumeration(EnumProto)
        }
        var kind: Kind
        var file: FileProto
        /// The SourceCodeInfo path of the declaration (`[4, 0, 3, 1]`).
        var path: [Int32]

        var message: MessageProto? { if case .message(let message) = kind { message } else { nil } }
        var enumeration: EnumProto? { if case .enumeration(let value) = kind { value } else { nil } }
        var isMapEntry: Bool { message?.options?.mapEntry == true }
    }

    private(set) var entries: [String: Entry] = [:]
    private var comments: [String: Comments] = [:]

    init(files: [FileProto]) {
        for file in files {
            let scope = (file.package ?? "").isEmpty ? "" : "." + (file.package ?? "")
            comments[file.name ?? ""] = Comments(file)
            for (index, message) in file.messageType.enumerated() {
                addMessage(message, scope: scope, path: [4, Int32(index)], file: file)
            }
            for (index, enumeration) in file.enumType.enumerated() {
                entries[scope + "." + (enumeration.name ?? "")] = Entry(
                    kind: .enumeration(enumeration), file: file, path: [5, Int32(index)])
            }
        }
    }

    private mutating func addMessage(_ message: MessageProto, scope: String, path: [Int32], file: FileProto) {
        let fullName = scope + "." + (message.name ?? "")
        entries[fullName] = Entry(kind: .message(message), file: file, path: path)
        for (index, nested) in message.nestedType.enumerated() {
            addMessage(nested, scope: fullName, path: path + [3, Int32(index)], file: file)
        }
        for (index, enumeration) in message.enumType.enumerated() {
            entries[fullName + "." + (enumeration.name ?? "")] = Entry(
                kind: .enumeration(enumeration), file: file, path: path + [4, Int32(index)])
        }
    }

    subscript(fullName: String) -> Entry? { entries[fullName] }

    /// The comment on the element at `path` of `file`, cleaned for a `description`: each line's
    /// one leading space (after `//`) removed, surrounding blank lines dropped.
    func comment(in file: FileProto, at path: [Int32]) -> String? {
        Self.cleaned(comments[file.name ?? ""]?.leading(path) ?? "")
    }

    /// A raw SourceCodeInfo comment as description text, or `nil` when it is blank.
    static func cleaned(_ raw: String) -> String? {
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(" ") ? String(line.dropFirst()) : String(line)
        }
        let text = lines.joined(separator: "\n").trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// The comment on a declaration.
    func comment(of entry: Entry) -> String? { comment(in: entry.file, at: entry.path) }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
