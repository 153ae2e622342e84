import Testing
import Validation

/// Hostnames, email addresses, addresses and host-and-port pairs; the verdicts are protovalidate's
/// (FormatsCrossCheckTests checks these and many more against it).
@Suite("String formats: hosts and email addresses")
struct StringFormatsHostTests {
    static let label63 = String(repeating: "a", count: 63)

    @Test(
        "hostnames it accepts",
        arguments: [
            "example.com", "example.com.", "a", "a-b.c", "a--b.c", "xn--bcher-kva.example", "123.example",
            "example.a1", "LOCALHOST", label63, label63 + ".com",
            // 253 bytes, and 253 plus the trailing dot that does not count.
            [label63, label63, label63, String(repeating: "d", count: 61)].joined(separator: "."),
            [label63, label63, label63, String(repeating: "d", count: 61)].joined(separator: ".") + ".",
        ])
    func hostnames(_ name: String) {
        #expect(StringFormats.isHostname(name))
        #expect(StringFormats.isAddress(name))
    }

    @Test(
        "hostnames it rejects",
        arguments: [
            "", ".", "..", "example..com", ".example.com", "example.com..", "-a.com", "a-.com", "exa_mple.com",
            "exa mple.com", "example.123", "1.2.3.4", "123", "bücher.example", "a.com\n",
            String(repeating: "a", count: 64), String(repeating: "a", count: 64) + ".com",
            [label63, label63, label63, String(repeating: "d", count: 62)].joined(separator: "."),
        ])
    func notHostnames(_ name: String) {
        #expect(!StringFormats.isHostname(name))
    }

    @Test(
        "email addresses it accepts",
        arguments: [
            "foo@example.com", "a.b+c@sub.example.com", "foo@bar", "foo@bar.123", ".foo@example.com",
            "foo..bar@example.com", "!#$%&'*+/=?^_`{|}~-@example.com", "FOO@EXAMPLE.COM",
            // No length limits: not 64 for the local part, not 254 in all.
            String(repeating: "a", count: 65) + "@example.com",
            "foo@" + String(repeating: "a.", count: 130) + "com",
        ])
    func emails(_ address: String) {
        #expect(StringFormats.isEmail(address))
    }

    @Test(
        "email addresses it rejects",
        arguments: [
            "", "foo@", "@example.com", "foo@@example.com", "foo@bar@example.com", "foo@-example.com",
            "foo@example..com", "foo@example.com.", "foo bar@example.com", "\"foo\"@example.com",
            "foo@[192.168.0.1]", "föö@example.com", "foo@exämple.com", "foo@example.com\n",
            "foo@" + String(repeating: "a", count: 64) + ".com",
        ])
    func notEmails(_ address: String) {
        #expect(!StringFormats.isEmail(address))
    }

    @Test("an address is a hostname or an IP address, zone included")
    func addresses() {
        #expect(StringFormats.isAddress("192.168.0.1"))
        #expect(StringFormats.isAddress("fe80::1%eth0"))
        #expect(!StringFormats.isAddress("256.0.0.1"))
        #expect(!StringFormats.isAddress("example.com:80"))
        #expect(!StringFormats.isAddress(""))
    }

    @Test(
        "host and port pairs, port required",
        arguments: [
            ("example.com:80", true), ("example.com:0", true), ("example.com:65535", true),
            ("example.com:65536", false), ("example.com:080", false), ("example.com:", false),
            ("example.com", false), ("192.168.0.1:8080", true), ("01.2.3.4:80", false), ("[::1]:443", true),
            ("[::1]", false), ("[fe80::1%eth0]:80", true), ("[::1]:0443", false), ("::1:443", false),
            ("[1.2.3.4]:80", false), ("[]:80", false), ("[::1%a]b]:80", true), ("", false),
        ])
    func hostAndPortRequired(_ value: String, _ isValid: Bool) {
        #expect(StringFormats.isHostAndPort(value, portRequired: true) == isValid)
    }

    @Test(
        "host and port pairs, port optional",
        arguments: [
            ("example.com", true), ("192.168.0.1", true), ("[::1]", true), ("::1", false), ("[::1]:", false),
            ("example.com:", false), ("example.com:80", true), ("[fe80::1%eth0]", true), ("1.2.3", false),
            ("a.b3", true),
        ])
    func hostAndPortOptional(_ value: String, _ isValid: Bool) {
        #expect(StringFormats.isHostAndPort(value, portRequired: false) == isValid)
    }
}
