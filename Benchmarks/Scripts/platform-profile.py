#!/usr/bin/env python3
"""Where a server's CPU time goes, from a `perf record` file (Python 3, stdlib only; called by
platform-bench.sh --profile):

  platform-profile.py PERF_DATA [TOP]

Reads `perf report --no-children --sort dso,sym` (self time, no call graphs) and prints
  1. the samples grouped by module: a Swift symbol's module is the first name of its mangling
     (`$s7Gateway…` → Gateway); the runtime's reference counting, allocation, metadata and
     concurrency get a group each; other libraries by file (SQLite, libpq, OpenSSL, Argon2, libc);
     the kernel;
  2. the TOP (default 25) symbols, demangled with `swift demangle` when it is there.
"""

import re
import shutil
import subprocess
import sys

LINE = re.compile(r"^\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(.+?)\s*$")
MANGLED_MODULE = re.compile(r"^\$s(\d+)")

RUNTIME_GROUPS = [
    ("retain/release", re.compile(r"swift_\w*(retain|release)|RefCount|swift_isUniquelyReferenced", re.IGNORECASE)),
    ("allocation", re.compile(r"^(malloc|free|calloc|realloc|_int_|cfree|tcache|malloc_consolidate)|swift_(allocObject|deallocObject|slowAlloc|slowDealloc|allocBox|deallocClassInstance)")),
    ("metadata/casts", re.compile(r"Metadata|getCache|conformsTo|Conformance|dynamicCast|swift_getWitnessTable|swift_getGenericMetadata")),
    ("concurrency runtime", re.compile(r"swift_task|swift_job|Executor|withStatusRecordLock|StackAllocator|swift_continuation|swift_asyncLet")),
]
LIBRARIES = [
    ("SQLite", "libsqlite3"), ("libpq", "libpq"), ("OpenSSL", "libcrypto"), ("OpenSSL", "libssl"), ("Argon2", "libargon2"),
    ("zlib", "libz"), ("Foundation", "libFoundation"), ("Dispatch", "libdispatch"), ("Swift concurrency", "libswift_Concurrency"),
    ("Swift runtime/stdlib", "libswiftCore"), ("libc", "libc."), ("libc", "libc-"), ("libm", "libm."), ("pthread", "libpthread"),
]


def module(dso, kind, symbol):
    if kind == "k" or dso.startswith("[kernel"):
        return "kernel"
    for name, pattern in RUNTIME_GROUPS:
        if pattern.search(symbol):
            return name
    for name, fragment in LIBRARIES:
        if fragment in dso:
            return name
    found = MANGLED_MODULE.match(symbol)
    if found:
        length = int(found.group(1))
        start = found.end()
        return symbol[start : start + length]
    if symbol.startswith("$s"):
        return "Swift stdlib (specialized)"
    return f"other ({dso})"


def report(path):
    command = ["perf", "report", "-i", path, "--no-children", "--sort", "dso,sym", "--stdio", "-g", "none"]
    completed = subprocess.run(command + ["--no-demangle"], capture_output=True, text=True)
    if completed.returncode != 0:  # an older perf without --no-demangle
        completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"platform-profile: perf report failed: {completed.stderr.strip()}")
    rows = []
    for line in completed.stdout.splitlines():
        if line.startswith("#"):
            continue
        found = LINE.match(line)
        if found:
            rows.append((float(found.group(1)), found.group(2), found.group(3), found.group(4)))
    return rows


def run_filter(command, names):
    """`names` through a demangler reading one name a line, or unchanged if it fails."""
    completed = subprocess.run(command, input="\n".join(names), capture_output=True, text=True)
    lines = completed.stdout.splitlines()
    return lines if completed.returncode == 0 and len(lines) == len(names) else names


def demangle(symbols):
    """Swift names through `swift demangle`, C++ names (the runtime's) through c++filt."""
    names = list(symbols)
    swift = shutil.which("swift-demangle")
    swift_command = [swift] if swift else (["swift", "demangle"] if shutil.which("swift") else None)
    if swift_command:
        names = run_filter(swift_command + ["--simplified", "--compact"], names)
    if shutil.which("c++filt"):
        names = run_filter(["c++filt"], names)
    return names


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    rows = report(sys.argv[1])
    if not rows:
        sys.exit("platform-profile: no samples in " + sys.argv[1])
    groups = {}
    for percent, dso, kind, symbol in rows:
        name = module(dso, kind, symbol)
        groups[name] = groups.get(name, 0.0) + percent
    print("| module | % of the server's samples |")
    print("|---|---:|")
    for name, percent in sorted(groups.items(), key=lambda item: -item[1]):
        if percent >= 0.1:
            print(f"| {name} | {percent:.1f} |")
    print()
    rows.sort(key=lambda row: -row[0])
    names = demangle([row[3] for row in rows[:top]])
    print(f"| top {top} symbols (self) | module | % |")
    print("|---|---|---:|")
    for (percent, dso, kind, symbol), name in zip(rows[:top], names):
        shown = name if len(name) <= 110 else name[:107] + "…"
        print(f"| `{shown.replace('|', '/')}` | {module(dso, kind, symbol)} | {percent:.2f} |")


if __name__ == "__main__":
    main()
