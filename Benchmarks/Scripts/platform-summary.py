#!/usr/bin/env python3
"""The Markdown table of a platform-bench.sh results file (Python 3, stdlib only):

  platform-summary.py RESULTS.txt

Reads its `NOTE …` lines (printed first, as a list) and its `RESULT backend=… scenario=… key=value…`
lines, and prints one row per backend and scenario with the issue's floors checked:
GET /v1/products/{id} at least 8,000 req/s and GET /v1/users/me at least 5,000, both with p99
under 50 ms (the aim is three times the rate), search p99 under 100 ms (on one connection).
Register and login do one Argon2id hash each, so their rate is the hash rate the platform
reached, shown against the `argon2id-hash` row: the same hash on one thread of the server's
CPU while the platform is idle.
"""

import sys

SCENARIOS = {
    "get-product": "GET /v1/products/{id}",
    "search": "GET /v1/products:search",
    "search-c1": "GET /v1/products:search, 1 connection",
    "me": "GET /v1/users/me",
    "register": "POST /v1/users (1 hash each)",
    "login": "POST /v1/auth:login (1 hash each)",
    "grpc-reserve": "gRPC ReserveStock",
    "grpc-release": "gRPC ReleaseReservation",
    "argon2id-hash": "Argon2id hash, 1 thread on CPU 0",
}
# scenario: (req/s floor, p99 ms ceiling)
# (search's own latency: measured on one connection, since at 64 connections p99 is mostly the
# queue, about 64 / rate.)
FLOORS = {"get-product": (8000, 50.0), "me": (5000, 50.0), "search-c1": (None, 100.0)}


def parse(path):
    notes, rows = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("NOTE "):
            notes.append(line[5:])
        elif line.startswith("RESULT "):
            fields = dict(part.split("=", 1) for part in line[7:].split() if "=" in part)
            rows.append(fields)
    return notes, rows


def verdict(row, hash_rates):
    floor, ceiling = FLOORS.get(row["scenario"], (None, None))
    if floor is None and ceiling is None:
        if row["scenario"] in ("register", "login"):
            rate, idle = float(row["per_s"]), hash_rates.get(row.get("backend"))
            share = f" ({rate / idle:.0%} of the idle hash rate)" if idle else ""
            return f"≈ {rate:,.0f} hashes/s{share}"
        return ""
    checks = []
    rate, p99 = float(row["per_s"]), float(row["p99_ms"])
    if floor is not None:
        aim = " (3× aim met)" if rate >= 3 * floor else ""
        checks.append(f"{'met' if rate >= floor else 'NOT met'}: ≥ {floor:,} req/s{aim}")
    checks.append(f"{'met' if p99 < ceiling else 'NOT met'}: p99 < {ceiling:g} ms")
    return "; ".join(checks)


def number(text, digits=0):
    try:
        return f"{float(text):,.{digits}f}"
    except ValueError:
        return text


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    notes, rows = parse(sys.argv[1])
    hash_rates = {row.get("backend"): float(row["per_s"]) for row in rows if row["scenario"] == "argon2id-hash"}
    for note in notes:
        print(f"- {note}")
    print()
    print("| backend | scenario | req/s | p50 ms | p99 ms | requests | errors | platform CPU µs/req | "
          "PostgreSQL CPU µs/req | floors |")
    print("|---|---|---:|---:|---:|---:|---|---:|---:|---|")
    for row in rows:
        errors = row.get("errors", "?")
        if errors != "0":
            errors = f"**{errors}** ({row.get('statuses', '-')})"
        name = SCENARIOS.get(row["scenario"], row["scenario"])
        print(f"| {row.get('backend', '?')} | {name} | {number(row['per_s'], 1 if row['scenario'] == 'argon2id-hash' else 0)} "
              f"| {number(row['p50_ms'], 2)} | {number(row['p99_ms'], 2)} | {number(row['requests'])} | {errors} "
              f"| {row.get('server_cpu_us', '-')} | {row.get('db_cpu_us', '-')} | {verdict(row, hash_rates)} |")


if __name__ == "__main__":
    main()
