"""protovalidate's verdicts on the string/bytes format corpus, for the Swift cross-check.

Usage: oracle.py --out FILE [--seed N] [--generated N]

The reference is PyPI's protovalidate 2.1.0 (pinned in requirements.txt): its Rust core checks
google.protobuf messages. formats.proto declares one field per format rule and CEL function; it
imports buf/validate/validate.proto, which this repository does not hold: the descriptor comes from
the protovalidate wheel (protovalidate/_gen/buf/validate/validate_pb.py) at run time and reaches
grpc_tools.protoc through --descriptor_set_in.

The cases are the hand-picked ones of corpus.txt plus `--generated` seeded ones (values near each
format's boundaries, and mutations of the hand-picked cases). Each string case sets every field of
StringFormats to the same value; each bytes case every field of BytesFormats. FILE gets one line per
case: `S` or `B`, the value in hex (`-` when empty), and the fields protovalidate rejected
(comma-separated, `-` for none), tab-separated; before them, a `#` line naming the seed and an `F`
line per message listing all its fields.
"""

import argparse
import json
import os
import random
import re
import sys
import tempfile

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_tools import protoc

import protovalidate
from protovalidate._gen.buf.validate import validate_pb

sys.dont_write_bytecode = True  # no __pycache__ next to the sources
import generators  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "room619.testing.formats.v1"


def upstream_descriptor_set(path):
    """Writes buf/validate/validate.proto and its imports, from the wheel, as a FileDescriptorSet."""
    files = descriptor_pb2.FileDescriptorSet()
    seen = set()

    def add(desc_file):
        if desc_file.name in seen:
            return
        for dependency in desc_file.dependencies:
            add(dependency)
        seen.add(desc_file.name)
        files.file.add().MergeFromString(desc_file.proto.to_binary())

    add(validate_pb._DESC)
    with open(path, "wb") as out:
        out.write(files.SerializeToString())


def message_classes(work):
    """StringFormats and BytesFormats, compiled by protoc against the wheel's validate.proto."""
    upstream = os.path.join(work, "validate.binpb")
    compiled = os.path.join(work, "formats.binpb")
    upstream_descriptor_set(upstream)
    status = protoc.main([
        "grpc_tools.protoc", f"--descriptor_set_in={upstream}", f"-I{HERE}", "--include_imports",
        f"--descriptor_set_out={compiled}", "formats.proto",
    ])
    if status != 0:
        sys.exit(f"protoc failed on formats.proto (status {status})")
    with open(compiled, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    return tuple(
        message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{PACKAGE}.{name}"))
        for name in ("StringFormats", "BytesFormats"))


TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(\*)|(\+)|(\d+))')


def parse_string_line(line):
    """A corpus line: JSON string literals joined by `+`, each optionally `* N`."""
    parts, position, pending = [], 0, None
    while position < len(line.rstrip()):
        match = TOKEN.match(line, position)
        if not match:
            raise ValueError(f"cannot read corpus line {line!r} at {position}")
        literal, star, plus, number = match.groups()
        if literal is not None:
            pending = json.loads(literal)
        elif number is not None:
            parts.append(pending * int(number))
            pending = None
        elif plus is not None and pending is not None:
            parts.append(pending)
            pending = None
        position = match.end()
    if pending is not None:
        parts.append(pending)
    return "".join(parts)


def read_corpus():
    strings, blobs, section = [], [], None
    with open(os.path.join(HERE, "corpus.txt"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped in ("[strings]", "[bytes]"):
                section = stripped
            elif section == "[strings]":
                strings.append(parse_string_line(stripped))
            elif section == "[bytes]":
                blobs.append(b"" if stripped == "-" else bytes.fromhex(stripped))
            else:
                raise ValueError(f"corpus.txt:{number}: a case before any section")
    return strings, blobs


def verdicts(validator, message_class, values, rule_ids):
    """Each value's rejected fields; `rule_ids` collects the rule ids seen per field."""
    names = [field.name for field in message_class.DESCRIPTOR.fields]
    for value in values:
        message = message_class(**{name: value for name in names})
        rejected = []
        for violation in validator.collect_violations(message):
            proto = violation.proto
            field = proto.field.elements[0].field_name
            rejected.append(field)
            rule_ids.setdefault(field, set()).add(proto.rule_id)
        yield value, sorted(set(rejected))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--generated", type=int, default=12000)
    parser.add_argument("--rule-ids", action="store_true", help="print the rule ids seen per field")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"format cross-check seed: {seed} (rerun with --seed {seed})", flush=True)

    strings, blobs = read_corpus()
    rng = random.Random(seed)
    generated_strings = [generators.string_case(rng, strings) for _ in range(args.generated)]
    generated_blobs = [generators.bytes_case(rng) for _ in range(max(1, args.generated // 40))]

    with tempfile.TemporaryDirectory(prefix="room619-formats-") as work:
        string_class, bytes_class = message_classes(work)
    validator = protovalidate.Validator()
    rule_ids = {}
    with open(args.out, "w", encoding="ascii") as out:
        out.write(f"# seed={seed} hand_strings={len(strings)} hand_bytes={len(blobs)} "
                  f"generated_strings={len(generated_strings)} generated_bytes={len(generated_blobs)}\n")
        for kind, message_class in (("S", string_class), ("B", bytes_class)):
            out.write(f"F\t{kind}\t{','.join(field.name for field in message_class.DESCRIPTOR.fields)}\n")
        for kind, message_class, values, encode in (
            ("S", string_class, strings + generated_strings, lambda v: v.encode("utf-8")),
            ("B", bytes_class, blobs + generated_blobs, lambda v: v),
        ):
            for value, rejected in verdicts(validator, message_class, values, rule_ids):
                hex_value = encode(value).hex() or "-"
                out.write(f"{kind}\t{hex_value}\t{','.join(rejected) or '-'}\n")
    if args.rule_ids:
        for field in sorted(rule_ids):
            print(f"{field}: {', '.join(sorted(rule_ids[field]))}")


if __name__ == "__main__":
    main()
