"""The OpenAPI documents room619 generates are valid OpenAPI 3.1 and canonical JSON.

Every document in Generated/openapi (and the golden document of Tests/OpenAPI/golden) must pass
openapi-spec-validator's OpenAPI 3.1 validation (the schema of the specification, plus its
checks of references, parameters and operation ids), have JSON Schema 2020-12 component schemas,
and be written in the canonical form the generator promises: sorted keys, two-space indent,
a trailing newline.
"""

import json
import pathlib

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "Generated" / "openapi").glob("*.openapi.json")) + sorted(
    (ROOT / "Tests" / "OpenAPI" / "golden").glob("*.openapi.json")
)


def test_there_are_documents():
    assert any(path.parent.name == "golden" for path in DOCUMENTS)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_valid_openapi_31(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["openapi"] == "3.1.0"
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_component_schemas_are_json_schema_2020_12(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_canonical_json(path):
    text = path.read_text(encoding="utf-8")
    canonical = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text == canonical


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_operation_ids_are_service_method(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        service, _, method = operation_id.partition("_")
        assert service and method and method[0].isupper(), operation_id


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_security_follows_access(path):
    """Every operation says who may call it: `security: []` (public) or one bearerAuth requirement
    naming roles (or none, for any signed-in user), with the 401 (and, with roles, 403) it brings;
    the scheme it names is declared once as an HTTP bearer scheme."""
    document = json.loads(path.read_text(encoding="utf-8"))
    schemes = document["components"].get("securitySchemes", {})
    secured = 0
    for template, item in document["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {template}"
            security = operation["security"]
            if security == []:
                continue
            secured += 1
            assert len(security) == 1 and list(security[0]) == ["bearerAuth"], label
            roles = security[0]["bearerAuth"]
            assert all(isinstance(role, str) and role for role in roles) and len(set(roles)) == len(roles), label
            assert "401" in operation["responses"], label
            assert not roles or "403" in operation["responses"], label
    if secured:
        assert schemes == {"bearerAuth": {**schemes["bearerAuth"], "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
    else:
        assert schemes == {}
