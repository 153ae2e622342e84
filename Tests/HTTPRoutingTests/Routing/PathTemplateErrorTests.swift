import Testing

@testable import HTTPRouting

@Suite("Path templates: every malformed template is refused with its code and position")
struct PathTemplateErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var template: String
        var code: PathTemplateError.Code
        var offset: Int
        var testDescription: String { "\(template) → \(code) at \(offset)" }
    }

    static let cases: [Case] = [
        Case(template: "", code: .missingLeadingSlash, offset: 0),
        Case(template: "v1/items", code: .missingLeadingSlash, offset: 0),
        Case(template: "/", code: .emptySegment, offset: 1),
        Case(template: "/:verb", code: .emptySegment, offset: 1),
        Case(template: "/v1//items", code: .emptySegment, offset: 4),
        Case(template: "/v1/", code: .emptySegment, offset: 4),
        Case(template: "/v1/:verb", code: .emptySegment, offset: 4),
        Case(template: "/v1/{a=}", code: .emptySegment, offset: 7),
        Case(template: "/v1/{a=x//y}", code: .emptySegment, offset: 9),
        Case(template: "/v1/{a=x/}", code: .emptySegment, offset: 9),
        Case(template: "/v1/a b", code: .invalidCharacter, offset: 5),
        Case(template: "/v1/é", code: .invalidCharacter, offset: 4),
        Case(template: "/v1/}", code: .invalidCharacter, offset: 4),
        Case(template: "/v1/{a}b", code: .invalidCharacter, offset: 7),
        Case(template: "/v1/x{a}", code: .invalidCharacter, offset: 5),
        Case(template: "/v1/x?y", code: .invalidCharacter, offset: 5),
        Case(template: "/v1/x:a b", code: .invalidCharacter, offset: 7),
        Case(template: "/v1/x:{a}", code: .invalidCharacter, offset: 6),
        Case(template: "/v1/a%2", code: .malformedPercentEncoding, offset: 5),
        Case(template: "/v1/a%zz", code: .malformedPercentEncoding, offset: 5),
        Case(template: "/v1/x:%", code: .malformedPercentEncoding, offset: 6),
        Case(template: "/v1/{}", code: .invalidFieldPath, offset: 5),
        Case(template: "/v1/{=*}", code: .invalidFieldPath, offset: 5),
        Case(template: "/v1/{a..b}", code: .invalidFieldPath, offset: 7),
        Case(template: "/v1/{a.}", code: .invalidFieldPath, offset: 7),
        Case(template: "/v1/{1a}", code: .invalidFieldPath, offset: 5),
        Case(template: "/v1/{a-b}", code: .invalidFieldPath, offset: 6),
        Case(template: "/v1/{a:b}", code: .invalidFieldPath, offset: 6),
        Case(template: "/v1/{a", code: .unterminatedVariable, offset: 4),
        Case(template: "/v1/{a=*", code: .unterminatedVariable, offset: 4),
        Case(template: "/v1/{a={b}}", code: .nestedVariable, offset: 7),
        Case(template: "/v1/{a/{b}}", code: .nestedVariable, offset: 7),
        Case(template: "/v1/**/items", code: .misplacedDoubleWildcard, offset: 4),
        Case(template: "/v1/{a=**}/items", code: .misplacedDoubleWildcard, offset: 7),
        Case(template: "/v1/{a=**/x}", code: .misplacedDoubleWildcard, offset: 7),
        Case(template: "/**/**", code: .misplacedDoubleWildcard, offset: 1),
        Case(template: "/v1/{a}/{a}", code: .duplicateVariable, offset: 8),
        Case(template: "/v1/{a}/{a.b}", code: .duplicateVariable, offset: 8),
        Case(template: "/v1/{a.b}/{a}", code: .duplicateVariable, offset: 10),
        Case(template: "/v1/{a.b}/{a.b}:x", code: .duplicateVariable, offset: 10),
        Case(template: "/v1/items:", code: .emptyVerb, offset: 9),
        Case(template: "/v1/..", code: .dotSegment, offset: 4),
        Case(template: "/v1/./x", code: .dotSegment, offset: 4),
        Case(template: "/v1/%2E%2e", code: .dotSegment, offset: 4),
        Case(template: "/v1/{a=.}", code: .dotSegment, offset: 7),
    ]

    @Test("refused with code and offset", arguments: cases)
    func refused(_ testCase: Case) {
        do {
            let template = try PathTemplate(testCase.template)
            Issue.record("accepted as \(template.canonical)")
        } catch {
            #expect(error.code == testCase.code, "\(error)")
            #expect(error.offset == testCase.offset, "\(error)")
            #expect(error.template == testCase.template)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("names a duplicate and an overlap differently, and describes itself")
    func messages() {
        #expect(throws: PathTemplateError.self) { try PathTemplate("/{a}/{a}") }
        do {
            _ = try PathTemplate("/{a}/{a}")
        } catch {
            #expect(error.message == "the field 'a' is bound twice")
            #expect(error.description == "duplicate variable: \"the field 'a' is bound twice\" (at byte 5 of /{a}/{a})")
        }
        do {
            _ = try PathTemplate("/{a.b}/{a}")
        } catch {
            #expect(error.message == "'a.b' and 'a' overlap")
        }
    }

    @Test("similar names that do not overlap are fine")
    func nonOverlappingNames() throws {
        let template = try PathTemplate("/{a}/{ab}/{a_b.c}/{b.a}")
        #expect(template.variables.count == 4)
    }
}
