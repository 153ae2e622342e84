/// A deterministic automaton for a small program: the matcher's fast path.
///
/// Built once per pattern by subset construction (``RegexDFA/init(_:)``), when the program is
/// small (at most ``RegexDFAConstruction/maxConsumers`` consuming instructions) and its only
/// assertions are `\A`/`^` and `\z`/`$`, whose truth depends on the position alone. Each state
/// stands for the set of NFA threads the Pike VM would hold, so a search reads each scalar once
/// and does one table lookup for it: linear, and a few nanoseconds per character with no set to
/// clear or allocate. Patterns it does not cover, or whose automaton would pass
/// ``RegexDFAConstruction/maxStates``, keep the Pike VM.
///
/// Scalars are grouped into classes that no instruction tells apart (a table for ASCII, sorted
/// ranges beyond), so the transition table has one column per class, not per scalar.
struct RegexDFA: Sendable {
    /// The transition that means "a thread reached the match": the text matches.
    static let matchState: UInt8 = 255
    /// The transition that means "no thread is left and none can start": the text does not match.
    static let deadState: UInt8 = 254
    /// Marks "no idle state" (``idleState``): no real state has this number.
    static let noState: UInt8 = 253

    /// The ASCII class table (128 bytes), then the transitions (``stateCount`` rows of
    /// ``classCount`` next states), then one byte per state: 1 when the text matches if it ends
    /// in that state. One array, so a search borrows one buffer.
    let table: [UInt8]
    /// The number of scalar classes (columns of the transition table).
    let classCount: Int
    /// The number of states.
    let stateCount: Int
    /// Beyond ASCII: class `nonASCIIClasses[i]` holds the scalars from `nonASCIIStarts[i]` up to
    /// the next start. The first start is 0x80.
    let nonASCIIStarts: [UInt32]
    /// The class of each range of ``nonASCIIStarts``.
    let nonASCIIClasses: [UInt8]
    /// The class of a byte that is not valid UTF-8: one no instruction matches.
    let invalidClass: UInt8
    /// The state at offset 0 of a non-empty text (``matchState`` when that already matches).
    let startState: UInt8
    /// Whether the empty text matches.
    let matchesEmptyText: Bool
    /// The state with no thread alive but those a new match start adds, in which the search
    /// skips to the next byte in ``firstBytes``; ``noState`` when there is no filter.
    let idleState: UInt8
    /// The lead bytes a match can start with (the program's filter; unanchored patterns only).
    let firstBytes: RegexByteSet?

    /// Whether some substring of `text` matches, with the same answer as the Pike VM;
    /// `steps` counts the scalars read (one transition each).
    func run(_ text: UnsafeBufferPointer<UInt8>, steps: inout Int) -> Bool {
        let end = text.count
        if end == 0 { return matchesEmptyText }
        if startState == RegexDFA.matchState { return true }
        var position = 0
        var state = startState
        if let firstBytes {
            position = firstBytes.firstIndex(in: text, from: 0)
            if position == end { return false }
            if position > 0 { state = idleState }
        }
        return table.withUnsafeBufferPointer { table in
            let transitions = 128
            while position < end {
                let byte = text[position]
                let symbol: Int
                if byte < 0x80 {
                    symbol = Int(table[Int(byte)])
                    position += 1
                } else {
                    let (scalar, width) = RegexText.scalar(in: text, at: position)
                    symbol = Int(nonASCIIClass(of: scalar))
                    position += width
                }
                steps += 1
                let next = table[transitions + Int(state) * classCount + symbol]
                if next >= RegexDFA.deadState { return next == RegexDFA.matchState }
                state = next
                if state == idleState, let firstBytes {
                    position = firstBytes.firstIndex(in: text, from: position)
                    if position == end { return false }
                }
            }
            return table[transitions + stateCount * classCount + Int(state)] != 0
        }
    }

    /// The class of a scalar of 0x80 or more (or of ``RegexText/invalidScalar``).
    @inline(__always)
    private func nonASCIIClass(of scalar: UInt32) -> UInt8 {
        if scalar == RegexText.invalidScalar { return invalidClass }
        return nonASCIIStarts.withUnsafeBufferPointer { starts in
            // The last start at or below `scalar`; starts[0] is 0x80, so there is one.
            var low = 0
            var high = starts.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if starts[middle] <= scalar { low = middle } else { high = middle }
            }
            return nonASCIIClasses[low]
        }
    }
}
