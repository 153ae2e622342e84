import Testing
import Validation

/// IP addresses and prefixes; the verdicts are protovalidate's.
@Suite("String formats: IP addresses and prefixes")
struct StringFormatsIPTests {
    @Test(
        "IPv4 addresses",
        arguments: [
            ("0.0.0.0", true), ("255.255.255.255", true), ("192.168.0.1", true), ("256.0.0.1", false),
            ("01.2.3.4", false), ("1.2.3.00", false), ("1.2.3", false), ("1.2.3.4.5", false), ("1.2.3.4 ", false),
            ("1234.1.1.1", false), ("0x7f.0.0.1", false), ("127.1", false), ("1.2.3.4%eth0", false), ("", false),
        ])
    func ipv4(_ value: String, _ isValid: Bool) {
        #expect(StringFormats.isIP(value, version: 4) == isValid)
        #expect(!StringFormats.isIP(value, version: 6))
        #expect(StringFormats.isIP(value) == isValid)
    }

    @Test(
        "IPv6 addresses",
        arguments: [
            ("::", true), ("::1", true), ("1::", true), ("1:2:3:4:5:6:7:8", true), ("1:2:3:4:5:6:7::", true),
            ("::1:2:3:4:5:6:7", true), ("2001:DB8::1", true), ("::ffff:192.168.0.1", true),
            ("1:2:3:4:5:6:1.2.3.4", true), ("1:2:3:4:5::1.2.3.4", true), ("fe80::1%eth0", true),
            ("fe80::1%en 0", true), ("fe80::1%ü", true), ("fe80::1%a%b", true),
            (":::", false), ("1::2::3", false), ("1:2:3:4:5:6:7:8:9", false), ("1:2:3:4:5:6:7", false),
            ("::1:2:3:4:5:6:7:8", false), ("1:2:3:4:5:6:7:8::", false), (":1", false), ("1:", false),
            ("02001:db8::1", false), ("2001:db8::g", false), ("1:2:3:4:5:6:7:1.2.3.4", false),
            ("1:2:3:4:5:6::1.2.3.4", false), ("1.2.3.4::", false), ("::ffff:01.2.3.4", false),
            ("::1a.2.3.4", false), ("fe80::1%", false), ("fe80::1%a\u{0}", false), ("[::1]", false),
        ])
    func ipv6(_ value: String, _ isValid: Bool) {
        #expect(StringFormats.isIP(value, version: 6) == isValid)
        #expect(!StringFormats.isIP(value, version: 4))
        #expect(StringFormats.isIP(value) == isValid)
    }

    @Test("a version other than 0, 4 or 6 accepts nothing, as CEL's isIp does")
    func otherVersions() {
        for version in [-1, 1, 5, 7, 46] {
            #expect(!StringFormats.isIP("127.0.0.1", version: version))
            #expect(!StringFormats.isIP("::1", version: version))
            #expect(!StringFormats.isIPPrefix("10.0.0.0/8", version: version, strict: false))
        }
    }

    @Test(
        "prefixes with a length, host bits allowed (ip_with_prefixlen) or not (ip_prefix)",
        arguments: [
            // value, valid with prefix length, valid as a strict prefix
            ("192.168.0.0/16", true, true), ("192.168.0.1/16", true, false), ("0.0.0.0/0", true, true),
            ("0.0.0.1/0", true, false), ("255.255.255.255/32", true, true), ("255.255.255.255/31", true, false),
            ("1.2.3.4/33", false, false), ("10.0.0.0/08", false, false), ("10.0.0.0/+8", false, false),
            ("10.0.0.0/", false, false), ("10.0.0.0", false, false), ("01.2.3.4/8", false, false),
            ("2001:db8::/32", true, true), ("2001:db8::1/32", true, false), ("::/0", true, true),
            ("::1/128", true, true), ("::1/127", true, false), ("2001:db8::/129", false, false),
            ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127", true, true), ("8000::/1", true, true),
            ("c000::/1", true, false), ("::ffff:10.0.0.0/104", true, true), ("fe80::%eth0/64", false, false),
            ("2001:db8::/64%eth0", false, false), ("1.2.3.4/4294967328", false, false),
        ])
    func prefixes(_ value: String, _ isPrefixLength: Bool, _ isStrictPrefix: Bool) {
        #expect(StringFormats.isIPPrefix(value, strict: false) == isPrefixLength)
        #expect(StringFormats.isIPPrefix(value, strict: true) == isStrictPrefix)
        let version = value.contains(":") ? 6 : 4
        #expect(StringFormats.isIPPrefix(value, version: version, strict: false) == isPrefixLength)
        #expect(!StringFormats.isIPPrefix(value, version: 10 - version, strict: false))
    }
}
