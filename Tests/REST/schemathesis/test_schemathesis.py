"""schemathesis against sample-server: each OpenAPI document of the sample contracts
(Generated/openapi), a bounded number of examples per operation, a fixed and printed seed.

Checks: no 5xx, every response's status documented, its body valid against its own schema, its
content type and headers as documented. Afterwards it prints which documented statuses the run
reached per operation (test_documented_statuses.py reaches each of them on purpose)."""

import json
import os
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

DOCUMENTS = sorted(
    path
    for path in (ROOT / "Generated" / "openapi").glob("*.openapi.json")
    if path.name.split(".")[0] in ("user", "product", "order")
)
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "619"))
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)


def test_documents_exist():
    names = [path.name for path in DOCUMENTS]
    assert len(names) == 3, f"expected the user, product and order documents in Generated/openapi, found {names}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_schemathesis(document, base_url, admin_headers, tmp_path):
    print(f"schemathesis {document.name}: seed {SEED} (replay with SCHEMATHESIS_SEED={SEED}), "
          f"{MAX_EXAMPLES} examples per operation")
    events = tmp_path / "events.ndjson"
    command = [
        str(ROOT / ".venv" / "bin" / "schemathesis"), "run", str(document),
        "--url", base_url,
        "--checks", CHECKS,
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--phases", "examples,coverage,fuzzing",
        "--generation-database", "none",
        "--header", f"Authorization:{admin_headers['Authorization']}",
        "--request-timeout", "10",
        "--workers", "1",
        "--no-color",
        "--report", "ndjson", "--report-ndjson-path", str(events),
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=170)
    print(run.stdout[-6000:])
    print(reached_statuses(events, document))
    assert run.returncode == 0, f"schemathesis failed on {document.name}:\n{run.stdout[-6000:]}\n{run.stderr[-2000:]}"


def reached_statuses(events, document):
    """A table: per operation, the documented statuses the run reached and those it did not."""
    documented = defaultdict(set)
    spec = json.loads(document.read_text())
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                documented[f"{method.upper()} {path}"] = set(operation["responses"])
    seen = defaultdict(set)
    if events.exists():
        for line in events.read_text().splitlines():
            for label, status in _responses(json.loads(line)):
                seen[label].add(str(status))
    lines = ["documented statuses reached:"]
    for label in sorted(documented):
        hit = sorted(documented[label] & seen[label])
        missed = sorted(documented[label] - seen[label] - {"default"})
        lines.append(f"  {label}: reached {hit or '-'}; not reached {missed or '-'}")
    return "\n".join(lines)


def _responses(value, label=None):
    """(operation label, status) of every response recorded in a schemathesis event, searched
    structurally so the event layout of a schemathesis release does not matter."""
    if isinstance(value, dict):
        if isinstance(value.get("label"), str):
            label = value["label"]
        if isinstance(value.get("status_code"), int) and label:
            yield label, value["status_code"]
        for child in value.values():
            yield from _responses(child, label)
    elif isinstance(value, list):
        for child in value:
            yield from _responses(child, label)
