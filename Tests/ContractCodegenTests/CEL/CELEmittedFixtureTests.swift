import Foundation
import Testing

@testable import ContractCodegen

/// The compiled Swift of a table of rules is checked in as
/// `Tests/ValidationTests/CEL/CELEmittedRules.swift`, where the ValidationTests target compiles it
/// against the real `Validation` runtime and runs it (`CELEmittedRulesTests`). This suite proves
/// the checked-in file is exactly what the compiler emits today; regenerate it with
/// `CEL_REGENERATE=1 swift test --filter CELEmittedFixture`.
@Suite("CEL emitted-code fixture")
struct CELEmittedFixtureTests {
    enum This {
        case user, string, int32List
        var swiftType: String {
            switch self {
            case .user: "FixtureUser"
            case .string: "Swift.String"
            case .int32List: "[Swift.Int32]"
            }
        }
        var binding: CELThis {
            switch self {
            case .user: .message("test.v1.User", swift: "this")
            case .string: CELThis(kind: .string, swift: "this")
            case .int32List: CELThis(kind: .int32, shape: .repeated, swift: "this")
            }
        }
    }

    struct Case {
        var name: String
        var expression: String
        var this: This = .user
        var rule: CELConstant?
        var rules: CELRulesValue?
    }

    static let cases: [Case] = [
        Case(name: "nameLength", expression: "size(this.name) >= 2 && this.name.size() <= 5"),
        Case(name: "ageRange", expression: "this.age >= 18 && this.age < 150"),
        Case(name: "incrementGrows", expression: "this.balance + 1 > this.balance"),
        Case(name: "perYear", expression: "this.balance / this.age > 2"),
        Case(name: "guardedDivision", expression: "this.age != 0 && this.balance / this.age > 2"),
        Case(name: "absorbedOr", expression: "this.balance / this.age > 2 || this.age == 0"),
        Case(name: "mixedNumbers", expression: "this.big > this.balance && this.score < this.balance"),
        Case(name: "scoreIsNumber", expression: "this.score == this.score"),
        Case(
            name: "exampleEmail",
            expression: "this.email.endsWith('@example.com') ? '' : 'email must be at example.com'"),
        Case(name: "fiveCodePoints", expression: "this.name.size() == 5"),
        Case(name: "decomposedE", expression: "this.name == 'e\\u0301'"),
        Case(name: "nicknameX", expression: "!has(this.nickname) || this.nickname.startsWith('x')"),
        Case(name: "zipFive", expression: "this.address.city == '' || this.address.zip.size() == 5"),
        Case(name: "hasFloor", expression: "has(this.address) && has(this.address.floor)"),
        Case(name: "tagsUnique", expression: "this.tags.all(t, t.size() > 0) && this.tags.unique()"),
        Case(name: "someCountOver10", expression: "this.counts.exists(c, c > 10)"),
        Case(name: "oneZeroCount", expression: "this.counts.exists_one(c, c == 0)"),
        Case(name: "doubledBelow100", expression: "this.counts.map(c, c * 2).all(d, d < 100)"),
        Case(name: "allItemsStocked", expression: "size(this.items.filter(i, i.quantity > 0)) == size(this.items)"),
        Case(name: "knownStatus", expression: "this.status in [1, 2] && this.name in ['ann', 'bob']"),
        Case(name: "labelK", expression: "'k' in this.labels && this.labels['k'] != '' && this.labels.k == 'v'"),
        Case(name: "missingLabel", expression: "this.labels['missing'] == ''"),
        Case(name: "stockKeys", expression: "this.stock.all(k, k > 0) && 1 in this.stock"),
        Case(name: "ttlRange", expression: "this.ttl >= duration('1m') && this.ttl <= duration('1h30m')"),
        Case(name: "window", expression: "this.created + this.ttl < this.expires"),
        Case(name: "recent", expression: "now - this.created < duration('24h')"),
        Case(name: "after2024", expression: "this.created >= timestamp('2024-01-01T00:00:00Z')"),
        Case(name: "limitOptional", expression: "this.limit == null || this.limit > 0"),
        Case(name: "limitOver5", expression: "this.limit > 5"),
        Case(name: "ageText", expression: "string(this.age) + 'y' == '30y'"),
        Case(name: "scoreTruncated", expression: "int(this.score) > 0"),
        Case(name: "balanceUnsigned", expression: "uint(this.balance) > 0u"),
        Case(name: "bigAsDouble", expression: "double(this.big) > 1e3"),
        Case(name: "adult", expression: "this.age < 18 ? 'too young' : ''"),
        Case(name: "negatedBalance", expression: "-this.balance <= 0"),
        Case(name: "evenBalance", expression: "this.balance % 2 == 0"),
        Case(name: "smallDecrement", expression: "this.small - 1u >= 0u"),
        Case(name: "dataHeader", expression: "size(this.data) <= 4 && this.data.startsWith(b'\\x01')"),
        Case(
            name: "createdWeekday", expression: "this.created.getFullYear() >= 2024 && this.created.getDayOfWeek() != 0"
        ),
        Case(name: "tagsPlusX", expression: "this.tags + ['x'] == ['a', 'x']"),
        Case(name: "ratioHalf", expression: "this.ratio > 0.5"),
        Case(name: "firstSku", expression: "this.items[0].sku != ''"),
        Case(name: "scoreText", expression: "string(this.score) == '1.5'"),
        Case(name: "bigOver5", expression: "this.big > 5u && this.small < this.age"),
        Case(name: "bigEqualsBalance", expression: "this.big == this.balance || this.score == this.age"),
        Case(name: "ratioIsHalf", expression: "this.ratio == 0.5"),
        Case(name: "nameBeforeB", expression: "this.name < 'b' && this.name >= ''"),
        Case(name: "notFlag", expression: "!this.flag || this.data.size() > 0"),
        Case(name: "oneBig", expression: "this.counts.exists_one(c, 100 / c > 10)"),
        Case(name: "positiveTagged", expression: "this.tags.map(t, t.size() > 0, t + '!').all(t, t.endsWith('!'))"),
        Case(name: "sumFirstTwo", expression: "size(this.counts) < 2 || this.counts[0] + this.counts[1] > 0"),
        Case(
            name: "ttlText",
            expression: "string(this.ttl) == '60s' || string(this.created) == '2024-01-01T00:00:00Z'"),
        Case(name: "createdSeconds", expression: "int(this.created) < 1704067200 ? 'before 2024' : ''"),
        Case(
            name: "parsedNumbers",
            expression: "this.name.size() == 0 || uint(this.name) > 1u || double(this.name) > 1.5"),
        Case(name: "dataText", expression: "string(this.data) == '' || bytes(this.name) + this.data != b''"),
        Case(
            name: "ttlHours",
            expression: "this.ttl.getHours() >= 1 || this.ttl.getMinutes() > 0 || this.ttl.getSeconds() != 0"),
        Case(
            name: "createdMonth",
            expression: "this.created.getMonth() == 0 && this.created.getDate() == 1 && this.created.getHours() == 0"),
        Case(name: "hasLabelK", expression: "has(this.labels.k) ? this.labels.k.size() > 0 : true"),
        Case(name: "stockValue", expression: "!(1 in this.stock) || this.stock[1] > 0"),
        Case(name: "ttlBetween", expression: "this.expires - this.created > this.ttl"),
        Case(name: "scoreFinite", expression: "!this.score.isNan() && !this.score.isInf()"),
        Case(
            name: "textTernary",
            expression: "this.age > 100 ? (this.balance / this.age > 1 ? 'rich elder' : '') : ''"),
        Case(name: "itemPrices", expression: "this.items.all(i, i.price >= 0.0 && i.sku.size() <= 3)"),
        Case(name: "uniqueCounts", expression: "this.counts.unique() && this.counts.filter(c, c < 0).size() == 0"),
        Case(name: "sameAddress", expression: "this.address == this.address && this.address.floor in [0, 3]"),
        Case(name: "nestedMacros", expression: "this.items.all(i, this.tags.exists(t, t == i.sku) || i.quantity == 0)"),
        Case(name: "maxWords", expression: "this.size() <= rule", this: .string, rule: .int(5)),
        Case(
            name: "withinMaxLen", expression: "has(rules.max_len) && this.size() < rules.max_len", this: .string,
            rules: CELRulesValue(
                messageName: "buf.validate.StringRules", fields: ["max_len": .init(value: .uint(4), isSet: true)])),
        Case(name: "startsWithA", expression: "this.startsWith('a')", this: .string),
        Case(name: "allEven", expression: "this.all(x, x % 2 == 0)", this: .int32List),
        Case(name: "someHalfOf100", expression: "this.exists(x, 100 / x == 50)", this: .int32List),
    ]

    static var fixtureURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ValidationTests/CEL/CELEmittedRules.swift")
    }

    /// The fixture file's text, compiled from ``cases`` now.
    static func render() throws -> String {
        var declarations: [String: String] = [:]
        var functions: [String] = []
        for rule in cases {
            let compiled = try CELCompiler.fixture.compile(
                rule.expression, bindings: CELBindings(this: rule.this.binding, rule: rule.rule, rules: rule.rules))
            for declaration in compiled.declarations { declarations[declaration.name] = declaration.swift }
            let result = compiled.resultKind == .bool ? "Swift.Bool" : "Swift.String"
            let (timestamp, error) = ("ProtoRuntime.Google_Protobuf_Timestamp", "Validation.CELEvaluationError")
            functions.append(
                """
                /// `\(rule.expression)`
                func cel_\(rule.name)(_ this: \(rule.this.swiftType), now: \(timestamp)) throws(\(error)) -> \(result) {
                    \(compiled.swift)
                }

                """)
        }
        var text = """
            // DO NOT EDIT.
            // swift-format-ignore-file
            // Emitted by CELCompiler from CELEmittedFixtureTests.cases; regenerate with
            // CEL_REGENERATE=1 swift test --filter CELEmittedFixture

            import ProtoRuntime
            import Validation


            """
        for name in declarations.keys.sorted() { text += (declarations[name] ?? "") + "\n" }
        text += functions.joined(separator: "\n")
        text += "\n/// The rules on `test.v1.User`, for the cross-check against protovalidate.\n"
        text += "let celFixtureUserRules: [CELFixtureRule] = [\n"
        for rule in cases where rule.this == .user {
            let expression = CELSwiftText.stringLiteral(rule.expression)
            text +=
                "    CELFixtureRule(name: \"\(rule.name)\", expression: \(expression)) { user, now in CELOutcome { try cel_\(rule.name)(user, now: now) } },\n"
        }
        return text + "]\n"
    }

    @Test("the checked-in fixture is what the compiler emits today")
    func fixtureIsCurrent() throws {
        let expected = try Self.render()
        if ProcessInfo.processInfo.environment["CEL_REGENERATE"] == "1" {
            try expected.write(to: Self.fixtureURL, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: Self.fixtureURL, encoding: .utf8)
        #expect(actual == expected)
    }
}
