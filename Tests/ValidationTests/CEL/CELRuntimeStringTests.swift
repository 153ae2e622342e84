import ProtoRuntime
import Testing
import Validation

@Suite("CEL run time: strings, bytes, lists")
struct CELRuntimeStringTests {
    typealias R = _CELRuntime

    @Test(
        "size counts code points for strings and bytes for bytes",
        arguments: [
            ("", 0), ("héllo", 5), ("😀", 1), ("e\u{301}", 2), ("👩‍👩‍👧", 5), ("日本", 2),
        ])
    func size(text: String, count: Int64) {
        #expect(R.size(text) == count)
        #expect(R.size(ByteBuffer(string: text)) == Int64(text.utf8.count))
    }

    @Test("startsWith, endsWith, contains work on code points")
    func predicates() {
        #expect(R.startsWith("e\u{301}tude", "e"))  // Swift's hasPrefix says false
        #expect(R.endsWith("cafe\u{301}", "\u{301}"))
        #expect(!R.endsWith("a", "ab"))
        #expect(R.contains("hello", "ll"))
        #expect(R.contains("hello", ""))
        #expect(!R.contains("hel", "hello"))
        #expect(R.contains("ae\u{301}b", "e"))
        #expect(R.startsWith(ByteBuffer(bytes: [1, 2, 3]), ByteBuffer(bytes: [1, 2])))
        #expect(R.endsWith(ByteBuffer(bytes: [1, 2, 3]), ByteBuffer(bytes: [3])))
        #expect(!R.endsWith(ByteBuffer(bytes: [3]), ByteBuffer(bytes: [2, 3])))
        #expect(R.contains(ByteBuffer(bytes: [1, 2, 3]), ByteBuffer(bytes: [2, 3])))
        #expect(!R.contains(ByteBuffer(bytes: [1, 2, 3]), ByteBuffer(bytes: [3, 2])))
        #expect(R.concatenate(ByteBuffer(bytes: [1]), ByteBuffer(bytes: [2])) == ByteBuffer(bytes: [1, 2]))
    }

    @Test("unique, in, index and map lookups")
    func lists() throws {
        #expect(R.unique([1, 2, 3] as [Int64]))
        #expect(!R.unique([1, 2, 1] as [Int64]))
        #expect(R.unique([Double.nan, .nan]))  // NaN equals nothing, itself included
        #expect(R.unique(["\u{E9}", "e\u{301}"]))
        #expect(!R.unique(["a", "a"]))
        #expect(R.contains(["e\u{301}"], "e\u{301}"))
        #expect(!R.contains(["\u{E9}"], "e\u{301}"))
        #expect(try R.item([10, 20], 1) == 20)
        #expect(throws: CELEvaluationError.self) { try R.item([10, 20], 2) }
        #expect(throws: CELEvaluationError.self) { try R.item([10, 20], -1) }
        #expect(throws: CELEvaluationError.self) { try R.value([String: Int]()["k"], key: "k") }
        #expect(R.isInf(.infinity, sign: 1) && R.isInf(-.infinity, sign: -1) && R.isInf(-.infinity, sign: 0))
        #expect(!R.isInf(.infinity, sign: -1) && !R.isInf(1, sign: 0))
    }

    @Test("a pattern that failed to compile is an evaluation error carrying the cause")
    func regex() throws {
        struct Syntax: Error, CustomStringConvertible { var description: String { "missing )" } }
        #expect(try R.regex(Result<Int, Syntax>.success(7)) == 7)
        do {
            _ = try R.regex(Result<Int, Syntax>.failure(Syntax()))
            Issue.record("no error")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.cause == "missing )")
        }
    }

    @Test("&& and || are commutative over errors")
    func logic() throws {
        let boom = CELEvaluationError(code: .overflow, message: "boom")
        func fail() throws(CELEvaluationError) -> Bool { throw boom }
        #expect(try !R.and({ false }, fail))
        #expect(try !R.and(fail, { false }))
        #expect(try R.or({ true }, fail))
        #expect(try R.or(fail, { true }))
        #expect(throws: boom) { try R.and(fail, { true }) }
        #expect(throws: boom) { try R.or({ false }, fail) }
        #expect(try R.and({ true }, { true }))
        #expect(try !R.or({ false }, { false }))
    }

    @Test("all and exists absorb errors when another item decides; the others do not")
    func macros() throws {
        let boom = CELEvaluationError(code: .divisionByZero, message: "boom")
        func check(_ x: Int) throws(CELEvaluationError) -> Bool {
            if x == 0 { throw boom }
            return x > 1
        }
        #expect(try !R.all([0, 1], check))
        #expect(throws: boom) { try R.all([0, 2], check) }
        #expect(try R.exists([0, 2], check))
        #expect(throws: boom) { try R.exists([0, 1], check) }
        #expect(throws: boom) { try R.existsOne([2, 0], check) }
        #expect(try R.existsOne([2, 1], check))
        #expect(try !R.existsOne([2, 3], check))
        #expect(try R.filter([1, 2, 3], check) == [2, 3])
        #expect(try R.map([1, 2]) { (x: Int) throws(CELEvaluationError) -> Int in x * 10 } == [10, 20])
        #expect(
            try R.map([1, 2, 3], where: check) { (x: Int) throws(CELEvaluationError) -> Int in x * 10 } == [20, 30])
        #expect(throws: boom) { try R.map([1, 0]) { (x: Int) throws(CELEvaluationError) -> Bool in try check(x) } }
    }
}
