import Testing
import Validation

/// UUIDs, ULIDs, Protobuf names and HTTP header names and values; the verdicts are protovalidate's.
@Suite("String formats: identifiers and HTTP headers")
struct StringFormatsTextTests {
    @Test("UUIDs, hyphenated or trimmed, in either case")
    func uuids() {
        #expect(StringFormats.isUUID("123e4567-e89b-12d3-a456-426614174000"))
        #expect(StringFormats.isUUID("123E4567-e89B-12D3-A456-426614174000"))
        #expect(StringFormats.isUUID("00000000-0000-0000-0000-000000000000"))
        #expect(!StringFormats.isUUID("123e4567e89b12d3a456426614174000"))
        #expect(!StringFormats.isUUID("123e4567-e89b-12d3-a456-42661417400g"))
        #expect(!StringFormats.isUUID("123e4567-e89b-12d3a456-426614174000"))
        #expect(!StringFormats.isUUID("{123e4567-e89b-12d3-a456-426614174000}"))
        #expect(!StringFormats.isUUID("123e4567-e89b-12d3-a456-426614174000\n"))
        #expect(StringFormats.isTUUID("123E4567e89b12d3a456426614174000"))
        #expect(!StringFormats.isTUUID("123e4567-e89b-12d3-a456-426614174000"))
        #expect(!StringFormats.isTUUID("123e4567e89b12d3a45642661417400"))
        #expect(!StringFormats.isTUUID(""))
    }

    @Test("ULIDs: Crockford's base 32, the first character at most 7")
    func ulids() {
        #expect(StringFormats.isULID("01ARZ3NDEKTSV4RRFFQ69G5FAV"))
        #expect(StringFormats.isULID("01arz3ndektsv4rrffq69g5fav"))
        #expect(StringFormats.isULID("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"))
        #expect(!StringFormats.isULID("80000000000000000000000000"))
        for excluded in ["I", "L", "O", "U", "i", "-"] {
            #expect(!StringFormats.isULID("01ARZ3NDEKTSV4RRFFQ69G5FA" + excluded))
        }
        #expect(!StringFormats.isULID("01ARZ3NDEKTSV4RRFFQ69G5FA"))
        #expect(!StringFormats.isULID("01ARZ3NDEKTSV4RRFFQ69G5FAVV"))
    }

    @Test("fully-qualified Protobuf names, with and without the leading dot")
    func protobufNames() {
        for name in ["foo.bar.Baz", "Baz", "_x1", "_", "a1.b2._c3"] {
            #expect(StringFormats.isProtobufFQN(name))
            #expect(!StringFormats.isProtobufDotFQN(name))
            #expect(StringFormats.isProtobufDotFQN("." + name))
            #expect(!StringFormats.isProtobufFQN("." + name))
        }
        for name in ["", "foo..Baz", "foo.Baz.", "1foo", "foo.1bar", "foo.bar-baz", "fóo.bar", "."] {
            #expect(!StringFormats.isProtobufFQN(name))
            #expect(!StringFormats.isProtobufDotFQN("." + name))
        }
    }

    @Test(
        "HTTP header names: a token or pseudo-header when strict, no NUL, CR or LF when loose",
        arguments: [
            // name, strict, loose
            ("Content-Type", true, true), (":authority", true, true), ("!#$%&'*+-.^_|~`", true, true),
            // The reference's class `+-.` is a range, so the comma passes the strict check.
            ("Content,Type", true, true), ("::path", false, true), (":", false, true), ("", false, false),
            ("Content Type", false, true), ("Content/Type", false, true), ("Cöntent", false, true),
            ("Content\u{7F}Type", false, true), ("Content\tType", false, true), ("Content\nType", false, false),
            ("Content\rType", false, false), ("Content\u{0}Type", false, false),
        ])
    func headerNames(_ name: String, _ isStrict: Bool, _ isLoose: Bool) {
        #expect(StringFormats.isHTTPHeaderName(name, strict: true) == isStrict)
        #expect(StringFormats.isHTTPHeaderName(name, strict: false) == isLoose)
    }

    @Test(
        "HTTP header values: no control character but tab when strict, no NUL, CR or LF when loose",
        arguments: [
            ("text/html; charset=utf-8", true, true), ("", true, true), ("tab\tok", true, true),
            ("ünïcödé 😀", true, true), ("bad\u{7F}", false, true), ("bad\u{1}", false, true),
            ("bad\u{1B}", false, true), ("bad\u{85}", true, true), ("bad\r", false, false),
            ("bad\r\nInjected: 1", false, false), ("bad\u{0}", false, false),
        ])
    func headerValues(_ value: String, _ isStrict: Bool, _ isLoose: Bool) {
        #expect(StringFormats.isHTTPHeaderValue(value, strict: true) == isStrict)
        #expect(StringFormats.isHTTPHeaderValue(value, strict: false) == isLoose)
    }
}
