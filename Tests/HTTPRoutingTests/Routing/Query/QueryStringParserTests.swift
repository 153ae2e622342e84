import Testing

@testable import HTTPRouting

@Suite("Query strings: form-urlencoded pairs, strictly decoded, bounded")
struct QueryStringParserTests {
    static func pairs(_ query: String, configuration: QueryStringConfiguration = .defaults) throws -> [String] {
        try QueryStringParser(configuration: configuration).parse(query).map(\.description)
    }

    @Test(
        "pairs, in order, with empty keys, values and parameters handled",
        arguments: [
            ("", [String]()), ("a=1", ["a=1"]), ("a=", ["a="]), ("a", ["a="]), ("=b", ["=b"]), ("=", ["="]),
            ("&&", []), ("&", []), ("a=1&&b=2&", ["a=1", "b=2"]), ("&a=1", ["a=1"]), ("a=1=2", ["a=1=2"]),
            ("tag=a&tag=b&tag=a", ["tag=a", "tag=b", "tag=a"]),
            ("page.size=10&page.token=x", ["page.size=10", "page.token=x"]),
            ("a=1;b=2", ["a=1;b=2"]), ("a=x?y/z", ["a=x?y/z"]), ("a[0]=1", ["a[0]=1"]),
        ])
    func structure(query: String, expected: [String]) throws {
        #expect(try Self.pairs(query) == expected)
    }

    @Test(
        "+ is a space and %2B a plus, in keys and values",
        arguments: [
            ("a+b=c+d", ["a b=c d"]), ("a=%2B", ["a=+"]), ("a=%2b1", ["a=+1"]), ("q=red+shoes%2B", ["q=red shoes+"]),
            ("a=+%20+", ["a=   "]), ("%2B=+", ["+= "]),
        ])
    func plus(query: String, expected: [String]) throws {
        #expect(try Self.pairs(query) == expected)
    }

    @Test(
        "escapes decode to UTF-8, any hex case, once",
        arguments: [
            ("q=%E2%82%AC", "€"), ("q=%e2%82%ac", "€"), ("q=caf%C3%A9", "café"), ("q=%26%3D", "&="), ("q=%2525", "%25"),
            ("q=%00", "\u{0}"), ("q=é", "é"), ("q=%F0%9F%98%80", "😀"),
        ])
    func escapes(query: String, value: String) throws {
        #expect(try QueryStringParser().parse(query) == [QueryParameter("q", value)])
    }

    @Test(
        "a malformed escape is refused with its offset",
        arguments: [
            ("a=%", 2), ("a=%2", 2), ("a=%zz", 2), ("a=%2g", 2), ("%g0=1", 0), ("ok=1&b=x%", 8), ("a=%%41", 2),
            ("a%=1", 1),
            ("a=%2&b=1", 2),
        ])
    func malformed(query: String, offset: Int) {
        do {
            let parameters = try QueryStringParser().parse(query)
            Issue.record("accepted: \(parameters)")
        } catch {
            #expect(error.code == .malformedPercentEncoding)
            #expect(error.offset == offset)
            #expect(error.httpStatus == 400)
        }
    }

    @Test(
        "a key or value that is not UTF-8 once decoded is refused",
        arguments: [
            ("a=%FF", 2), ("a=%C3%28", 2), ("a=%ED%A0%80", 2), ("a=%C0%AF", 2), ("%FF=1", 0), ("x=1&a=%E2%82", 6),
        ])
    func invalidUTF8(query: String, offset: Int) {
        do {
            let parameters = try QueryStringParser().parse(query)
            Issue.record("accepted: \(parameters)")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.offset == offset)
            #expect(error.httpStatus == 400)
        }
    }

    @Test("10,000 parameters are refused by the count, before anything is decoded")
    func tenThousandParameters() throws {
        let roomy = QueryStringConfiguration.defaults { $0.maxBytes = 1 << 20 }
        let query = Array(repeating: "a=1", count: 9_999).joined(separator: "&") + "&bad=%zz%FF"
        do {
            _ = try QueryStringParser(configuration: roomy).parse(query)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .tooManyParameters)
            #expect(error.message == "the query has 10000 parameters; the limit is 1000")
        }
        do {
            _ = try QueryStringParser().parse(query)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .tooLong)
            #expect(error.httpStatus == 414)
        }
    }

    @Test("exactly the limits are accepted; empty parameters do not count")
    func atTheLimits() throws {
        let tight = QueryStringConfiguration.defaults {
            $0.maxParameters = 3
            $0.maxBytes = 20
        }
        #expect(try Self.pairs("a=1&&&b=2&c=3&&&&", configuration: tight) == ["a=1", "b=2", "c=3"])
        #expect(throws: QueryStringError.self) { try Self.pairs("a=1&b=2&c=3&d", configuration: tight) }
        #expect(try Self.pairs(String(repeating: "x", count: 20), configuration: tight).count == 1)
        #expect(throws: QueryStringError.self) {
            try Self.pairs(String(repeating: "x", count: 21), configuration: tight)
        }
    }

    @Test("a substring of a request target parses in place")
    func substring() throws {
        let target = "/v1/items?tag=a&tag=b"
        let query = target[target.index(after: try #require(target.firstIndex(of: "?")))...]
        #expect(try QueryStringParser().parse(query) == [QueryParameter("tag", "a"), QueryParameter("tag", "b")])
    }

    @Test("the error describes itself")
    func description() {
        do {
            _ = try QueryStringParser().parse("name=%E2%28")
        } catch {
            #expect(
                error.description
                    == "invalid UTF-8: \"a query parameter is not UTF-8 once decoded\" (at byte 5 of the query)")
        }
    }
}
