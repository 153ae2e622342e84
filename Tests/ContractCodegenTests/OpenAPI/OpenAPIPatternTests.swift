import ContractCodegen
import Testing

@Suite("RE2 patterns as JSON Schema patterns")
struct OpenAPIPatternTests {
    @Test(
        "shared syntax passes through and RE2-only syntax is rewritten",
        arguments: [
            ("^[a-z]+$", "^[a-z]+$"),
            (#"^\d{3}-\w+\s?$"#, #"^\d{3}-\w+\s?$"#),
            (#"\Aabc\z"#, "^abc$"),
            ("(?P<year>[0-9]{4})-(?<month>[0-9]{2})", "(?:[0-9]{4})-(?:[0-9]{2})"),
            ("(?:a|b)*?", "(?:a|b)*?"),
            ("[[:alpha:][:digit:]_]+", "[A-Za-z0-9_]+"),
            (#"\x{4E00}"#, #"\u4E00"#),
            (#"\x41"#, #"\x41"#),
            ("[]a]", #"[\]a]"#),
            ("[^]a]", #"[^\]a]"#),
        ])
    func translated(_ re2: String, _ expected: String) {
        #expect(ECMAPattern.translate(re2) == expected)
    }

    @Test(
        "patterns with no common form give nil",
        arguments: [
            "(?i)abc", "(?s:.)", #"\pL+"#, #"\p{Greek}"#, #"\PN"#, #"\Qa.b\E"#, #"\C"#, #"\1"#, #"\x{1F600}"#,
            "[[:^alpha:]]", "[abc", #"(?P<unterminated"#,
        ])
    func untranslatable(_ re2: String) {
        #expect(ECMAPattern.translate(re2) == nil)
    }
}

@Suite("OpenAPI JSON rendering")
struct OpenAPIJSONTests {
    @Test("keys sorted by UTF-8 bytes, two-space indent, trailing newline")
    func rendering() {
        let value: JSONValue = ["b": [1, true, .null], "a": ["z": "x"], "B": [], "é": [:], "n": .number(0.5)]
        let expected = """
            {
              "B": [],
              "a": {
                "z": "x"
              },
              "b": [
                1,
                true,
                null
              ],
              "n": 0.5,
              "é": {}
            }

            """
        #expect(value.rendered() == expected)
    }

    @Test(
        "strings escape quotes, backslashes and control characters",
        arguments: [
            ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("\n\t\r", #""\n\t\r""#), ("\u{01}", #""\u0001""#),
            ("€", "\"€\""),
        ])
    func escaping(_ text: String, _ expected: String) {
        #expect(JSONValue.string(text).rendered() == expected + "\n")
    }

    @Test("integral numbers print without a fraction", arguments: [(1.0, "1"), (-2.0, "-2"), (0.25, "0.25")])
    func numbers(_ value: Double, _ expected: String) {
        #expect(JSONValue.number(value).rendered() == expected + "\n")
    }
}
