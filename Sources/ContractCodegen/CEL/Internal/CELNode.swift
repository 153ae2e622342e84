/// A node of a parsed CEL expression, with the UTF-8 offset it starts at (for error positions).
struct CELNode {
    indirect enum Kind {
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case bool(Bool)
        case null
        case identifier(String)
        /// `operand.field`.
        case select(CELNode, String)
        /// `name(args)` or `target.name(args)`; macros too (`has`, `all`, `exists`, …).
        case call(target: CELNode?, name: String, arguments: [CELNode])
        /// `operand[index]`.
        case index(CELNode, CELNode)
        case list([CELNode])
        case map([(CELNode, CELNode)])
        /// `!x` or `-x`.
        case unary(String, CELNode)
        /// `a op b` for `||`, `&&`, the relations, `in`, and arithmetic.
        case binary(String, CELNode, CELNode)
        /// `condition ? then : else`.
        case conditional(CELNode, CELNode, CELNode)
    }

    var kind: Kind
    var offset: Int
}
