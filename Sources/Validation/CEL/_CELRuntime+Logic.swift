/// CEL's logical operators when an operand can fail: `&&` and `||` are commutative over errors,
/// so `false && error` and `error && false` are both `false`, and `true || error` and
/// `error || true` are both `true` (cel-spec, "Logical operators"). Swift's `&&` cannot express
/// that (it is `rethrows` and erases typed errors), so compiled rules call these instead whenever
/// an operand can throw.
extension _CELRuntime {
    /// CEL `a && b`: false if either side is false, else the first error, else true.
    @inlinable public static func and(
        _ a: () throws(CELEvaluationError) -> Bool, _ b: () throws(CELEvaluationError) -> Bool
    ) throws(CELEvaluationError) -> Bool {
        var failure: CELEvaluationError?
        do {
            if try !a() { return false }
        } catch {
            failure = error
        }
        if try !b() { return false }
        if let failure { throw failure }
        return true
    }

    /// CEL `a || b`: true if either side is true, else the first error, else false.
    @inlinable public static func or(
        _ a: () throws(CELEvaluationError) -> Bool, _ b: () throws(CELEvaluationError) -> Bool
    ) throws(CELEvaluationError) -> Bool {
        var failure: CELEvaluationError?
        do {
            if try a() { return true }
        } catch {
            failure = error
        }
        if try b() { return true }
        if let failure { throw failure }
        return false
    }

    /// The `all` macro: false if any item's predicate is false (errors on other items are
    /// absorbed), else the first error, else true.
    @inlinable public static func all<S: Sequence>(
        _ items: S, _ predicate: (S.Element) throws(CELEvaluationError) -> Bool
    ) throws(CELEvaluationError) -> Bool {
        var failure: CELEvaluationError?
        for item in items {
            do {
                if try !predicate(item) { return false }
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return true
    }

    /// The `exists` macro: true if any item's predicate is true (errors on other items are
    /// absorbed), else the first error, else false.
    @inlinable public static func exists<S: Sequence>(
        _ items: S, _ predicate: (S.Element) throws(CELEvaluationError) -> Bool
    ) throws(CELEvaluationError) -> Bool {
        var failure: CELEvaluationError?
        for item in items {
            do {
                if try predicate(item) { return true }
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return false
    }

    /// The `exists_one` macro: true when exactly one item's predicate is true; any error fails it.
    @inlinable public static func existsOne<S: Sequence>(
        _ items: S, _ predicate: (S.Element) throws(CELEvaluationError) -> Bool
    ) throws(CELEvaluationError) -> Bool {
        var count = 0
        for item in items where try predicate(item) { count += 1 }
        return count == 1
    }

    /// The `map` macro: each item transformed, in order; any error fails it.
    @inlinable public static func map<S: Sequence, T>(
        _ items: S, _ transform: (S.Element) throws(CELEvaluationError) -> T
    ) throws(CELEvaluationError) -> [T] {
        var result: [T] = []
        for item in items { result.append(try transform(item)) }
        return result
    }

    /// The three-argument `map` macro (`list.map(x, filter, transform)`): the items that pass
    /// `filter`, transformed, in order; any error fails it.
    @inlinable public static func map<S: Sequence, T>(
        _ items: S, where filter: (S.Element) throws(CELEvaluationError) -> Bool,
        _ transform: (S.Element) throws(CELEvaluationError) -> T
    ) throws(CELEvaluationError) -> [T] {
        var result: [T] = []
        for item in items where try filter(item) { result.append(try transform(item)) }
        return result
    }

    /// The `filter` macro: the items whose predicate is true, in order; any error fails it.
    @inlinable public static func filter<S: Sequence>(
        _ items: S, _ predicate: (S.Element) throws(CELEvaluationError) -> Bool
    ) throws(CELEvaluationError) -> [S.Element] {
        var result: [S.Element] = []
        for item in items where try predicate(item) { result.append(item) }
        return result
    }
}
