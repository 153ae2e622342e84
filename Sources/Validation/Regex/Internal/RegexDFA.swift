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
///
/// A class, so that the program holds one reference and a search reads the tables in place.
final class RegexDFA: Sendable {
    /// The transition that means "a thread reached the match": the text matches.
    static let matchState: UInt16 = 0xFFFF
    /// The transition that means "no thread is left and none can start": the text does not match.
    static let deadState: UInt16 = 0xFFFE
    /// Marks "no idle state" (``idleState``): no real state has this number.
    static let noState: UInt16 = 0xFFFD

    /// The class of each ASCII scalar (128 entries), then one row per state. A state is the
    /// offset of its row: `classCount` next states (row offsets or ``matchState``/``deadState``),
    /// then 1 if the text matches when it ends in that state, else 0. One array, so a search
    /// borrows one buffer, and the next state is one load away (no multiplication).
    let table: [UInt16]
    /// The number of scalar classes (the row's columns before its end-of-text entry).
    let classCount: Int
    /// Beyond ASCII: class `nonASCIIClasses[i]` holds the scalars from `nonASCIIStarts[i]` up to
    /// the next start. The first start is 0x80.
    let nonASCIIStarts: [UInt32]
    /// The class of each range of ``nonASCIIStarts``.
    let nonASCIIClasses: [UInt16]
    /// The class of a byte that is not valid UTF-8: one no instruction matches.
    let invalidClass: UInt16
    /// The state at offset 0 of a non-empty text (``matchState`` when that already matches).
    let startState: UInt16
    /// Whether the empty text matches.
    let matchesEmptyText: Bool
    /// The state with no thread alive but those a new match start adds, in which the search
    /// skips to the next byte in ``firstBytes``; ``noState`` when there is no filter.
    let idleState: UInt16
    /// The lead bytes a match can start with (the program's filter; unanchored patterns only).
    let firstBytes: RegexByteSet

    /// Lays out the automaton that ``RegexDFAConstruction`` found, whose states are numbered
    /// from 0 (`nil` is the match, -1 the dead end).
    init(_ found: RegexDFAConstruction.Automaton, alphabet: RegexAlphabet) {
        let rowWidth = alphabet.classCount + 1
        func number(_ state: Int?) -> UInt16 {
            guard let state else { return RegexDFA.matchState }
            return state < 0 ? RegexDFA.deadState : UInt16(128 + state * rowWidth)
        }
        var table = alphabet.asciiClasses.map { UInt16($0) }
        for (state, row) in found.transitions.enumerated() {
            table += row.map(number)
            table.append(found.matchesAtEnd[state] ? 1 : 0)
        }
        self.table = table
        classCount = alphabet.classCount
        nonASCIIStarts = alphabet.nonASCIIStarts
        nonASCIIClasses = alphabet.nonASCIIClasses.map { UInt16($0) }
        invalidClass = UInt16(alphabet.invalidClass)
        startState = number(found.start)
        matchesEmptyText = found.matchesEmptyText
        idleState = found.idle.map(number) ?? RegexDFA.noState
        firstBytes = found.firstBytes
    }

    /// Whether some substring of `text` matches, with the same answer as the Pike VM;
    /// `steps` counts the scalars read (one transition each).
    func run(_ text: UnsafeBufferPointer<UInt8>, steps: inout Int) -> Bool {
        let end = text.count
        if end == 0 { return matchesEmptyText }
        if startState == RegexDFA.matchState { return true }
        var position = 0
        var state = startState
        if idleState != RegexDFA.noState {
            position = firstBytes.firstIndex(in: text, from: 0)
            if position == end { return false }
            if position > 0 { state = idleState }
        }
        return table.withUnsafeBufferPointer { table in
            // Wrapping arithmetic: every index is below table.count by construction (classes
            // below classCount, states at row offsets), so no overflow check is due.
            var count = 0
            defer { steps &+= count }
            while position < end {
                let byte = text[position]
                let symbol: UInt16
                if byte < 0x80 {
                    symbol = table[Int(byte)]
                    position &+= 1
                } else {
                    let (found, width) = nonASCIIClass(in: text, at: position)
                    symbol = found
                    position &+= width
                }
                count &+= 1
                let next = table[Int(state &+ symbol)]
                if next >= RegexDFA.deadState { return next == RegexDFA.matchState }
                state = next
                if state == idleState {
                    position = firstBytes.firstIndex(in: text, from: position)
                    if position == end { return false }
                }
            }
            return table[Int(state) &+ classCount] != 0
        }
    }

    /// The class of the scalar (of 0x80 or more, or an invalid byte) at `position`, and its
    /// length in bytes. Out of line: the ASCII loop stays small.
    @inline(never)
    private func nonASCIIClass(in text: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt16, Int) {
        let (scalar, width) = RegexText.scalar(in: text, at: position)
        if scalar == RegexText.invalidScalar { return (invalidClass, width) }
        return nonASCIIStarts.withUnsafeBufferPointer { starts in
            // The last start at or below `scalar`; starts[0] is 0x80, so there is one.
            var low = 0
            var high = starts.count
            while high &- low > 1 {
                let middle = (low &+ high) / 2
                if starts[middle] <= scalar { low = middle } else { high = middle }
            }
            return (nonASCIIClasses[low], width)
        }
    }
}
