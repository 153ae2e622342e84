import Testing

@testable import ContractCodegen

@Suite("CEL compiler: golden Swift")
struct CELCompilerGoldenTests {
    @Test(
        "emits this Swift",
        arguments: [
            ("this.age > 0", "(Swift.Int64(this.age) > 0)"),
            ("this.name.size() <= 64", "(Validation._CELRuntime.size(this.name) <= 64)"),
            ("this.balance * 2 < 10", "try (Validation._CELRuntime.multiply(this.balance, 2) < 10)"),
            ("this.score >= 0.5 ? '' : 'low'", "((this.score >= 0.5) ? \"\" : \"low\")"),
            ("this.big < 3", "(Validation._CELRuntime.order(this.big, (3 as Swift.Int64)) < 0)"),
            ("this.address.city != ''", "!Validation._CELRuntime.equals((this.address?.city ?? \"\"), \"\")"),
            ("has(this.nickname)", "(this.nickname != nil)"),
            ("has(this.name)", "(!this.name.isEmpty)"),
            ("has(this.age)", "(Swift.Int64(this.age) != 0)"),
            ("has(this.tags)", "(!this.tags.isEmpty)"),
            ("this.tags == []", "(this.tags.isEmpty)"),
            ("this.counts.all(c, c > 0)", "this.counts.allSatisfy { celV0 in (Swift.Int64(celV0) > 0) }"),
            ("this.status == 1", "(Swift.Int64(this.status.rawValue) == 1)"),
            (
                "this.ttl < duration('1.5h')",
                "(Validation._CELRuntime.order((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration()), ProtoRuntime.Google_Protobuf_Duration(seconds: 5400, nanos: 0)) < 0)"
            ),
            ("this.name.isEmail()", "Validation.StringFormats.isEmail(this.name)"),
            ("this.name.isIp(6)", "Validation.StringFormats.isIP(this.name, version: 6)"),
            (
                "this.name.isIpPrefix(4, true)",
                "Validation.StringFormats.isIPPrefix(this.name, version: 4, strict: true)"
            ),
            ("this.name.isUriRef()", "Validation.StringFormats.isURIReference(this.name)"),
            ("this.name.isHostAndPort(true)", "Validation.StringFormats.isHostAndPort(this.name, portRequired: true)"),
            ("-9223372036854775808 < this.balance", "(-9223372036854775808 < this.balance)"),
            ("this.limit != null", "((this.limit).map { Swift.Int64($0.value) } != nil)"),
        ])
    func golden(expression: String, swift: String) throws {
        let compiled = try CELCompiler.fixture.compileOnUser(expression)
        #expect(compiled.swift == swift)
        #expect(compiled.canThrow == swift.hasPrefix("try "))
        #expect(!compiled.usesNow)
    }

    @Test("a literal pattern becomes one file-scope declaration, named after the pattern")
    func literalPattern() throws {
        let compiled = try CELCompiler.fixture.compileOnUser(
            "this.name.matches('^[a-z]+$') && this.email.matches('^[a-z]+$')")
        #expect(compiled.declarations.count == 1)
        let declaration = try #require(compiled.declarations.first)
        #expect(declaration.name.hasPrefix("_celRegex_"))
        #expect(
            declaration.swift
                == "private let \(declaration.name) = Swift.Result { () throws(Validation.RE2SyntaxError) -> Validation.RE2Regex in try Validation.RE2Regex(\"^[a-z]+$\") }"
        )
        #expect(compiled.swift.contains("Validation._CELRuntime.regex(\(declaration.name)).matches(this.name)"))
        #expect(compiled.canThrow)
    }

    @Test("a computed pattern is compiled at run time")
    func computedPattern() throws {
        let compiled = try CELCompiler.fixture.compileOnUser("this.name.matches(this.email)")
        #expect(compiled.declarations.isEmpty)
        #expect(compiled.swift.contains("Validation.RE2Regex(this.email)"))
    }

    @Test("now is read from the name the bindings give, and reported")
    func now() throws {
        let compiled = try CELCompiler.fixture.compile(
            "this.created < now",
            bindings: CELBindings(this: .message("test.v1.User", swift: "self"), nowSwift: "clock"))
        #expect(compiled.usesNow)
        #expect(compiled.swift.hasSuffix(", clock) < 0)"))
        #expect(compiled.swift.contains("self.created"))
    }

    @Test("field rules bind this to the value; a wrapper's value is unwrapped")
    func fieldThis() throws {
        let int32 = try CELCompiler.fixture.compile(
            "this > 0", bindings: CELBindings(this: CELThis(kind: .int32, swift: "v")))
        #expect(int32.swift == "(Swift.Int64(v) > 0)")
        let wrapper = try CELCompiler.fixture.compile(
            "this > 0u", bindings: CELBindings(this: CELThis(kind: .wrapper(.uint32), swift: "v")))
        #expect(wrapper.swift == "(Swift.UInt64(v.value) > 0)")
        let map = try CELCompiler.fixture.compile(
            "this.all(k, k.size() < 3)",
            bindings: CELBindings(this: CELThis(kind: .int64, shape: .map(key: .string), swift: "m")))
        #expect(map.swift == "m.keys.allSatisfy { celV0 in (Validation._CELRuntime.size(celV0) < 3) }")
    }
}
