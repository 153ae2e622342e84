import Testing

@testable import Auth

@Suite("JWT claims JSON")
struct JWTClaimsTests {
    @Test("registered claims are typed, others kept exactly, aud as a string or an array")
    func reading() throws {
        let json = #"""
            {"sub":"u1","iss":"https://issuer","aud":"api","exp":1700000900,"nbf":1700000000,"iat":1700000000,
             "jti":"j","roles":["admin"],"scope":"read write","kind":"service",
             "big":12345678901234567890,"nested":{"a":[1,true,null,"x"]},"float":1.50}
            """#
        let claims = try JWTClaims(json: Array(json.utf8))
        #expect(claims.subject == "u1")
        #expect(claims.issuer == "https://issuer")
        #expect(claims.audience == ["api"])
        #expect(claims.expiresAt == 1_700_000_900)
        #expect(claims.kind == .service)
        #expect(claims.roles == ["admin"])
        #expect(claims.scopes == ["read", "write"])
        #expect(claims.additionalClaims["big"] == .number("12345678901234567890"))
        #expect(claims.additionalClaims["float"] == .number("1.50"))
        #expect(
            claims.additionalClaims["nested"]
                == .object(["a": .array([.number("1"), .bool(true), .null, .string("x")])]))
        let again = try JWTClaims(json: claims.jsonBytes)
        #expect(again == claims)
        let array = try JWTClaims(json: Array(#"{"aud":["a","b"]}"#.utf8))
        #expect(array.audience == ["a", "b"])
        #expect(String(decoding: array.jsonBytes, as: UTF8.self) == #"{"aud":["a","b"]}"#)
    }

    @Test("fractional times round the strict way: exp and iat down, nbf up")
    func fractionalTimes() throws {
        let claims = try JWTClaims(json: Array(#"{"exp":100.9,"nbf":50.1,"iat":60.5}"#.utf8))
        #expect(claims.expiresAt == 100)
        #expect(claims.notBefore == 51)
        #expect(claims.issuedAt == 60)
    }

    @Test(
        "refuses a wrong type, a duplicate member, bad JSON",
        arguments: [
            #"{"exp":"1700000000"}"#, #"{"exp":1e400}"#, #"{"aud":5}"#, #"{"aud":["a",1]}"#, #"{"roles":"admin"}"#,
            #"{"sub":1}"#, #"{"kind":"robot"}"#, #"{"sub":"a","sub":"b"}"#, #"{"x":1,"x":2}"#, #"["sub"]"#,
            #"{"sub":"a""#, #"{"sub":"a"} x"#, "{\"sub\":\"\u{1}\"}",
        ])
    func refusals(json: String) {
        #expect(throws: AuthError.self) { _ = try JWTClaims(json: Array(json.utf8)) }
        #expect((try? JWTClaims(json: Array(json.utf8))) == nil)
    }

    @Test("refuses nesting deeper than 32 levels")
    func depth() {
        let deep = #"{"x":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        #expect(throws: AuthError.self) { _ = try JWTClaims(json: Array(deep.utf8)) }
    }
}
