import Testing
import Validation

/// URIs and URI references (RFC 3986, RFC 6874 zones); the verdicts are protovalidate's.
@Suite("String formats: URIs")
struct StringFormatsURITests {
    @Test(
        "URIs: every RFC 3986 production",
        arguments: [
            "https://example.com", "https://user:pw@example.com:8080/a/b?c=d#e", "mailto:someone@example.com",
            "urn:isbn:0451450523", "tel:+1-816-555-1212", "a+b-c.d:x", "file:///etc/hosts", "http:///",
            "http://example.com:/", "http://example.com:999999999999999/", "http://:80/", "http://[2001:db8::1]:80/",
            "http://[::1.2.3.4]/", "http://[v1.fe80::a+en1]/", "http://[V1.x]/", "http://[fe80::1%25eth0]/",
            "http://[fe80::1%25foo%c3%96]/", "http://ex%C3%A4mple.com/", "http://%00/", "http://user%C3@h/",
            "http://h/%C3", "http://example.com/!$&'()*+,;=:@-._~", "http://example.com/?a?b/c:d@e",
            "http://example.com/#a?b/c:d@e", "g:h", "http:", "x:%41", "http://999.999.999.999/",
        ])
    func uris(_ value: String) {
        #expect(StringFormats.isURI(value))
        #expect(StringFormats.isURIReference(value))
    }

    @Test(
        "not URIs, nor URI references",
        arguments: [
            "1http://example.com", "ht tp://example.com", "://example.com", "http://example.com:80a/",
            "http://example.com:80:90/", "http://user@@example.com/", "http://[2001:db8::1]x/",
            "http://[::01.2.3.4]/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[]/", "http://[fe80::1%eth0]/",
            "http://[fe80::1%25]/", "http://[fe80::1%25a%c3]/", "http://[fe80::1%25a:b]/", "http://[v.x]/",
            "http://[v1.]/", "http://ex%C3mple.com/", "http://%ED%A0%80/", "http://%C0%80/", "http://é.com/",
            "http://example.com/a b", "http://example.com/a%2", "http://example.com/ä", "http://example.com/a|b",
            "http://example.com/#a#b", "http://example.com/[x]", "http://a[b@[::1%25x]/", "x:?%zz",
        ])
    func notURIs(_ value: String) {
        #expect(!StringFormats.isURI(value))
        #expect(!StringFormats.isURIReference(value))
    }

    @Test(
        "relative references: URI references, not URIs",
        arguments: [
            "", "/", "//", "/a:b", "a/b:c", "./a:b", "?x:y", "#x:y", "//h:80/x", "//[fe80::1%25eth0]", "relative",
            "../a", "#", "?", "%41", "a%3Ab",
        ])
    func relativeReferences(_ value: String) {
        #expect(StringFormats.isURIReference(value))
        #expect(!StringFormats.isURI(value))
    }

    @Test(
        "neither: a colon in a relative reference's first segment, bad percent-encoding",
        arguments: ["1a:b", ":", "%", "%4", "%zz", "a b", "ä", "[::1]", "//a b", "//[::1"])
    func neither(_ value: String) {
        #expect(!StringFormats.isURIReference(value))
        #expect(!StringFormats.isURI(value))
    }
}
