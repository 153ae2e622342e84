/// The compiled program behind an ``RE2Regex``, shared by its copies.
///
/// One reference instead of the program's dozen arrays and tables: a search captures a pointer,
/// where a captured ``RegexProgram`` value was copied (about 180 bytes) on every call and then
/// read back through the store buffer, which cost more than matching a short text.
final class RegexMatcher: Sendable {
    /// The program, analysed, with its automaton when it has one.
    let program: RegexProgram

    init(_ program: RegexProgram) {
        self.program = program
    }

    /// Whether some substring of `text` matches (see ``RegexProgram/run(_:engine:steps:)``).
    func run(_ text: String, engine: RE2Regex.Engine, steps: inout Int) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({
            program.run($0, engine: engine, steps: &steps)
        }) {
            return result
        }
        var copy = text
        return copy.withUTF8 { program.run($0, engine: engine, steps: &steps) }
    }

    /// Whether some substring of the UTF-8 `bytes` matches.
    func run(utf8 bytes: some Collection<UInt8>, engine: RE2Regex.Engine, steps: inout Int) -> Bool {
        if let result = bytes.withContiguousStorageIfAvailable({ program.run($0, engine: engine, steps: &steps) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { program.run($0, engine: engine, steps: &steps) }
    }
}
