/// Builds indented Swift source text.
struct SwiftWriter {
    private(set) var text = ""
    private var indentation = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + content + "\n"
        }
    }

    /// Writes `opening`, indents the lines `body` writes, then writes `closing`.
    mutating func block(_ opening: String, closing: String = "}", _ body: (inout SwiftWriter) -> Void) {
        line(opening)
        indentation += 1
        body(&self)
        indentation -= 1
        line(closing)
    }

    /// Writes a `switch` whose `case` lines sit at the level of the `switch` (Swift convention).
    mutating func switchBlock(_ opening: String, _ body: (inout SwiftWriter) -> Void) {
        line(opening)
        body(&self)
        line("}")
    }

    /// Writes `comment` as `///` lines (nothing when empty).
    mutating func docComment(_ comment: String) {
        var lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmed().isEmpty { lines.removeLast() }
        while let first = lines.first, first.trimmed().isEmpty { lines.removeFirst() }
        for content in lines {
            // protoc keeps the space after `//`; drop it so `///` text is not indented twice.
            let trimmed = content.hasPrefix(" ") ? String(content.dropFirst()) : content
            line(trimmed.isEmpty ? "///" : "/// " + trimmed)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmed() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
