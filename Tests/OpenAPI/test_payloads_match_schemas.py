"""Real proto3 JSON validates against the generated schemas.

Google's protobuf runtime (the reference implementation of proto3 JSON) writes messages of the
golden contract (Tests/OpenAPI/golden/library/v1/library.proto): one with every field set to an
edge value (int64 extremes, NaN and infinities, bytes, maps with integer keys, every well-known
type), and randomized ones. Each must validate, with format checks, against its component schema
in the golden document, so the documents describe what a gateway that speaks proto3 JSON sends.
"""

import json
import math
import os
import pathlib
import random
import subprocess
import sys
import tempfile

import grpc_tools
import pytest
from jsonschema import Draft202012Validator, FormatChecker

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "Tests" / "OpenAPI" / "golden"
DOCUMENT = json.loads((GOLDEN / "library.v1.openapi.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def library():
    """library_pb2, compiled with grpcio-tools' protoc (google/* come from googleapis-common-protos)."""
    out = tempfile.mkdtemp(prefix="room619-openapi-")
    well_known = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{GOLDEN}", f"-I{ROOT / 'Protos'}", f"-I{well_known}",
         f"--python_out={out}", "library/v1/library.proto", "buf/validate/validate.proto",
         "room619/api/v1/options.proto"],
        check=True,
    )
    sys.path.insert(0, out)
    from library.v1 import library_pb2  # noqa: PLC0415 (generated above)

    return library_pb2


def validate(message, schema_name, *, preserve=False):
    from google.protobuf import json_format  # noqa: PLC0415

    payload = json.loads(json_format.MessageToJson(message, preserving_proto_field_name=preserve))
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": DOCUMENT["components"]}
    errors = sorted(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(payload), key=str)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == [], payload


def full_book(pb):
    book = pb.Book(
        name="shelves/1/books/2", title="T", isbn="978-0123456789", binding=pb.BINDING_HARDCOVER, pages=10000,
        copies_sold=-(2**63), checksum=2**64 - 1, rating=5.0, weight=float("nan"), in_print=True,
        cover_thumbnail=b"\x00\xff\x10", tags=["a", "b"], author_email="a@example.com", secret_note="s",
        seller="shop", language="fr", shelf_position=-(2**31), serial=1, edition=4294967295, flagged="YES",
    )
    book.stock_by_store["north"] = 2**31 - 1
    book.notes_by_page[-5] = "note"
    book.published.FromJsonString("2024-05-01T12:00:00.123456789Z")
    book.read_time.FromJsonString("-315576000000.000000001s")
    book.subtitle.value = ""
    book.metadata.update({"k": [1, "x", None, {"n": True}]})
    book.extra.number_value = 1.5
    book.attachment.Pack(pb.ShelfEvent())
    book.print_run.value = 2**63 - 1
    book.price.value = float("-inf")
    book.history.extend([1, "a"])
    return book


def test_a_book_with_every_field_set(library):
    validate(full_book(library), "library.v1.Book")


def test_events_lists_and_requests(library):
    event = library.ShelfEvent(book=full_book(library))
    event.at.FromJsonString("0001-01-01T00:00:00Z")
    validate(event, "library.v1.ShelfEvent")
    validate(library.ListBooksResponse(books=[full_book(library)] * 2, next_page_token="x"), "library.v1.ListBooksResponse")
    validate(library.MoveBookRequest(name="n", target_shelf="s", ticket=7), "library.v1.MoveBookRequest")


def test_infinity_in_a_float_field(library):
    validate(library.Book(title="t", weight=float("inf"), price={"value": float("nan")}), "library.v1.Book")


def test_randomized_books(library):
    seed = int(os.environ.get("OPENAPI_SEED", random.randrange(2**32)))
    print(f"seed {seed} (rerun with OPENAPI_SEED={seed})")
    rng = random.Random(seed)
    for _ in range(200):
        book = library.Book(
            title="".join(rng.choice("abcé€😀") for _ in range(rng.randint(1, 20))),
            pages=rng.randint(1, 10000), copies_sold=rng.randint(-(2**63), 2**63 - 1),
            checksum=rng.randint(0, 2**64 - 1), rating=rng.uniform(0, 5),
            weight=rng.choice([rng.uniform(-1e30, 1e30), math.inf, -math.inf, math.nan]),
            cover_thumbnail=rng.randbytes(rng.randint(0, 40)), shelf_position=rng.randint(-(2**31), 2**31 - 1),
            edition=rng.randint(1, 2**32 - 1), serial=rng.randint(1, 2**64 - 1),
        )
        book.notes_by_page[rng.randint(-(2**63), 2**63 - 1)] = "n"
        book.published.FromSeconds(rng.randint(-62135596800, 253402300799))
        book.read_time.FromNanoseconds(rng.randint(-(10**18), 10**18))
        if rng.random() < 0.5:
            book.donor = "d"
        validate(book, "library.v1.Book")
