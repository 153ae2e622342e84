"""RE2's verdicts for the cross-check of room619's RE2 matcher (Sources/Validation/Regex).

Driven by Tests/ValidationTests/Regex/RE2CrossCheckTests.swift:

    re2_oracle.py --seed SEED --generated N OUT.json

Writes every case of corpus.py (hand-picked) and N generated ones (patterns from a small
grammar, some of them mutated into likely syntax errors, each with random texts and byte
strings) to OUT.json, with what Google's RE2 (PyPI google-re2, `import re2`) says of each:

    {"seed": SEED, "cases": [{"pattern": P, "origin": "hand-picked" | "generated",
                              "error": null | {"kind": K, "message": M},
                              "inputs": [{"text": T} | {"hex": H}], "matches": [bool, ...]}]}

K is RE2's error kind, the part of its message before ": " (`invalid escape sequence`),
which room619's RE2SyntaxError.Code prints the same way. A match is `re2.search(P, T)`:
unanchored, like RE2::PartialMatch and CEL's matches(). Byte strings may hold invalid UTF-8,
but never the overlong, surrogate or past-U+10FFFF forms that RE2's `.` accepts loosely.
"""

import argparse
import json
import random
import sys

try:
    import re2
except ImportError:
    sys.exit("google-re2 is not installed in .venv: run ./setup.sh (requirements.txt pins it)")

import corpus

ERROR_KINDS = [
    "invalid character class range",
    "invalid character class",
    "invalid escape sequence",
    "missing ]",
    "missing )",
    "unexpected )",
    "trailing \\",
    "no argument for repetition operator",
    "invalid repetition size",
    "bad repetition operator",
    "invalid perl operator",
    "invalid UTF-8",
    "invalid named capture group",
    "pattern too large",
]


QUIET = re2.Options()
QUIET.log_errors = False  # RE2 would log every rejected pattern to stderr


def verdict(pattern, inputs):
    try:
        compiled = re2.compile(pattern, QUIET)
    except re2.error as error:
        message = error.args[0] if error.args else str(error)
        if isinstance(message, bytes):
            message = message.decode("utf-8", "backslashreplace")
        kind = next((k for k in ERROR_KINDS if message.startswith(k)), message)
        return {"kind": kind, "message": message}, []
    return None, [compiled.search(text) is not None for text in inputs]


def encode_input(value):
    return {"hex": value.hex()} if isinstance(value, bytes) else {"text": value}


# MARK: Generated cases

ATOMS = [
    "a", "b", "c", "A", "k", "s", "é", "σ", "1", "_", " ", "-", ".", r"\.", r"\n", r"\x41",
    r"\x{e9}", r"\141", r"\d", r"\w", r"\s", r"\D", r"\W", r"\S", "[ab]", "[^a]", "[a-c]",
    "[^\\n]", "[A-Z_]", "[^[:alpha:]]", "[[:upper:]]", "[[:word:]-]", r"[\d\s]", r"[^\W_]",
    r"\pL", r"\p{Lu}", r"\p{Greek}", r"\PL", r"\p{^N}", r"[\p{Ll}\d]", r"\pN", "^", "$", r"\A",
    r"\z", r"\b", r"\B", r"\Qa.b\E", "(?i:k)", "(?i:σ)", "(?s:.)", "(?m:^)", "(?m:$)",
]
SUFFIXES = ["*", "+", "?", "*?", "+?", "??", "{2}", "{1,3}", "{0,}", "{2,}?", "{0}", "{1}", "{0,2}"]
FLAGS = ["(?i)", "(?s)", "(?m)", "(?U)", "(?i-s)", "(?sm)"]
MUTATIONS = list("()[]{}*+?|\\^$-:<>P=!,0123456789") + ["(?", "\\p", "[:", ":]", "\\x", "\\Q", "{1001}"]
TEXT_ALPHABET = list("aabbcAB kKsS1_-.\n") + ["é", "É", "σ", "ς", "Σ", "K", "ſ", "ß", "ẞ", "日", "😀", "ω", "Ω"]
BYTE_PIECES = [b"a", b"b", b"A", b"k", b" ", b"\n", b"1", "é".encode(), "σ".encode(), b"\xff", b"\x80",
               b"\xc3", b"\xe2\x82", b"\xc0\x80", b"\xf0\x9f\x98", b"\xfe"]


CLASS_ITEMS = ["a", "b", "z", "A", "k", "é", "σ", "-", "^", ":", "[", r"\]", r"\-", r"\\", r"\n", r"\x41",
               r"\x{3c3}", r"\d", r"\D", r"\s", r"\w", r"\W", "[:alpha:]", "[:^digit:]", "[:upper:]", "[:word:]",
               r"\pL", r"\p{Lu}", r"\P{Greek}", r"\p{^Ll}", "a-c", "A-Z", "0-9", "α-ω", "c-a", r"\x00-\x{10FFFF}"]
NOISE = list("()[]{}*+?|\\^$.-:<>P=!,0129aAbk_ ") + [
    r"\d", r"\b", r"\p", "(?", "(?i)", "[:", ":]", r"\Q", r"\E", r"\x{", "}", "{2}", "{1,}", "(?P<", "(?<"]


def generate_class(rng):
    items = [rng.choice(CLASS_ITEMS) for _ in range(rng.randint(1, 4))]
    return "[" + ("^" if rng.random() < 0.3 else "") + ("]" if rng.random() < 0.05 else "") + "".join(items) + "]"


def generate_escape(rng):
    code = rng.choice([rng.randint(0x21, 0x7E), rng.randint(0x21, 0x7E), 0xE9, 0x3C3])
    return "\\" + chr(0x63 if code == 0x43 else code)  # \C (any byte) is the one unsupported escape


def generate_count(rng):
    low = rng.choice([0, 1, 2, 3, 10, 500, 999, 1000, 1001])
    high = rng.choice(["", ",", f",{rng.choice([0, 1, 2, 5, 1000, 1001])}", f",{low + 1}"])
    return "{" + str(low) + high + "}" + ("?" if rng.random() < 0.2 else "")


def generate_pattern(rng, depth):
    roll = rng.random()
    if depth == 0 or roll < 0.3:
        pick = rng.random()
        if pick < 0.15:
            return generate_class(rng)
        if pick < 0.2:
            return generate_escape(rng)
        return rng.choice(ATOMS)
    if roll < 0.5:
        return "".join(generate_pattern(rng, depth - 1) for _ in range(rng.randint(2, 3)))
    if roll < 0.62:
        return "|".join(generate_pattern(rng, depth - 1) for _ in range(rng.randint(2, 3)))
    if roll < 0.74:
        opener = rng.choice(["(", "(?:", "(?P<g>", "(?<n>", "(?i:", "(?s:", "(?m:", "(?-i:"])
        return opener + generate_pattern(rng, depth - 1) + ")"
    if roll < 0.8:
        return rng.choice(FLAGS) + generate_pattern(rng, depth - 1)
    if roll < 0.92:
        return "(?:" + generate_pattern(rng, depth - 1) + ")" + rng.choice(SUFFIXES)
    return "(?:" + generate_pattern(rng, depth - 1) + ")" + generate_count(rng)


def mutate(rng, pattern):
    for _ in range(rng.randint(1, 2)):
        position = rng.randint(0, len(pattern))
        if pattern and rng.random() < 0.3:
            pattern = pattern[:position] + pattern[position + 1:]
        else:
            pattern = pattern[:position] + rng.choice(MUTATIONS) + pattern[position:]
    return pattern


def generate_case(rng):
    roll = rng.random()
    if roll < 0.12:
        pattern = "".join(rng.choice(NOISE) for _ in range(rng.randint(1, 10)))
    else:
        pattern = generate_pattern(rng, rng.randint(1, 4))
        if roll < 0.3:
            pattern = mutate(rng, pattern)
    inputs = ["".join(rng.choice(TEXT_ALPHABET) for _ in range(rng.randint(0, 12))) for _ in range(6)]
    if rng.random() < 0.3:
        inputs += [b"".join(rng.choice(BYTE_PIECES) for _ in range(rng.randint(1, 8))) for _ in range(2)]
    return pattern, inputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--generated", type=int, default=3000)
    parser.add_argument("out")
    arguments = parser.parse_args()

    rng = random.Random(arguments.seed)
    cases = [(pattern, inputs, "hand-picked") for pattern, inputs in corpus.CASES]
    cases += [(*generate_case(rng), "generated") for _ in range(arguments.generated)]
    out = []
    for pattern, inputs, origin in cases:
        error, matches = verdict(pattern, inputs)
        out.append({
            "pattern": pattern, "origin": origin, "error": error,
            "inputs": [encode_input(value) for value in inputs], "matches": matches,
        })
    with open(arguments.out, "w", encoding="utf-8") as f:
        json.dump({"seed": arguments.seed, "cases": out}, f)
    rejected = sum(1 for case in out if case["error"])
    pairs = sum(len(case["matches"]) for case in out)
    positive = sum(sum(case["matches"]) for case in out)
    print(f"re2 oracle: seed {arguments.seed}, {len(out)} patterns ({len(corpus.CASES)} hand-picked, "
          f"{arguments.generated} generated), {rejected} rejected, {pairs} (pattern, input) pairs, "
          f"{positive} matching")


if __name__ == "__main__":
    main()
