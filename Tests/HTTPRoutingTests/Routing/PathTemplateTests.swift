import Testing

@testable import HTTPRouting

@Suite("Path templates: every form of the google.api.http grammar")
struct PathTemplateTests {
    @Test("literal segments and a single-segment variable")
    func simpleVariable() throws {
        let template = try PathTemplate("/v1/messages/{message_id}")
        #expect(template.segments == [.literal("v1"), .literal("messages"), .wildcard])
        #expect(template.verb == nil)
        #expect(template.variables == [.init(fieldPath: ["message_id"], segments: 2..<3, isMultiSegment: false)])
        #expect(template.canonical == "/v1/messages/{message_id}")
        #expect(template.routingShape == "/v1/messages/*")
    }

    @Test("a nested field path {a.b.c}")
    func nestedFieldPath() throws {
        let template = try PathTemplate("/v1/messages/{message_id}/{sub.subfield.leaf}")
        #expect(template.variables.map(\.fieldPath) == [["message_id"], ["sub", "subfield", "leaf"]])
        #expect(template.variables[1].fieldPathString == "sub.subfield.leaf")
        #expect(template.variables[1].segments == 3..<4)
    }

    @Test("a variable over several segments {name=shelves/*/books/*}")
    func multiSegmentVariable() throws {
        let template = try PathTemplate("/v1/{name=shelves/*/books/*}")
        #expect(template.segments == [.literal("v1"), .literal("shelves"), .wildcard, .literal("books"), .wildcard])
        #expect(template.variables == [.init(fieldPath: ["name"], segments: 1..<5, isMultiSegment: true)])
        #expect(template.canonical == "/v1/{name=shelves/*/books/*}")
        #expect(template.routingShape == "/v1/shelves/*/books/*")
    }

    @Test("{x=*} is {x}; {x=literal} is one segment; {x=**} is multi-segment")
    func variableKinds() throws {
        #expect(try PathTemplate("/v1/{x=*}") == PathTemplate("/v1/{x}"))
        #expect(try PathTemplate("/v1/{x=*}").canonical == "/v1/{x}")
        let literal = try PathTemplate("/v1/{x=fixed}")
        #expect(literal.variables[0].isMultiSegment == false)
        #expect(literal.segments == [.literal("v1"), .literal("fixed")])
        let rest = try PathTemplate("/v1/{path=**}")
        #expect(rest.variables[0].isMultiSegment)
        #expect(rest.endsWithDoubleWildcard)
        #expect(rest.canonical == "/v1/{path=**}")
    }

    @Test("bare * and a final **")
    func wildcards() throws {
        let template = try PathTemplate("/v1/*/items/**")
        #expect(template.segments == [.literal("v1"), .wildcard, .literal("items"), .doubleWildcard])
        #expect(template.variables.isEmpty)
        #expect(template.endsWithDoubleWildcard)
        #expect(template.canonical == "/v1/*/items/**")
        #expect(try PathTemplate("/**").segments == [.doubleWildcard])
    }

    @Test(
        "a trailing verb after a variable, a wildcard, a ** and a literal",
        arguments: [
            ("/v1/{name}:cancel", "/v1/*", "cancel"),
            ("/v1/*:verb", "/v1/*", "verb"),
            ("/v1/**:undelete", "/v1/**", "undelete"),
            ("/v1/{name=**}:undelete", "/v1/**", "undelete"),
            ("/v1/items:batchGet", "/v1/items", "batchGet"),
            ("/v1/a:b:c", "/v1/a:b", "c"),
            ("/v1/{name=shelves/*}:publish", "/v1/shelves/*", "publish"),
        ])
    func verbs(text: String, shape: String, verb: String) throws {
        let template = try PathTemplate(text)
        #expect(template.verb == verb)
        #expect(template.routingShape == shape + ":" + verb)
    }

    @Test("a colon before the last segment belongs to its literal")
    func colonInEarlierSegment() throws {
        let template = try PathTemplate("/v1/a:b/c")
        #expect(template.segments == [.literal("v1"), .literal("a:b"), .literal("c")])
        #expect(template.verb == nil)
    }

    @Test("a colon inside a variable's last literal is part of the literal, not a verb")
    func colonInsideVariable() throws {
        let template = try PathTemplate("/v1/{x=a:b}")
        #expect(template.verb == nil)
        #expect(template.segments == [.literal("v1"), .literal("a:b")])
        #expect(template.canonical == "/v1/{x=a:b}")
        #expect(template.routingShape == "/v1/a:b")
        let router = try makeRouter([("GET", "/v1/{x=a:b}"), ("POST", "/v1/{y}:b")])
        #expect(outcome(router, "GET", "/v1/a:b") == "GET /v1/{x=a:b} x=a:b")
        #expect(outcome(router, "POST", "/v1/a:b") == "POST /v1/{y}:b y=a")
    }

    @Test(
        "literals are kept in RFC 3986 normal form",
        arguments: [
            ("/v1/%7euser", "/v1/~user"),
            ("/v1/%41%62c", "/v1/Abc"),
            ("/v1/a%2fb", "/v1/a%2Fb"),
            ("/v1/a%3ab", "/v1/a%3Ab"),
            ("/v1/it's(1)+@!$&*,;=", "/v1/it's(1)+@!$&*,;="),
            ("/v1/x:do%2dit", "/v1/x:do-it"),
        ])
    func literalNormalForm(text: String, canonical: String) throws {
        #expect(try PathTemplate(text).canonical == canonical)
    }

    @Test(
        "the canonical form parses back to an equal template",
        arguments: [
            "/v1/messages/{message_id}", "/v1/{name=shelves/*/books/*}:publish", "/v1/{a.b}/x/{c=*}/{d=**}",
            "/v1/*/x/**:verb", "/%7e/a%2f/{x=lit/%41/*}", "/{path=**}",
        ])
    func canonicalRoundTrip(text: String) throws {
        let template = try PathTemplate(text)
        #expect(try PathTemplate(template.canonical) == template)
        #expect(template.description == template.canonical)
    }
}
