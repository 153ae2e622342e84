/// A zero-width assertion: where in the text a match may be. Each is one bit, so a position's
/// assertions are one byte (``RegexText/assertions(in:at:)`` spells the same values out).
enum RegexAssertion: UInt8, Sendable {
    /// `\A`, and `^` without `(?m)`.
    case beginText = 1
    /// `\z`, and `$` without `(?m)`.
    case endText = 2
    /// `^` under `(?m)`: at the start or after `\n`.
    case beginLine = 4
    /// `$` under `(?m)`: at the end or before `\n`.
    case endLine = 8
    /// `\b`: between an ASCII word character and anything else.
    case wordBoundary = 16
    /// `\B`.
    case notWordBoundary = 32
}

/// A parsed pattern, reduced to what a yes/no match needs: captures and greediness are gone
/// (neither changes whether some substring matches), and `(?i)` literals are already classes.
///
/// Every node knows its height and its largest product of repetition counts along a path, so
/// the parser enforces RE2's limits without walking the tree again.
struct RegexNode: Sendable {
    indirect enum Kind: Sendable {
        /// Matches the empty string.
        case empty
        /// One scalar value.
        case literal(UInt32)
        /// One scalar value in the class (an empty class never matches).
        case charClass(RegexCharClass)
        /// A zero-width assertion.
        case assertion(RegexAssertion)
        /// The nodes one after another.
        case concat([RegexNode])
        /// Any one of the nodes.
        case alternate([RegexNode])
        /// The node `min` to `max` times (`max` nil: no upper bound).
        case `repeat`(RegexNode, min: Int, max: Int?)
    }

    /// The deepest nesting this implementation compiles (as Go's regexp: RE2 itself has none).
    static let maxHeight = 1000
    /// RE2's largest repetition count, also the bound on the product of nested counts.
    static let maxRepeat = 1000

    /// What the node matches.
    let kind: Kind
    /// 1 for a leaf, else one more than the highest child.
    let height: Int
    /// The largest product of counted repetitions along a path to a leaf, as RE2's
    /// `RepetitionWalker` measures it (capped just past ``maxRepeat``).
    let repeatProduct: Int

    private init(_ kind: Kind, height: Int = 1, repeatProduct: Int = 1) {
        self.kind = kind
        self.height = height
        self.repeatProduct = repeatProduct
    }

    static let empty = RegexNode(.empty)

    static func literal(_ scalar: UInt32) -> RegexNode { RegexNode(.literal(scalar)) }

    static func charClass(_ charClass: RegexCharClass) -> RegexNode { RegexNode(.charClass(charClass)) }

    static func assertion(_ assertion: RegexAssertion) -> RegexNode { RegexNode(.assertion(assertion)) }

    /// The nodes in sequence; a single node stands alone.
    ///
    /// Sequences inside groups stay nested rather than flattened: flattening would copy the
    /// inner nodes once per level, quadratic in the pattern; the height limit bounds the nesting.
    static func concat(_ nodes: [RegexNode]) -> RegexNode { combine(nodes, make: Kind.concat) }

    /// Any of the nodes; a single node stands alone.
    static func alternate(_ nodes: [RegexNode]) -> RegexNode { combine(nodes, make: Kind.alternate) }

    /// `node` repeated `min` to `max` times.
    static func `repeat`(_ node: RegexNode, min: Int, max: Int?) -> RegexNode {
        let count = max ?? min
        let product = count > 0 ? Swift.min(node.repeatProduct * count, maxRepeat + 1) : node.repeatProduct
        return RegexNode(.repeat(node, min: min, max: max), height: node.height + 1, repeatProduct: product)
    }

    private static func combine(_ nodes: [RegexNode], make: ([RegexNode]) -> Kind) -> RegexNode {
        if nodes.isEmpty { return .empty }
        if nodes.count == 1 { return nodes[0] }
        var height = 0
        var product = 1
        for node in nodes {
            height = max(height, node.height)
            product = max(product, node.repeatProduct)
        }
        return RegexNode(make(nodes), height: height + 1, repeatProduct: product)
    }
}
