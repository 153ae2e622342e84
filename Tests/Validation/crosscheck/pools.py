"""Hand-picked values for the rules whose boundary is a grammar rather than a number: the
well-known string formats, the patterns of the test contracts, and the inputs of the CEL rules.

Each list mixes values on both sides of the line (and values that only just miss it); the corpus
generator uses them as they are for the edge cases and mutates them for the random ones.
"""

EMAIL = [
    "a@b.co", "a@b", "A@B.CO", "a.b+c@d-e.f", "!#$%&'*+/=?^_`{|}~-@b.c", "a@1.2.3.4", "a@xn--80ak6aa92e.com",
    "@b.co", "a@", "a@@b", "a b@c.d", "a@b..c", "a@-b.c", "a@b-.c", "<a@b.c>", "a@b.c ", " a@b.c",
    "Name <a@b.c>", "ä@b.c", "a@ä.c", "a@b.c.", '"q"@b.c', "a@[127.0.0.1]", "a@b_c.d", "a.@b.c", ".a@b.c",
    "a..b@c.d", "a@b.c\n", "x" * 64 + "@b.c", "x" * 65 + "@b.c", "a@" + "b" * 63 + ".c", "a@" + "b" * 64 + ".c",
    "a@" + ".".join(["b" * 60] * 4) + ".co", "", "a", "a@b.c@d",
]

HOSTNAME = [
    "a", "a.b", "localhost", "a.b-c.d", "A.B", "xn--bcher-kva.ch", "a.b.", "a-b.c", "0.a", "a.1b", "9a.b",
    "-a.b", "a-.b", "a..b", ".a", "a_b.c", "bücher.ch", "123", "1.2.3.4", "a.123", "a b", "*.a.b", "a.b\n",
    "x" * 63 + ".b", "x" * 64 + ".b", ".".join(["x" * 63] * 3) + "." + "x" * 61, ".".join(["x" * 63] * 4), "",
    "a.b..", "-", "a.-", "a.b-",
]

IPV4 = [
    "0.0.0.0", "255.255.255.255", "1.2.3.4", "127.0.0.1", "256.0.0.0", "1.2.3", "1.2.3.4.5", "01.2.3.4",
    "1.2.3.04", " 1.2.3.4", "1.2.3.4 ", "1.2.3.-1", "1..3.4", "١.٢.٣.٤", "0x1.2.3.4", "1.2.3.4/8", "", "1.2.3.4.",
]

IPV6 = [
    "::", "::1", "1::", "1:2:3:4:5:6:7:8", "FE80::A", "fe80::1%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
    "1:2:3:4:5:6:7::", "2001:db8::1", "1:2:3:4:5:6:7:8:9", "1::2::3", "::ffff:1.2.3", "fe80::1%", ":1:2:3:4:5:6:7",
    "12345::", "g::", "[::1]", "::1/64", "1:2:3:4:5:6:7:1.2.3.4", ":::", "1:2:3:4:5:6:7", "::ffff:256.1.1.1",
]

PREFIXES = [
    "1.2.3.0/24", "1.2.3.4/24", "1.2.3.4/32", "1.2.3.4/33", "1.2.3.4/", "/24", "1.2.3.4/024", "0.0.0.0/0",
    "1.2.3.4/-1", "1.2.3.4/ 8", "1.2.3.4/8/8", "1.2.3.4", "::/0", "::1/128", "::1/129", "2001:db8::/32",
    "2001:db8::1/32", "2001:db8::/033", "::1", "fe80::/10", "fe80::1%eth0/64", "", "10.0.0.0/8", "10.0.0.0/7",
]

URI = [
    "https://example.com", "http://a/b?c#d", "mailto:a@b.c", "urn:isbn:0451450523", "ftp://[::1]:21/",
    "https://user:pass@host:8080/p", "https://example.com/%20", "h+t.t-p://x", "a:b", "file:///etc/hosts",
    "/relative/path", "//host/path", "https://exa mple.com", "https://example.com/%zz", "https://[::1",
    "http://host:99999", "http://host:port", ":", "1http://x", "https://例え.jp", "https://x/ä", "", "#frag", "?q",
    "https://x/\\", "https://x/<>", "http://[v1.fe]/", "http://[::1]:80/", "http://a/%", "http://a/b c",
    "rel/ative", "./a:b", "a:", "https://x?%41", "https://x#a#b",
]

ADDRESS = HOSTNAME[:12] + IPV4[:5] + IPV6[:6] + ["[::1]", "1.2.3.256", "a_b", "", "1.2.3.4:80"]

UUID = [
    "00000000-0000-0000-0000-000000000000", "123e4567-e89b-12d3-a456-426614174000",
    "123E4567-E89B-12D3-A456-426614174000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400",
    "123e4567-e89b-12d3-a456-4266141740000", "{123e4567-e89b-12d3-a456-426614174000}",
    "123e4567-e89b-12d3-a456-42661417400g", "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
    "123e4567-e89b12d3-a456-426614174000", "123e4567_e89b_12d3_a456_426614174000", "",
]

TUUID = [
    "123e4567e89b12d3a456426614174000", "123E4567E89B12D3A456426614174000", "00000000000000000000000000000000",
    "123e4567e89b12d3a45642661417400", "123e4567e89b12d3a4564266141740000", "123e4567-e89b-12d3-a456-426614174000",
    "123e4567e89b12d3a45642661417400g", "",
]

HOST_AND_PORT = [
    "a.b:80", "a.b:0", "a.b:65535", "a.b:65536", "a.b", "1.2.3.4:80", "[::1]:80", "::1:80", "[::1]", "a.b:",
    ":80", "a.b:080", "a.b:-1", "a.b:8x", "[1.2.3.4]:80", "localhost:1", "1.2.3.4", "[::1]:65536", "a_b:1",
    "a.b:80:80", "", "[::1]:0",
]

HEADER_NAME = [
    "Content-Type", ":authority", ":path", "x", "", "a b", "a:b", "a\x00", "a\r\n", "ä", "a\tb",
    "!#$%&'*+-.^_`|~", ":", "::", "X-Custom_1", "a\x7f", "(a)", "a/b", "a\nb",
]

HEADER_VALUE = [
    "text/plain", "", " a ", "a\tb", "a\r\nb", "a\x00b", "a\x7fb", "ä", "a\nb", "\x01", "a\rb", "\t",
    "quoted \"x\"", "€", "\x0b", "a\x1fb",
]

# The patterns of the test contracts, each with values on both sides.
PATTERNS = {
    "^[a-z]+-[0-9]{2,3}$": [
        "ab-12", "ab-123", "z-99", "ab-1", "ab-1234", "-12", "AB-12", "ab-12\n", "ab_12", "xab-12x", "é-12",
        "ab-١٢",
    ],
    "ab+c": ["abc", "abbbc", "xabcx", "ac", "ABC", "a\nbc", "ab c", "abbbbbbbbbbbbbbbbbbbbbbbc"],
    "^\\p{L}[\\p{L}\\p{N} ]*$": [
        "a", "Ω", "ä1 2", "日本語 テキスト", "ǅ", "aⅷ", "a\u0301", "1a", "a_", " a", "a\t", "a-b", "a\n", "٣",
    ],
    "(?i)^hello$": ["hello", "HELLO", "HeLlO", "hello!", "hello\n", "ｈｅｌｌｏ", "hell", "HELLO\u0307"],
    "^[a-z]+$": ["abc", "ABC", "a b", "é", "abc\n", "z"],
}

# Inputs for the CEL rules of `CelFieldCases`, `CelMessageCases` and the predefined rules, by
# field name (the rules do not say which values matter, so these are picked by hand).
CEL_STRINGS = {
    "name": ["", "a", "ab", "abcde", "abcdef", "éé", "😀😀", "a\u0301"],
    "code": ["a1", "b2", "c3", "A1", "a1 ", "", "d4"],
    "path": ["/v1/a.x", "/v1/.x", "/v1/a/../b.x", "/v2/a.x", "/v1/a.y", "v1/a.x", "/v1/", "/v1/é.x"],
    "slug": ["a", "a-b", "a1-b2-c3", "-a", "a-", "a--b", "A", "", "a_b", "ä"],
    "email": EMAIL[:6] + EMAIL[10:16] + [""],
    "host": HOSTNAME[:8] + HOSTNAME[12:18] + [""],
    "address": IPV4[:4] + IPV6[:4] + ["1.2.3", "::g", "", "1.2.3.4/8"],
    "link": URI[:6] + URI[10:16] + [""],
    "multi": ["abc", "ab", "abx", "Abc", "ABX", "", "xyz", "abcd"],
    "handle": ["a", "a b", " ", "", "ab", "a\tb"],
    "handle_long": ["a", "a b", "ab", "abc d", ""],
    "not_admin": ["admin", "Admin", "admin ", "", "root"],
    "handles": ["a", "a b", ""],
}

# Characters the random mutations insert: separators and quotes that grammars care about,
# control characters, and code points of every UTF-8 length (and a combining mark).
NASTY = list("-._:/@[]%+ 0aZ9\"\\") + ["\t", "\n", "\r", "\x00", "\x7f", "é", "ß", "€", "😀", "\u0301", "\u200b"]

# Characters of each UTF-8 length, for strings of a given number of code points or bytes.
BY_UTF8_LENGTH = {1: "az09-", 2: "éßΩж", 3: "€日本\u200b", 4: "😀𝄞🎉"}
