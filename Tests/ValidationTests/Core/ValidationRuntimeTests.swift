import ProtoRuntime
import Testing
import Validation

@Suite("Validation runtime: paths, context, string and time helpers")
struct ValidationRuntimeTests {
    @Test("paths render in protovalidate's form, keys of every type, strings escaped")
    func paths() {
        let elements: [FieldPathElement] = [
            .field("orders"), .index(2), .field("lines"), .stringKey("a\"b\\c\nd\re\u{7}f"), .field("x"),
        ]
        #expect(FieldPathElement.render(elements) == "orders[2].lines[\"a\\\"b\\\\c\\nd\\re\u{7}f\"].x")
        #expect(FieldPathElement.render([.field("m"), .intKey(-20)]) == "m[-20]")
        #expect(FieldPathElement.render([.field("m"), .uintKey(UInt64.max)]) == "m[18446744073709551615]")
        #expect(FieldPathElement.render([.field("m"), .boolKey(false)]) == "m[false]")
        #expect(FieldPathElement.render([]) == "")
    }

    @Test("the context reports under its current path and leaves it as it found it")
    func contextPath() {
        var context = ValidationContext(now: Google_Protobuf_Timestamp(seconds: 10))
        context.within(.field("items")) { context in
            context.within(.index(1)) { context in
                context.add(field: "sku", rule: "string.min_len", message: "too short")
                context.add(field: nil, rule: "required", message: "missing")
            }
        }
        context.add(field: nil, rule: "message.oneof", message: "two set")
        context.fail(field: "n", rule: "cel.x", reason: "overflow")
        #expect(context.violations.map(\.fieldPath) == ["items[1].sku", "items[1]", ""])
        #expect(context.runtimeErrors.map(\.fieldPath) == ["n"])
        #expect(!context.isValid)
        #expect(context.now.seconds == 10)
        let error = ValidationError(context: context, messageName: "x.M")
        #expect(error.violations.count == 4)
        #expect(error.violations.last?.message == "cannot evaluate: overflow")
    }

    @Test("the clock is read once per check")
    func clockOnce() {
        var context = ValidationContext()
        let first = context.now
        let second = context.now
        #expect(first == second)
        #expect(first.seconds > 1_700_000_000)
    }

    @Test(
        "code points, not graphemes or bytes; the byte length decides when it can",
        arguments: [
            ("", 0), ("abc", 3), ("héllo", 5), ("e\u{301}", 2), ("👍🏽", 2), ("🇫🇷", 2), ("日本語", 3),
        ])
    func codePoints(_ text: String, _ count: Int) {
        #expect(StringRules.codePoints(text) == count)
        for bound in 0...8 {
            #expect(StringRules.hasFewerCodePoints(text, than: UInt64(bound)) == (count < bound))
            #expect(StringRules.hasMoreCodePoints(text, than: UInt64(bound)) == (count > bound))
        }
    }

    @Test("strings compare by their bytes, never by canonical equivalence")
    func byteComparisons() {
        #expect(StringRules.equals("abc", "abc"))
        #expect(StringRules.equals("", ""))
        #expect(!StringRules.equals("é", "e\u{301}"))  // Swift's == says equal
        #expect(!StringRules.isIn("c\u{327}", ["ç"]))
        #expect(StringRules.hasPrefix("x-y", "x-"))
        #expect(!StringRules.hasPrefix("é", "e"))
        #expect(StringRules.hasSuffix("abc!", "!"))
        #expect(!StringRules.hasSuffix("a", "ab"))
        #expect(StringRules.contains("e\u{301}", "e"))
        #expect(StringRules.contains("anything", ""))
        #expect(!StringRules.contains("ab", "abc"))
        #expect(StringRules.isUnique(["é", "e\u{301}"]))
        #expect(!StringRules.isUnique(["a", "b", "a"]))
        let many = (0..<40).map { "item-\($0)" }
        #expect(StringRules.isUnique(many))
        #expect(!StringRules.isUnique(many + ["item-7"]))
    }

    @Test("floating-point items are unique by ==: NaNs never repeat, 0.0 and -0.0 do")
    func floatUniqueness() {
        #expect(StringRules.isUnique([Double.nan, .nan]))
        #expect(!StringRules.isUnique([0.0, -0.0]))
        #expect(!StringRules.isUnique([Float.infinity, .infinity]))
        #expect(StringRules.isUnique([1, 2, 3] as [Int32]))
        #expect(!StringRules.isUnique([1, 2, 1] as [Int32]))
    }

    @Test("bytes rules read the readable bytes")
    func byteRules() {
        var buffer = ByteBuffer(bytes: [9, 1, 2, 3])
        _ = buffer.moveReaderIndex(forwardBy: 1)
        #expect(ByteRules.equals(buffer, [1, 2, 3]))
        #expect(ByteRules.hasPrefix(buffer, [1, 2]))
        #expect(ByteRules.hasSuffix(buffer, [3]))
        #expect(!ByteRules.hasSuffix(buffer, [0, 1, 2, 3]))
        #expect(ByteRules.contains(buffer, [2, 3]))
        #expect(ByteRules.isIn(buffer, [[1], [1, 2, 3]]))
        #expect(ByteRules.text(buffer) == "\u{1}\u{2}\u{3}")
        #expect(ByteRules.text(ByteBuffer(bytes: [0xFF])) == nil)
    }

    @Test("durations and timestamps compare by total nanoseconds, unnormalized values included")
    func time() {
        #expect(TimeRules.nanos(Google_Protobuf_Duration(seconds: 9, nanos: 2_000_000_000)) == 11_000_000_000)
        #expect(TimeRules.nanos(Google_Protobuf_Duration(seconds: 4, nanos: -500_000_000)) == 3_500_000_000)
        let now = Google_Protobuf_Timestamp(seconds: 1000)
        let day: Int128 = 86_400 * 1_000_000_000
        #expect(TimeRules.isWithin(Google_Protobuf_Timestamp(seconds: 1000 + 86_400), day, of: now))
        #expect(!TimeRules.isWithin(Google_Protobuf_Timestamp(seconds: 1000 + 86_400, nanos: 1), day, of: now))
        #expect(TimeRules.isWithin(Google_Protobuf_Timestamp(seconds: 1000 - 86_400), day, of: now))
    }
}
