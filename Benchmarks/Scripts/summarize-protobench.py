#!/usr/bin/env python3
"""Summarize protobench RESULT lines: medians per (msg, op), ratio and byte equality.

Usage: summarize-protobench.py RESULTS.txt [MORE.txt ...]

Reads lines such as
  RESULT impl=room619 msg=order op=binary-decode ns_per_op=812.3 mb_per_s=... size=531 fnv=... round=2
and prints a Markdown table with, per (msg, op), the median ns/op of swift-protobuf and of
room619 (min-max over rounds), the ratio of the medians (swift-protobuf ns / room619 ns, so
> 1.0 means room619 is faster), the range of the per-round ratios (each round runs both
sides back to back) and whether the encoded size and FNV-1a hash agree. room619's
`binary-encode-array`/`binary-decode-array` rows (ProtoBench --like-for-like: a fresh array per
encode, decode from [UInt8]) are compared with the peer's `binary-encode`/`binary-decode`,
which have that shape.
Exits 1 if some size or fnv differs. Standard library only.
"""

import statistics
import sys
from collections import defaultdict

PEER = "swift-protobuf"
OURS = "room619"
MSG_ORDER = ["small", "order", "blob"]
OP_ORDER = ["binary-encode", "binary-decode", "binary-encode-array", "binary-decode-array",
            "json-encode", "json-decode"]


def parse(paths):
    """Returns {(impl, msg, op): [(round, ns, size, fnv), ...]}."""
    rows = defaultdict(list)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("RESULT "):
                    continue
                fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
                key = (fields["impl"], fields["msg"], fields["op"])
                rows[key].append((f"{path}#{fields.get('round', '?')}", float(fields["ns_per_op"]),
                                  fields.get("size", "-"), fields.get("fnv", "-")))
    return rows


def rank(value, order):
    return (order.index(value), value) if value in order else (len(order), value)


def spread(values):
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main(paths):
    rows = parse(paths)
    cases = sorted({(m, o) for (_, m, o) in rows}, key=lambda c: (rank(c[0], MSG_ORDER), rank(c[1], OP_ORDER)))
    print(f"| msg | op | {PEER} ns/op, median (min–max) | {OURS} ns/op, median (min–max) "
          "| ratio (peer/ours) | per-round ratios | size | fnv |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    mismatch = False
    for msg, op in cases:
        peer_op = op.removesuffix("-array")  # the peer's binary ops take and return arrays
        peer, ours = rows.get((PEER, msg, peer_op), []), rows.get((OURS, msg, op), [])
        peer_ns, ours_ns = [r[1] for r in peer], [r[1] for r in ours]
        ratio = per_round = "–"
        if peer_ns and ours_ns:
            ratio = f"**{statistics.median(peer_ns) / statistics.median(ours_ns):.2f}×**"
            ours_by_round = {r[0]: r[1] for r in ours}
            rounds = [p[1] / ours_by_round[p[0]] for p in peer if p[0] in ours_by_round]
            if rounds:
                per_round = f"{min(rounds):.2f}–{max(rounds):.2f}"
        size = fnv = "–"
        if peer and ours and not op.startswith("json"):
            sizes = {r[2] for r in peer + ours}
            fnvs = {r[3] for r in peer + ours}
            size = f"equal ({sizes.pop()})" if len(sizes) == 1 else "DIFFER " + "/".join(sorted(sizes))
            fnv = f"equal ({fnvs.pop()})" if len(fnvs) == 1 else "DIFFER " + "/".join(sorted(fnvs))
            mismatch |= size.startswith("DIFFER") or fnv.startswith("DIFFER")
        elif peer:
            size = peer[0][2]
        print(f"| {msg} | {op} | {spread(peer_ns) if peer_ns else 'not run'} "
              f"| {spread(ours_ns) if ours_ns else 'not implemented'} | {ratio} | {per_round} | {size} | {fnv} |")
    return 1 if mismatch else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
