"""Seeded cases for the format cross-check: values near each format's boundaries, and mutations.

Every function takes a random.Random, so a seed reproduces the whole corpus. The values are
deliberately mostly almost-valid: a random string is rarely anything, so each generator builds a
valid value and then, often, breaks one thing about it.
"""

import string

HEX = "0123456789abcdefABCDEF"
ALNUM = string.ascii_letters + string.digits
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz"
URI_CHARS = ALNUM + "-._~!$&'()*+,;=:@/?#[]% "
# Characters that sit on some format's boundary; inserted by the mutations.
INTERESTING = list(".:/[]%@-_#?!+,;=~ \t\n\r\x00\x7f\x01\"'\\`{}|^<>0123456789aAfFgGvVzZ") + [
    "é", "ü", "ß", "€", "😀", "\u0085", "\u00a0", "%25", "::", "%2", "%C3", "%c3%a4", "..", "//", "xn--",
]


def pick(rng, weighted):
    """One of (weight, value-or-callable) pairs."""
    total = sum(weight for weight, _ in weighted)
    roll = rng.uniform(0, total)
    for weight, value in weighted:
        roll -= weight
        if roll <= 0:
            return value(rng) if callable(value) else value
    value = weighted[-1][1]
    return value(rng) if callable(value) else value


def chars(rng, alphabet, length):
    return "".join(rng.choice(alphabet) for _ in range(length))


# --- IP addresses


def octet(rng):
    value = pick(rng, [(6, lambda r: r.randrange(256)), (3, lambda r: r.choice([0, 1, 9, 10, 99, 100, 199, 200,
                                                                                    249, 250, 255])),
                       (1, lambda r: r.choice([256, 299, 300, 999, 1000]))])
    text = str(value)
    if rng.random() < 0.05:
        text = "0" + text
    return text


def ipv4(rng):
    count = pick(rng, [(20, 4), (1, 3), (1, 5)])
    return ".".join(octet(rng) for _ in range(count))


def hex_group(rng):
    length = pick(rng, [(10, lambda r: r.randint(1, 4)), (1, 0), (1, 5)])
    return chars(rng, HEX, length)


def ipv6_text(rng, value=None):
    """IPv6 text: from `value` (an int) with random zero-compression and case, or random groups."""
    if value is not None:
        groups = [f"{(value >> (16 * (7 - i))) & 0xFFFF:x}" for i in range(8)]
        if rng.random() < 0.3:
            groups = [g.zfill(4) for g in groups]
        if rng.random() < 0.3:
            groups = [g.upper() for g in groups]
        if rng.random() < 0.6:
            start = rng.randrange(8)
            end = rng.randint(start + 1, 8)
            if all(g.strip("0") == "" for g in groups[start:end]):
                return ":".join(groups[:start]) + "::" + ":".join(groups[end:])
        return ":".join(groups)
    count = pick(rng, [(6, lambda r: r.randint(0, 7)), (3, 8), (1, 9)])
    groups = [hex_group(rng) for _ in range(count)]
    if rng.random() < 0.25 and count >= 1:
        groups[-1] = ipv4(rng)
    if rng.random() < 0.6 or count < 8:
        position = rng.randint(0, len(groups))
        text = ":".join(groups[:position]) + "::" + ":".join(groups[position:])
    else:
        text = ":".join(groups)
    if rng.random() < 0.05:
        text = text.replace("::", ":::", 1) if rng.random() < 0.5 else text + "::"
    return text


def zone(rng):
    return pick(rng, [(5, lambda r: chars(r, ALNUM, r.randint(1, 6))), (1, ""), (1, "eth0%1"), (1, "en 0"),
                      (1, "ü"), (1, "\x00"), (1, "25eth0"), (1, "/64")])


def ipv6(rng):
    text = ipv6_text(rng, rng.getrandbits(128) if rng.random() < 0.3 else None)
    if rng.random() < 0.15:
        text += "%" + zone(rng)
    return text


def prefix_length(rng, bits):
    value = pick(rng, [(6, lambda r: r.randint(0, bits)), (3, lambda r: r.choice([0, 1, 7, 8, 9, 15, 16, 24,
                                                                                     31, 32, 33, 63, 64, 65,
                                                                                     127, 128, 129])),
                       (1, lambda r: r.randint(bits + 1, 999))])
    text = str(value)
    return pick(rng, [(30, text), (1, "0" + text), (1, "+" + text), (1, ""), (1, text + " ")])


def ip_prefix(rng):
    bits = 32 if rng.random() < 0.5 else 128
    length = rng.randint(0, bits)
    address = rng.getrandbits(bits)
    if rng.random() < 0.6:
        address &= ~((1 << (bits - length)) - 1) & ((1 << bits) - 1)  # host bits zero
    if rng.random() < 0.2:
        address ^= 1 << rng.randrange(bits)  # one bit off
    if bits == 32:
        text = ".".join(str((address >> s) & 0xFF) for s in (24, 16, 8, 0))
    else:
        text = ipv6_text(rng, address)
    suffix = str(length) if rng.random() < 0.8 else prefix_length(rng, bits)
    return text + "/" + suffix


# --- names


def label(rng, length=None):
    if length is None:
        length = pick(rng, [(8, lambda r: r.randint(1, 12)), (2, lambda r: r.choice([62, 63, 64])), (1, 0)])
    text = chars(rng, ALNUM + "-", length)
    if length >= 2 and rng.random() < 0.7:
        text = rng.choice(ALNUM) + text[1:-1] + rng.choice(ALNUM)
    if rng.random() < 0.1 and text:
        text = chars(rng, string.digits, len(text))
    return text


def hostname(rng):
    if rng.random() < 0.15:
        # Near the 253-byte limit: labels of 63 and a last one making 252, 253 or 254 bytes.
        total = rng.choice([251, 252, 253, 254, 255])
        labels = []
        while sum(len(x) for x in labels) + len(labels) < total - 63:
            labels.append(label(rng, 63))
        rest = total - (sum(len(x) for x in labels) + len(labels))
        labels.append(label(rng, max(1, min(63, rest))))
        text = ".".join(labels)
    else:
        text = ".".join(label(rng) for _ in range(rng.randint(1, 5)))
    if rng.random() < 0.2:
        text += "."
    if rng.random() < 0.05:
        text = text.upper()
    return text


def email(rng):
    local_alphabet = ALNUM + ".!#$%&'*+/=?^_`{|}~-"
    local = chars(rng, local_alphabet, pick(rng, [(8, lambda r: r.randint(1, 12)), (1, 0), (1, 64), (1, 65)]))
    domain = hostname(rng) if rng.random() < 0.7 else ".".join(label(rng) for _ in range(rng.randint(1, 3)))
    return local + "@" + domain


def port(rng):
    return pick(rng, [(6, lambda r: str(r.randint(0, 65535))),
                      (3, lambda r: r.choice(["0", "1", "80", "65535", "65536", "99999", "100000", "080", "00",
                                              "-1", "+1", ""]))])


def host_and_port(rng):
    host = pick(rng, [(4, hostname), (3, ipv4), (2, lambda r: "[" + ipv6(r) + "]"), (1, ipv6)])
    if rng.random() < 0.8:
        host += ":" + port(rng)
    return host


# --- URIs


def pct(rng):
    return pick(rng, [(6, lambda r: "%" + chars(r, HEX, 2)), (1, "%"), (1, lambda r: "%" + r.choice(HEX)),
                      (1, "%zz"), (1, "%C3%A4"), (1, "%C3"), (1, "%ED%A0%80")])


def uri_text(rng, alphabet, length):
    return "".join(pct(rng) if rng.random() < 0.08 else rng.choice(alphabet) for _ in range(length))


def uri_host(rng):
    return pick(rng, [
        (5, hostname), (2, ipv4), (1, lambda r: uri_text(r, ALNUM + "-._~!$&'()*+,;=", r.randint(0, 8))),
        (2, lambda r: "[" + ipv6_text(r) + "]"),
        (1, lambda r: "[" + ipv6_text(r) + "%25" + uri_text(r, ALNUM + "-._~", r.randint(0, 5)) + "]"),
        (1, lambda r: "[v" + chars(r, HEX, r.randint(0, 2)) + "." + uri_text(r, ALNUM + ":!$", r.randint(0, 5))
         + "]"),
    ])


def uri(rng):
    scheme = pick(rng, [(8, lambda r: r.choice(["http", "https", "urn", "a", "x+y-z.w", "HTTP"])),
                        (1, lambda r: chars(r, ALNUM + "+-.", r.randint(1, 6))), (1, "")])
    text = scheme + ":" if scheme or rng.random() < 0.5 else ""
    if rng.random() < 0.6:
        authority = uri_host(rng)
        if rng.random() < 0.2:
            authority = uri_text(rng, ALNUM + ":;=", rng.randint(0, 6)) + "@" + authority
        if rng.random() < 0.3:
            authority += ":" + pick(rng, [(3, port), (1, lambda r: chars(r, string.digits, r.randint(6, 12)))])
        text += "//" + authority
    for _ in range(rng.randint(0, 3)):
        text += "/" + uri_text(rng, ALNUM + "-._~!$&'()*+,;=:@", rng.randint(0, 6))
    if rng.random() < 0.3:
        text += "?" + uri_text(rng, ALNUM + "/?:@=&", rng.randint(0, 8))
    if rng.random() < 0.3:
        text += "#" + uri_text(rng, ALNUM + "/?:@", rng.randint(0, 8))
    if rng.random() < 0.15:
        position = rng.randint(0, len(text))
        text = text[:position] + rng.choice(URI_CHARS + "é<>\"{}|\\^`") + text[position:]
    return text


# --- identifiers and headers


def uuid(rng):
    groups = [chars(rng, HEX, n) for n in (8, 4, 4, 4, 12)]
    text = "-".join(groups) if rng.random() < 0.6 else "".join(groups)
    return mutate_once(rng, text) if rng.random() < 0.4 else text


def ulid(rng):
    text = rng.choice("0123456789") + chars(rng, CROCKFORD + "ILOUilou" if rng.random() < 0.2 else CROCKFORD, 25)
    return mutate_once(rng, text) if rng.random() < 0.3 else text


def protobuf_name(rng):
    identifier = lambda r: r.choice(string.ascii_letters + "_" + ("0" if r.random() < 0.1 else "")) + chars(
        r, ALNUM + "_", r.randint(0, 6))
    text = ".".join(identifier(rng) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.4:
        text = "." + text
    return mutate_once(rng, text) if rng.random() < 0.3 else text


def header(rng):
    alphabet = pick(rng, [(3, ALNUM + "-"), (2, "!#$%&'*+,-.^_|~`" + ALNUM),
                          (2, ALNUM + " \t\x00\x01\x0a\x0d\x1f\x7f:;\"(),/[]{}é😀")])
    text = chars(rng, alphabet, rng.randint(0, 12))
    return (":" + text) if rng.random() < 0.1 else text


# --- mutations


def mutate_once(rng, text):
    kind = rng.randrange(6)
    position = rng.randint(0, len(text))
    if kind == 0 or not text:
        return text[:position] + rng.choice(INTERESTING) + text[position:]
    index = min(position, len(text) - 1)
    if kind == 1:
        return text[:index] + text[index + 1:]
    if kind == 2:
        return text[:index] + rng.choice(INTERESTING) + text[index + 1:]
    if kind == 3:
        end = rng.randint(index, len(text))
        return text[:end] + text[index:end] + text[end:]
    if kind == 4 and index + 1 < len(text):
        return text[:index] + text[index + 1] + text[index] + text[index + 2:]
    return text[:index]


def mutation(rng, corpus):
    text = rng.choice(corpus)
    for _ in range(rng.randint(1, 3)):
        text = mutate_once(rng, text)
    return text


def string_case(rng, corpus):
    """One generated string case."""
    return pick(rng, [
        (3, ipv4), (4, ipv6), (4, ip_prefix), (4, hostname), (3, email), (3, host_and_port), (6, uri),
        (1, uuid), (1, ulid), (1, protobuf_name), (2, header), (6, lambda r: mutation(r, corpus)),
    ])


def bytes_case(rng):
    """One generated bytes case: mostly lengths near 4 and 16."""
    length = pick(rng, [(3, lambda r: r.choice([0, 3, 4, 5, 15, 16, 17])), (1, lambda r: r.randint(0, 40))])
    return bytes(rng.getrandbits(8) for _ in range(length))
