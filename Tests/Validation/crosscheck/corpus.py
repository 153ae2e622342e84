"""Builds the validation cross-check corpus and protovalidate's verdict on every message of it.

    corpus.py write OUT.jsonl [--seed N] [--count N] [--work-dir DIR] [--skip-type TYPE]...

The corpus has three parts, each message starting from its type's valid baseline:

- `hand/…`: the hand-picked edge cases of `cases.py`;
- `edge/<Type>/<field>/<n>`: every boundary value `values.py` lists for every field of every
  test contract type, one field changed per message;
- `random/<n>/<Type>`: `--count` (default 10,000, or $VALIDATION_CROSSCHECK_COUNT) messages with
  one to all fields set to random values near their rules' boundaries, nested messages included.
  The seed is --seed, else $VALIDATION_CROSSCHECK_SEED, else random; it is printed, so a failing
  run can be replayed with the same seed.

OUT.jsonl holds one JSON object per line: a header (`seed`, `now`, the counts), then one per case:
`name`, `type` (full message name), `message` (base64 of the encoding the oracle checked, map
entries in key order), `text` (text format), `verdict` (`valid`, `invalid` or `error`),
`violations` ([{path, rule, forKey}] in protovalidate's order), `error` and `errorRule` (the
evaluation error protovalidate raised instead of answering, and the rule it names, if any).
"""

import argparse
import base64
import copy
import json
import os
import random
import re
import sys
import tempfile
import time

from google.protobuf import text_format

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import baselines  # noqa: E402
import cases  # noqa: E402
import oracle  # noqa: E402
import values  # noqa: E402

DEFAULT_COUNT = 10_000


class Corpus:
    """The contracts, the oracle and the value generators of one corpus run."""

    def __init__(self, work_dir, now=None, skip_types=()):
        self.skip_types = set(skip_types)
        self.contracts = oracle.Contracts(work_dir)
        self.oracle = oracle.Oracle(self.contracts)
        self.now = int(time.time()) if now is None else now
        self.baselines = baselines.build(self.contracts, oracle.PACKAGE)
        self.values = values.Values(self.contracts, self.now, self.baselines)

    def type_names(self):
        """The top-level types the corpus covers (every type of the test contracts not skipped)."""
        return [name for name in self.contracts.message_names() if name not in self.skip_types]

    def short(self, type_name):
        return type_name[len(oracle.PACKAGE) + 1:]

    def baseline(self, type_name):
        message = self.contracts.google_class(type_name)()
        if type_name in self.baselines:
            message.CopyFrom(self.baselines[type_name])
        return message

    # The three parts.

    def hand_cases(self):
        for name, short, text, clear in cases.all_cases():
            type_name = f"{oracle.PACKAGE}.{short}"
            if type_name not in self.skip_types:
                yield name, type_name, self.edited(type_name, text, clear)

    def edited(self, type_name, text, clear=()):
        """The baseline with `clear`'s fields cleared, then each field `text` names set to its
        value there (`x: 0` sets an implicit-presence field to zero, which `MergeFrom` would not)."""
        message = self.baseline(type_name)
        text = self._with_now(text)
        for field in list(clear) + top_level_fields(text):
            message.ClearField(field)
        text_format.Merge(text, message)
        return message

    def _with_now(self, text):
        return re.sub(r"NOW([+-]\d+)?", lambda m: str(self.now + int(m.group(1) or 0)), text)

    def edge_cases(self):
        for type_name in self.type_names():
            descriptor = self.contracts.google_class(type_name).DESCRIPTOR
            seen = set()
            for field in descriptor.fields:
                for index, value in enumerate(self.values.edges(field)):
                    message = self.baseline(type_name)
                    values.assign(message, field, value)
                    encoded = message.SerializeToString(deterministic=True)
                    if encoded in seen:
                        continue
                    seen.add(encoded)
                    yield f"edge/{self.short(type_name)}/{field.name}/{index}", type_name, message

    def random_cases(self, seed, count):
        rng = random.Random(seed)
        generator = values.RandomValues(self.values, rng)
        types = self.type_names()
        descriptors = [self.contracts.google_class(name).DESCRIPTOR for name in types]
        weights = [len(d.fields) for d in descriptors]
        for index in range(count):
            descriptor = rng.choices(descriptors, weights)[0]
            yield f"random/{index}/{self.short(descriptor.full_name)}", descriptor.full_name, generator.message(
                descriptor)

    # Verdicts.

    def record(self, name, type_name, message):
        """The JSON object of one case, with the oracle's verdict."""
        encoded = self.oracle.canonical_bytes(message)
        verdict = self.oracle.check(type_name, encoded)
        check_rendering(name, verdict)
        return {
            "name": name,
            "type": type_name,
            "message": base64.b64encode(encoded).decode("ascii"),
            "text": text_format.MessageToString(message, as_utf8=True, as_one_line=True),
            "verdict": verdict.kind,
            "violations": [{"path": p, "rule": r, "forKey": k} for p, r, k in verdict.violations],
            "error": verdict.error,
            "errorRule": error_rule(verdict.error),
        }


def top_level_fields(text):
    """The field names a text-format message sets at its top level (`a: 1 b { c: 2 }` → a, b)."""
    names, depth, index, quote = [], 0, 0, None
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char in "{[<":
            depth += 1
        elif char in "}]>":
            depth -= 1
        elif depth == 0 and (char.isalpha() or char == "_") and (index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")):
            match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*[:{]", text[index:])
            if match:
                names.append(match.group(1))
                index += len(match.group(1))
                continue
        index += 1
    return names


def check_rendering(name, verdict):
    """protovalidate's error text starts with its rendering of the first violation's path; ours
    must be the same, or `render_path` is wrong (a harness bug, not a finding)."""
    if not verdict.violations or not verdict.violations[0][0]:
        return
    path = verdict.violations[0][0]
    if not (verdict.first_rendered or "").startswith(path + ": "):
        raise AssertionError(f"{name}: rendered path {path!r}, protovalidate wrote {verdict.first_rendered!r}")


def error_rule(error):
    """The rule id an evaluation error names (`error evaluating int.divides: …`), if any."""
    if error is None:
        return None
    match = re.match(r"error evaluating (\S+?): ", error) or re.match(r"expression (\S+) outputs", error)
    return match.group(1) if match else None


def seed_from(argument):
    if argument is not None:
        return argument
    if os.environ.get("VALIDATION_CROSSCHECK_SEED"):
        return int(os.environ["VALIDATION_CROSSCHECK_SEED"])
    return random.SystemRandom().randrange(2**32)


def write(out_path, seed, count, work_dir, skip_types=()):
    started = time.time()
    corpus = Corpus(work_dir, skip_types=skip_types)
    unknown = corpus.skip_types - set(corpus.contracts.message_names())
    if unknown:
        raise SystemExit(f"--skip-type names no type of the test contracts: {sorted(unknown)}")
    print(f"validation cross-check corpus: seed {seed} (replay with VALIDATION_CROSSCHECK_SEED={seed}), "
          f"{count} random cases, now {corpus.now}", file=sys.stderr)
    counts = {"hand": 0, "edge": 0, "random": 0}
    verdicts = {"valid": 0, "invalid": 0, "error": 0}
    records = []
    parts = [("hand", corpus.hand_cases()), ("edge", corpus.edge_cases()), ("random", corpus.random_cases(seed, count))]
    for part, generated in parts:
        for name, type_name, message in generated:
            record = corpus.record(name, type_name, message)
            records.append(record)
            counts[part] += 1
            verdicts[record["verdict"]] += 1
    header = {"seed": seed, "now": corpus.now, "counts": counts, "verdicts": verdicts,
              "types": corpus.type_names(), "skipped": sorted(corpus.skip_types),
              "protovalidate": _protovalidate_version()}
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(json.dumps(header) + "\n")
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} cases ({counts}; {verdicts}) in {time.time() - started:.1f} s", file=sys.stderr)


def _protovalidate_version():
    from importlib import metadata

    return metadata.version("protovalidate")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    write_command = commands.add_parser("write", help="write the corpus and the oracle's verdicts")
    write_command.add_argument("out")
    write_command.add_argument("--seed", type=int)
    write_command.add_argument("--count", type=int, default=int(os.environ.get("VALIDATION_CROSSCHECK_COUNT",
                                                                               DEFAULT_COUNT)))
    write_command.add_argument("--work-dir")
    write_command.add_argument("--skip-type", action="append", default=[], metavar="TYPE",
                               help="leave out a message type (full name), e.g. one not compiled to Swift yet")
    arguments = parser.parse_args()
    work_dir = arguments.work_dir or tempfile.mkdtemp(prefix="room619-validation-crosscheck-")
    write(arguments.out, seed_from(arguments.seed), arguments.count, work_dir, arguments.skip_type)


if __name__ == "__main__":
    main()
