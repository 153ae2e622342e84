"""Protocol tests for the conformance testee (Tests/Conformance/Sources/ConformanceTestee).

Google's conformance_test_runner checks what the testee answers; these tests check how it
answers: they write hand-made length-prefixed ConformanceRequest frames to the testee's stdin
and decode every frame on its stdout with Google's Python protobuf runtime (classes generated at
test time with grpc_tools' protoc from the schemas in Tests/Conformance/Protos/). Covered:

  - the FailureSet handshake the runner opens with;
  - binary and JSON input, binary and JSON output, compared value by value;
  - parse_error for malformed binary (truncation, bad tags and wire types, invalid UTF-8 in a
    proto3 string) and malformed or mistyped JSON, unknown JSON fields with and without
    JSON_IGNORE_UNKNOWN_PARSING_TEST; serialize_error; skipped for JSPB and text format;
    runtime_error for an unknown message type and for frames that are no ConformanceRequest;
  - framing: many requests in one process, answers flushed one by one, large and empty frames,
    exit 0 at a clean end of input, a non-zero exit with a message on stderr (and no hang) when
    the input ends inside a frame, and nothing but frames on stdout.

    .venv/bin/python -m pytest -q Tests/Conformance/protocol_test.py

The testee is $CONFORMANCE_TESTEE, else the release build
(`swift build -c release --package-path Tests/Conformance --show-bin-path`), which
scripts/conformance.sh builds; the schemas come from scripts/build-conformance-runner.sh.
"""

import importlib
import json
import os
import resource
import select
import struct
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
PROTOS = PACKAGE / "Protos"
SCHEMAS = ("conformance.proto", "test_messages_proto3.proto", "test_messages_proto2.proto")

PROTO3 = "protobuf_test_messages.proto3.TestAllTypesProto3"
PROTO2 = "protobuf_test_messages.proto2.TestAllTypesProto2"
TYPE_URL_PREFIX = "type.googleapis.com/"

# Seconds any one testee process (or other subprocess) may take; a hang fails the test instead
# of stalling the suite.
TIMEOUT = 60
BUILD_TIMEOUT = 600


# ---------------------------------------------------------------------------------------------
# Fixtures: the testee and the generated Python classes


@pytest.fixture(scope="session")
def testee():
    """The testee executable: $CONFORMANCE_TESTEE, else the release build of Tests/Conformance."""
    path = os.environ.get("CONFORMANCE_TESTEE")
    if not path:
        found = subprocess.run(
            ["swift", "build", "-c", "release", "--package-path", str(PACKAGE), "--show-bin-path"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
        )
        if found.returncode != 0:
            pytest.fail(f"swift build --show-bin-path failed:\n{found.stderr}", pytrace=False)
        path = os.path.join(found.stdout.strip(), "conformance-testee")
    if not os.access(path, os.X_OK):
        pytest.fail(
            f"no testee at {path}: run scripts/conformance.sh (or swift build -c release "
            "--package-path Tests/Conformance --product conformance-testee), or set "
            "CONFORMANCE_TESTEE",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def pb(tmp_path_factory):
    """The _pb2 modules for conformance.proto and both test schemas, generated into a temp dir."""
    missing = [name for name in SCHEMAS if not (PROTOS / name).is_file()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} missing from {PROTOS}: run scripts/build-conformance-runner.sh "
            "(scripts/conformance.sh runs it)",
            pytrace=False,
        )
    import grpc_tools

    out = tmp_path_factory.mktemp("pb2")
    include = Path(grpc_tools.__file__).parent / "_proto"  # google/protobuf/*.proto
    generated = subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTOS}", f"-I{include}",
         f"--python_out={out}", *SCHEMAS],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert generated.returncode == 0, generated.stderr
    sys.path.insert(0, str(out))
    try:
        modules = types.SimpleNamespace(
            conformance=importlib.import_module("conformance_pb2"),
            proto3=importlib.import_module("test_messages_proto3_pb2"),
            proto2=importlib.import_module("test_messages_proto2_pb2"),
        )
    finally:
        sys.path.remove(str(out))
    from google.protobuf import json_format

    modules.json_format = json_format
    return modules


# ---------------------------------------------------------------------------------------------
# Frames and sessions


def frame(payload):
    """One frame: a 4-byte little-endian length, then the payload."""
    return struct.pack("<I", len(payload)) + payload


def split_frames(data):
    """The complete frames at the start of `data` and whatever follows them."""
    frames, offset = [], 0
    while offset + 4 <= len(data):
        (length,) = struct.unpack_from("<I", data, offset)
        if offset + 4 + length > len(data):
            break
        frames.append(data[offset + 4 : offset + 4 + length])
        offset += 4 + length
    return frames, data[offset:]


def run_testee(testee, stdin, timeout=TIMEOUT, **kwargs):
    """Runs the testee once with `stdin` (raw bytes) and returns the CompletedProcess."""
    return subprocess.run([testee], input=stdin, capture_output=True, timeout=timeout, **kwargs)


def encode_request(request):
    """A frame for a ConformanceRequest, or for raw bytes standing in for one."""
    return frame(request if isinstance(request, bytes) else request.SerializeToString())


def decode_responses(pb, stdout):
    """Every frame on stdout as a ConformanceResponse; stdout must hold frames and nothing else."""
    frames, rest = split_frames(stdout)
    assert rest == b"", f"stdout has {len(rest)} bytes that are not a whole frame: {rest[:64]!r}"
    responses = []
    for payload in frames:
        response = pb.conformance.ConformanceResponse()
        response.ParseFromString(payload)
        # Exactly one result, and nothing the schema does not know.
        assert response.WhichOneof("result") is not None, f"a response without a result: {payload!r}"
        assert response.SerializeToString() == payload, f"a response that is not canonical: {payload!r}"
        responses.append(response)
    return responses


def exchange(testee, pb, *requests):
    """Sends `requests` in one process; expects one response each, exit 0 and a silent stderr."""
    done = run_testee(testee, b"".join(encode_request(r) for r in requests))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stderr == b"", done.stderr.decode(errors="replace")
    responses = decode_responses(pb, done.stdout)
    assert len(responses) == len(requests)
    return responses


def ask(testee, pb, request):
    """The one response to `request`, as (result kind, value)."""
    (response,) = exchange(testee, pb, request)
    kind = response.WhichOneof("result")
    return kind, getattr(response, kind)


def request(pb, *, proto=None, json_text=None, jspb=None, text=None, output="PROTOBUF",
            message_type=PROTO3, category=None):
    """A ConformanceRequest with one payload."""
    r = pb.conformance.ConformanceRequest(message_type=message_type)
    if proto is not None:
        r.protobuf_payload = proto
    if json_text is not None:
        r.json_payload = json_text
    if jspb is not None:
        r.jspb_payload = jspb
    if text is not None:
        r.text_payload = text
    r.requested_output_format = pb.conformance.WireFormat.Value(output)
    if category is not None:
        r.test_category = pb.conformance.TestCategory.Value(category)
    return r


def failure_set_request(pb):
    """The runner's first request, exactly as binary_json_conformance_suite.cc builds it."""
    return request(pb, proto=b"", message_type="conformance.FailureSet")


def strict_json(text):
    """`text` parsed as JSON, refusing duplicate keys (which json.loads would silently merge)."""

    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys in {text}"
        return dict(pairs)

    return json.loads(text, object_pairs_hook=no_duplicates)


def parsed(pb, message_class, payload):
    message = message_class()
    message.ParseFromString(payload)
    return message


# ---------------------------------------------------------------------------------------------
# Messages shared by several tests


def full_proto3(pb):
    """A TestAllTypesProto3 touching every kind of field, each value an edge where one exists."""
    m = pb.proto3.TestAllTypesProto3()
    m.optional_int32 = -42
    m.optional_int64 = -(2**63)
    m.optional_uint32 = 2**32 - 1
    m.optional_uint64 = 2**64 - 1
    m.optional_sint32 = -(2**31)
    m.optional_sint64 = 2**63 - 1
    m.optional_fixed32 = 2**32 - 1
    m.optional_fixed64 = 2**64 - 1
    m.optional_sfixed32 = -1
    m.optional_sfixed64 = -(2**63)
    m.optional_float = 1.5
    m.optional_double = -0.1
    m.optional_bool = True
    m.optional_string = "h\u00e9llo, \u4e16\u754c \U0001f389"
    m.optional_bytes = bytes(range(256))
    m.optional_nested_message.a = 7
    m.optional_nested_message.corecursive.optional_int32 = 1
    m.optional_nested_enum = pb.proto3.TestAllTypesProto3.NEG
    m.optional_foreign_enum = pb.proto3.FOREIGN_BAZ
    m.repeated_int32.extend([1, -1, 300])
    m.unpacked_int32.extend([5, -5])
    m.repeated_string.extend(["", "a"])
    m.map_string_string["k"] = "v"
    m.map_int32_int32[-1] = 2
    m.oneof_string = ""
    m.optional_timestamp.seconds = 1_700_000_000
    m.optional_duration.seconds = 1
    m.optional_duration.nanos = 500_000_000
    m.optional_int32_wrapper.value = 0
    m.optional_any.Pack(pb.proto3.TestAllTypesProto3(optional_int32=5))
    m.fieldname1 = 1
    return m


# ---------------------------------------------------------------------------------------------
# The FailureSet handshake


def test_failure_set_handshake_answers_an_empty_failure_set(testee, pb):
    kind, payload = ask(testee, pb, failure_set_request(pb))
    assert kind == "protobuf_payload"
    failures = parsed(pb, pb.conformance.FailureSet, payload)
    assert list(failures.failure) == []


def test_handshake_then_tests_in_one_process(testee, pb):
    message = pb.proto3.TestAllTypesProto3(optional_int32=1)
    handshake, answer = exchange(
        testee, pb, failure_set_request(pb), request(pb, proto=message.SerializeToString())
    )
    assert handshake.WhichOneof("result") == "protobuf_payload"
    assert handshake.protobuf_payload == b""
    assert answer.protobuf_payload == message.SerializeToString()


# ---------------------------------------------------------------------------------------------
# Binary input


def test_binary_to_binary_proto3_keeps_every_value(testee, pb):
    message = full_proto3(pb)
    kind, payload = ask(testee, pb, request(pb, proto=message.SerializeToString(deterministic=True)))
    assert kind == "protobuf_payload"
    assert parsed(pb, pb.proto3.TestAllTypesProto3, payload) == message
    # One map entry each, so the deterministic encoding is the only canonical one.
    assert payload == message.SerializeToString(deterministic=True)


def test_binary_to_binary_proto2_with_extension_and_group(testee, pb):
    m = pb.proto2.TestAllTypesProto2()
    m.optional_int32 = 0  # proto2: explicit presence, so a zero is kept
    m.optional_string = ""
    m.optional_nested_enum = pb.proto2.TestAllTypesProto2.NEG
    m.data.group_int32 = 3
    m.Extensions[pb.proto2.extension_int32] = 5
    kind, payload = ask(
        testee, pb, request(pb, proto=m.SerializeToString(), message_type=PROTO2)
    )
    assert kind == "protobuf_payload"
    got = parsed(pb, pb.proto2.TestAllTypesProto2, payload)
    assert got == m
    assert got.HasField("optional_int32") and got.HasField("optional_string")
    assert got.Extensions[pb.proto2.extension_int32] == 5
    # Not compared byte for byte: Python writes extensions last, the testee in field order.


def test_binary_unknown_fields_are_kept_in_binary_output(testee, pb):
    # Field 501 (not in the schema) as a varint, as the runner's UnknownVarint test sends it.
    unknown = b"\xa8\x1f\x01"
    for message_type in (PROTO3, PROTO2):
        kind, payload = ask(testee, pb, request(pb, proto=unknown, message_type=message_type))
        assert (kind, payload) == ("protobuf_payload", unknown), message_type


def test_binary_empty_payload_is_the_empty_message(testee, pb):
    as_binary, as_json = exchange(
        testee, pb, request(pb, proto=b""), request(pb, proto=b"", output="JSON")
    )
    assert as_binary.WhichOneof("result") == "protobuf_payload"
    assert as_binary.protobuf_payload == b""
    assert strict_json(as_json.json_payload) == {}


def test_binary_explicit_defaults_are_dropped_in_proto3(testee, pb):
    # optional_int32 = 0, optional_string = "", optional_bool = false, all written explicitly.
    explicit = b"\x08\x00\x72\x00\x68\x00"
    as_binary, as_json = exchange(
        testee, pb, request(pb, proto=explicit), request(pb, proto=explicit, output="JSON")
    )
    assert as_binary.protobuf_payload == b""
    assert strict_json(as_json.json_payload) == {}


def test_binary_last_value_wins_and_messages_merge(testee, pb):
    # optional_int32 twice, optional_nested_message twice (a = 1, then corecursive set).
    data = b"\x08\x01\x08\x02" + b"\x92\x01\x02\x08\x01" + b"\x92\x01\x04\x12\x02\x08\x03"
    kind, payload = ask(testee, pb, request(pb, proto=data))
    assert kind == "protobuf_payload"
    got = parsed(pb, pb.proto3.TestAllTypesProto3, payload)
    assert got.optional_int32 == 2
    assert got.optional_nested_message.a == 1
    assert got.optional_nested_message.corecursive.optional_int32 == 3


def test_binary_packed_and_unpacked_repeated_are_both_accepted(testee, pb):
    # repeated_int32 (31, packed by default) sent unpacked, and unpacked_int32 (89) sent packed.
    data = b"\xf8\x01\x01\xf8\x01\x02" + b"\xca\x05\x02\x03\x04"
    kind, payload = ask(testee, pb, request(pb, proto=data))
    assert kind == "protobuf_payload"
    got = parsed(pb, pb.proto3.TestAllTypesProto3, payload)
    assert list(got.repeated_int32) == [1, 2]
    assert list(got.unpacked_int32) == [3, 4]


MALFORMED_BINARY = {
    "truncated varint value": b"\x08\x80",
    "truncated tag": b"\x80",
    "varint longer than ten bytes": b"\x08" + b"\xff" * 10 + b"\x01",
    "truncated string": b"\x72\x05ab",
    "length beyond the input": b"\x72\xff\xff\xff\xff\x0fa",
    "truncated length": b"\x72\x80",
    "truncated fixed32": b"\x3d\x01\x02",
    "truncated fixed64": b"\x41\x01\x02\x03",
    "truncated nested message": b"\x92\x01\x05\x08",
    "bad varint in nested message": b"\x92\x01\x02\x08\x80",
    "truncated packed field": b"\xfa\x01\x03\x01\x02",
    "truncated varint in packed field": b"\xfa\x01\x01\x80",
    "wire type 6": b"\x0e\x00",
    "wire type 7": b"\x0f\x00",
    "field number 0": b"\x00\x01",
    "end group without start": b"\x0c",
    "unterminated group": b"\xab\x1f\x08\x01",
    "mismatched end group": b"\xab\x1f\xb4\x1f",
}


@pytest.mark.parametrize("message_type", [PROTO3, PROTO2], ids=["proto3", "proto2"])
@pytest.mark.parametrize("data", MALFORMED_BINARY.values(), ids=MALFORMED_BINARY.keys())
def test_malformed_binary_is_a_parse_error(testee, pb, data, message_type):
    kind, value = ask(testee, pb, request(pb, proto=data, message_type=message_type))
    assert kind == "parse_error", value
    assert value


INVALID_UTF8 = {
    "optional_string": b"\x72\x02\xc3\x28",
    "repeated_string": b"\xe2\x02\x01\xff",
    "map key": b"\xaa\x04\x05\x0a\x01\xff\x12\x00",  # map_string_string = 69
    "lone surrogate": b"\x72\x03\xed\xa0\x80",
    "overlong encoding": b"\x72\x02\xc0\xaf",
}


@pytest.mark.parametrize("data", INVALID_UTF8.values(), ids=INVALID_UTF8.keys())
def test_invalid_utf8_in_a_proto3_string_is_a_parse_error(testee, pb, data):
    kind, value = ask(testee, pb, request(pb, proto=data))
    assert kind == "parse_error", value


# ---------------------------------------------------------------------------------------------
# Binary to JSON


def test_binary_to_json_has_the_exact_proto3_json_values(testee, pb):
    message = full_proto3(pb)
    message.optional_field_mask.paths.extend(["foo_bar", "baz"])
    message.optional_struct.update({"a": [1, "x", None, True]})
    message.map_bool_bool[True] = False
    message.field_name2 = 2
    message._field_name3 = 3
    message.FIELD_NAME11 = 11
    kind, text = ask(testee, pb, request(pb, proto=message.SerializeToString(), output="JSON"))
    assert kind == "json_payload", text
    assert strict_json(text) == {
        "optionalInt32": -42,
        "optionalInt64": "-9223372036854775808",
        "optionalUint32": 4294967295,
        "optionalUint64": "18446744073709551615",
        "optionalSint32": -2147483648,
        "optionalSint64": "9223372036854775807",
        "optionalFixed32": 4294967295,
        "optionalFixed64": "18446744073709551615",
        "optionalSfixed32": -1,
        "optionalSfixed64": "-9223372036854775808",
        "optionalFloat": 1.5,
        "optionalDouble": -0.1,
        "optionalBool": True,
        "optionalString": "h\u00e9llo, \u4e16\u754c \U0001f389",
        "optionalBytes": (
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BB"
            "QkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKD"
            "hIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TF"
            "xsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w=="
        ),
        "optionalNestedMessage": {"a": 7, "corecursive": {"optionalInt32": 1}},
        "optionalNestedEnum": "NEG",
        "optionalForeignEnum": "FOREIGN_BAZ",
        "repeatedInt32": [1, -1, 300],
        "unpackedInt32": [5, -5],
        "repeatedString": ["", "a"],
        "mapStringString": {"k": "v"},
        "mapInt32Int32": {"-1": 2},
        "mapBoolBool": {"true": False},
        "oneofString": "",
        "optionalTimestamp": "2023-11-14T22:13:20Z",
        "optionalDuration": "1.500s",
        "optionalInt32Wrapper": 0,
        "optionalAny": {"@type": TYPE_URL_PREFIX + PROTO3, "optionalInt32": 5},
        "optionalFieldMask": "fooBar,baz",
        "optionalStruct": {"a": [1, "x", None, True]},
        "fieldname1": 1,
        "fieldName2": 2,
        "FieldName3": 3,
        "FIELDNAME11": 11,
    }
    # Google's parser reads it back to the same message.
    assert pb.json_format.Parse(text, pb.proto3.TestAllTypesProto3()) == message


def test_binary_to_json_drops_unknown_fields(testee, pb):
    kind, text = ask(testee, pb, request(pb, proto=b"\x08\x07\xa8\x1f\x01", output="JSON"))
    assert kind == "json_payload"
    assert strict_json(text) == {"optionalInt32": 7}


def test_binary_to_json_writes_special_floats_as_strings(testee, pb):
    m = pb.proto3.TestAllTypesProto3()
    m.optional_double = float("inf")
    m.optional_float = float("-inf")
    m.repeated_double.append(float("nan"))
    kind, text = ask(testee, pb, request(pb, proto=m.SerializeToString(), output="JSON"))
    assert kind == "json_payload"
    assert strict_json(text) == {
        "optionalDouble": "Infinity",
        "optionalFloat": "-Infinity",
        "repeatedDouble": ["NaN"],
    }


def test_binary_to_json_proto2_extension(testee, pb):
    m = pb.proto2.TestAllTypesProto2(optional_int32=0)
    m.Extensions[pb.proto2.extension_int32] = 5
    kind, text = ask(
        testee, pb, request(pb, proto=m.SerializeToString(), output="JSON", message_type=PROTO2)
    )
    assert kind == "json_payload", text
    assert strict_json(text) == {
        "optionalInt32": 0,
        "[protobuf_test_messages.proto2.extension_int32]": 5,
    }


def test_out_of_range_duration_is_a_serialize_error_in_json(testee, pb):
    # Valid on the wire, but beyond the ±315,576,000,000 s that JSON's Duration can spell.
    m = pb.proto3.TestAllTypesProto3()
    m.optional_duration.seconds = 315_576_000_001
    as_binary, as_json = exchange(
        testee,
        pb,
        request(pb, proto=m.SerializeToString()),
        request(pb, proto=m.SerializeToString(), output="JSON"),
    )
    assert as_binary.protobuf_payload == m.SerializeToString()
    assert as_json.WhichOneof("result") == "serialize_error"
    assert as_json.serialize_error


def test_any_with_an_unknown_type_is_a_serialize_error_in_json(testee, pb):
    m = pb.proto3.TestAllTypesProto3()
    m.optional_any.type_url = TYPE_URL_PREFIX + "no.such.Message"
    m.optional_any.value = b"\x08\x01"
    as_binary, as_json = exchange(
        testee,
        pb,
        request(pb, proto=m.SerializeToString()),
        request(pb, proto=m.SerializeToString(), output="JSON"),
    )
    assert parsed(pb, pb.proto3.TestAllTypesProto3, as_binary.protobuf_payload) == m
    assert as_json.WhichOneof("result") == "serialize_error"


# ---------------------------------------------------------------------------------------------
# JSON input


def test_json_to_binary_has_the_exact_values(testee, pb):
    text = json.dumps(
        {
            "optionalInt32": -42,
            "optional_int64": "-9223372036854775808",  # the proto field name is accepted too
            "optionalUint64": "18446744073709551615",
            "optionalSint32": "-5",  # integers may be quoted
            "optionalFixed32": 1e3,  # or as an integral float (json.dumps writes 1000.0)
            "optionalFloat": "-Infinity",
            "optionalDouble": 0.25,
            "optionalBool": True,
            "optionalString": "h\u00e9llo \U0001f389",
            "optionalBytes": "AAH+/w==",
            "optionalNestedMessage": {"a": 7, "corecursive": {"optionalBool": False}},
            "optionalNestedEnum": "BAZ",
            "optionalForeignEnum": 1,  # enums may be numbers
            "repeatedInt32": [1, -1, 300],
            "repeatedNestedEnum": ["FOO", "NEG"],
            "mapStringString": {"k": "v", "": ""},
            "mapInt32Int32": {"-1": 2},
            "mapBoolBool": {"false": True},
            "oneofString": "",
            "optionalTimestamp": "2023-11-14T23:13:20.5+01:00",
            "optionalDuration": "-1.5s",
            "optionalFieldMask": "fooBar,baz",
            "optionalInt32Wrapper": 0,
            "optionalAny": {"@type": TYPE_URL_PREFIX + PROTO3, "optionalInt32": 5},
            "optionalStruct": {"a": [1, "x", None, True]},
            "optionalValue": None,
        },
        ensure_ascii=True,  # \u escapes, a surrogate pair among them
    )
    kind, payload = ask(testee, pb, request(pb, json_text=text))
    assert kind == "protobuf_payload", payload
    got = parsed(pb, pb.proto3.TestAllTypesProto3, payload)

    T = pb.proto3.TestAllTypesProto3
    want = T()
    want.optional_int32 = -42
    want.optional_int64 = -(2**63)
    want.optional_uint64 = 2**64 - 1
    want.optional_sint32 = -5
    want.optional_fixed32 = 1000
    want.optional_float = float("-inf")
    want.optional_double = 0.25
    want.optional_bool = True
    want.optional_string = "h\u00e9llo \U0001f389"
    want.optional_bytes = b"\x00\x01\xfe\xff"
    want.optional_nested_message.a = 7
    want.optional_nested_message.corecursive.SetInParent()
    want.optional_nested_enum = T.BAZ
    want.optional_foreign_enum = pb.proto3.FOREIGN_BAR
    want.repeated_int32.extend([1, -1, 300])
    want.repeated_nested_enum.extend([T.FOO, T.NEG])
    want.map_string_string.update({"k": "v", "": ""})
    want.map_int32_int32[-1] = 2
    want.map_bool_bool[False] = True
    want.oneof_string = ""
    want.optional_timestamp.seconds = 1_700_000_000
    want.optional_timestamp.nanos = 500_000_000
    want.optional_duration.seconds = -1
    want.optional_duration.nanos = -500_000_000
    want.optional_field_mask.paths.extend(["foo_bar", "baz"])
    want.optional_int32_wrapper.value = 0
    want.optional_any.Pack(T(optional_int32=5))
    want.optional_struct.update({"a": [1, "x", None, True]})
    want.optional_value.null_value = 0

    assert got == want
    assert got.WhichOneof("oneof_field") == "oneof_string"
    assert got.HasField("optional_int32_wrapper") and got.HasField("optional_value")
    # And it agrees with Google's own JSON parser.
    assert pb.json_format.Parse(text, T()) == got


def test_json_to_json_round_trip(testee, pb):
    text = '{"optionalInt64": "12", "repeatedBool": [true, false], "optionalNestedEnum": 2}'
    kind, out = ask(testee, pb, request(pb, json_text=text, output="JSON"))
    assert kind == "json_payload", out
    assert strict_json(out) == {
        "optionalInt64": "12",
        "repeatedBool": [True, False],
        "optionalNestedEnum": "BAZ",
    }


def test_json_null_leaves_a_field_unset(testee, pb):
    kind, payload = ask(
        testee, pb, request(pb, json_text='{"optionalInt32": null, "optionalNestedMessage": null}')
    )
    assert (kind, payload) == ("protobuf_payload", b"")


def test_json_to_binary_proto2_extension(testee, pb):
    text = '{"optionalInt32": 0, "[protobuf_test_messages.proto2.extension_int32]": 5}'
    kind, payload = ask(testee, pb, request(pb, json_text=text, message_type=PROTO2))
    assert kind == "protobuf_payload", payload
    got = parsed(pb, pb.proto2.TestAllTypesProto2, payload)
    assert got.HasField("optional_int32") and got.optional_int32 == 0
    assert got.Extensions[pb.proto2.extension_int32] == 5


MALFORMED_JSON = {
    "empty": "",
    "whitespace only": "  \n",
    "not json": "not json",
    "unclosed object": '{"optionalInt32": 1',
    "open brace only": "{",
    "trailing comma": '{"optionalInt32": 1,}',
    "unquoted key": "{optionalInt32: 1}",
    "single quotes": "{'optionalInt32': 1}",
    "missing colon": '{"optionalInt32" 1}',
    "trailing garbage": '{"optionalInt32": 1} x',
    "two objects": "{}{}",
    "top-level array": "[]",
    "top-level null": "null",
    "top-level number": "1",
    "bad escape": '{"optionalString": "\\x41"}',
    "unterminated string": '{"optionalString": "abc}',
    "lone high surrogate": '{"optionalString": "\\ud800"}',
    "lone low surrogate": '{"optionalString": "\\udc00"}',
    "unquoted value": '{"optionalString": abc}',
}


@pytest.mark.parametrize("text", MALFORMED_JSON.values(), ids=MALFORMED_JSON.keys())
def test_malformed_json_is_a_parse_error(testee, pb, text):
    kind, value = ask(testee, pb, request(pb, json_text=text))
    assert kind == "parse_error", value
    assert value


WRONG_JSON_TYPES = {
    "int32 from a word": '{"optionalInt32": "abc"}',
    "int32 from true": '{"optionalInt32": true}',
    "int32 from a fraction": '{"optionalInt32": 1.5}',
    "int32 out of range": '{"optionalInt32": 2147483648}',
    "uint32 negative": '{"optionalUint32": -1}',
    "int64 out of range": '{"optionalInt64": "9223372036854775808"}',
    "int32 from an object": '{"optionalInt32": {}}',
    "bool from a number": '{"optionalBool": 1}',
    "string from a number": '{"optionalString": 5}',
    "string from an array": '{"optionalString": ["a"]}',
    "message from a number": '{"optionalNestedMessage": 5}',
    "message from an array": '{"optionalNestedMessage": []}',
    "repeated from a number": '{"repeatedInt32": 5}',
    "repeated of the wrong element type": '{"repeatedInt32": [true]}',
    "repeated strings from numbers": '{"repeatedString": [1]}',
    "map from an array": '{"mapStringString": []}',
    "map key not an int32": '{"mapInt32Int32": {"abc": 1}}',
    "unknown enum number type": '{"optionalNestedEnum": true}',
    "timestamp not a time": '{"optionalTimestamp": "yesterday"}',
    "duration from a number": '{"optionalDuration": 5}',
    "wrapper from the wrong type": '{"optionalInt32Wrapper": "x"}',
    "float out of range": '{"optionalFloat": 1e39}',
}


@pytest.mark.parametrize("text", WRONG_JSON_TYPES.values(), ids=WRONG_JSON_TYPES.keys())
def test_wrong_json_type_is_a_parse_error(testee, pb, text):
    kind, value = ask(testee, pb, request(pb, json_text=text))
    assert kind == "parse_error", value


UNKNOWN_JSON_FIELDS = {
    "number": '{"optionalInt32": 1, "unknown": 1}',
    "object": '{"optionalInt32": 1, "unknown": {"a": [1, {"b": null}]}}',
    "null": '{"optionalInt32": 1, "unknown": null}',
    "unknown enum name": '{"optionalInt32": 1, "optionalNestedEnum": "NO_SUCH_VALUE"}',
}


@pytest.mark.parametrize("text", UNKNOWN_JSON_FIELDS.values(), ids=UNKNOWN_JSON_FIELDS.keys())
def test_unknown_json_fields_are_a_parse_error_unless_ignored(testee, pb, text):
    strict, ignoring = exchange(
        testee,
        pb,
        request(pb, json_text=text, category="JSON_TEST"),
        request(pb, json_text=text, category="JSON_IGNORE_UNKNOWN_PARSING_TEST"),
    )
    assert strict.WhichOneof("result") == "parse_error"
    assert ignoring.WhichOneof("result") == "protobuf_payload", ignoring
    got = parsed(pb, pb.proto3.TestAllTypesProto3, ignoring.protobuf_payload)
    assert got == pb.proto3.TestAllTypesProto3(optional_int32=1)


def test_unknown_json_field_is_a_parse_error_without_a_category(testee, pb):
    kind, _ = ask(testee, pb, request(pb, json_text='{"unknown": 1}'))
    assert kind == "parse_error"


# ---------------------------------------------------------------------------------------------
# JSPB and text format


def test_jspb_and_text_format_are_skipped(testee, pb):
    message = pb.proto3.TestAllTypesProto3(optional_int32=1).SerializeToString()
    responses = exchange(
        testee,
        pb,
        request(pb, jspb="[1]", output="PROTOBUF"),
        request(pb, text="optional_int32: 1", output="TEXT_FORMAT"),
        request(pb, text="optional_int32: 1", output="PROTOBUF", category="TEXT_FORMAT_TEST"),
        request(pb, proto=message, output="TEXT_FORMAT"),
        request(pb, proto=message, output="JSPB"),
        request(pb, json_text="{}", output="TEXT_FORMAT"),
        request(pb, text="optional_int32: 1", output="TEXT_FORMAT", message_type=PROTO2),
    )
    for response in responses:
        assert response.WhichOneof("result") == "skipped", response
        assert response.skipped


# ---------------------------------------------------------------------------------------------
# Runtime errors


def test_unknown_message_type_is_a_runtime_error(testee, pb):
    payload = pb.proto3.TestAllTypesProto3(optional_int32=1).SerializeToString()
    for message_type in ("protobuf_test_messages.proto3.NoSuchMessage", "", "TestAllTypesProto3"):
        kind, value = ask(testee, pb, request(pb, proto=payload, message_type=message_type))
        assert kind == "runtime_error", message_type
        assert value


NOT_A_REQUEST = {
    "garbage": b"\xff\xff\xff\xff",
    "truncated field": b"\x22\x10protobuf",
    "wire type 7": b"\x0f",
    "invalid UTF-8 in message_type": b"\x22\x02\xc3\x28",
    "invalid UTF-8 in json_payload": (
        b"\x12\x02\xc3\x28" + b"\x18\x01" + b"\x22" + bytes([len(PROTO3)]) + PROTO3.encode()
    ),
}


@pytest.mark.parametrize("data", NOT_A_REQUEST.values(), ids=NOT_A_REQUEST.keys())
def test_a_frame_that_is_no_conformance_request_is_a_runtime_error(testee, pb, data):
    # ... and the testee carries on with the next request.
    bad, good = exchange(testee, pb, data, failure_set_request(pb))
    assert bad.WhichOneof("result") == "runtime_error", bad
    assert bad.runtime_error
    assert good.WhichOneof("result") == "protobuf_payload"


def test_request_without_payload_is_a_runtime_error(testee, pb):
    kind, _ = ask(testee, pb, pb.conformance.ConformanceRequest(
        message_type=PROTO3, requested_output_format=pb.conformance.PROTOBUF))
    assert kind == "runtime_error"


def test_unspecified_output_format_is_a_runtime_error(testee, pb):
    kind, _ = ask(testee, pb, request(pb, proto=b"", output="UNSPECIFIED"))
    assert kind == "runtime_error"


def test_empty_frame_is_an_empty_request_and_a_runtime_error(testee, pb):
    # A zero-length frame decodes as a ConformanceRequest with no message type.
    kind, _ = ask(testee, pb, b"")
    assert kind == "runtime_error"


# ---------------------------------------------------------------------------------------------
# Framing and the process


def test_many_requests_in_one_process_are_answered_in_order(testee, pb):
    requests, expected = [failure_set_request(pb)], ["protobuf_payload"]
    for i in range(50):
        message = pb.proto3.TestAllTypesProto3(optional_int32=i, optional_string=str(i))
        requests.append(request(pb, proto=message.SerializeToString()))
        expected.append(("protobuf_payload", message.SerializeToString()))
        requests.append(request(pb, proto=message.SerializeToString(), output="JSON"))
        as_json = {"optionalInt32": i, "optionalString": str(i)}
        if i == 0:
            del as_json["optionalInt32"]  # a proto3 zero is not written
        expected.append(("json", as_json))
        requests.append(request(pb, proto=b"\x08\x80"))
        expected.append("parse_error")
        requests.append(request(pb, text="x", output="TEXT_FORMAT"))
        expected.append("skipped")
    responses = exchange(testee, pb, *requests)
    assert len(responses) == 201
    for response, want in zip(responses, expected):
        kind = response.WhichOneof("result")
        if isinstance(want, str):
            assert kind == want
        elif want[0] == "json":
            assert kind == "json_payload"
            assert strict_json(response.json_payload) == want[1]
        else:
            assert (kind, response.protobuf_payload) == want


def test_large_frames_cross_pipe_buffers(testee, pb):
    # Bigger than a pipe's buffer both ways, so reads and writes come in pieces.
    message = pb.proto3.TestAllTypesProto3(optional_bytes=bytes(range(256)) * 8192)  # 2 MiB
    message.repeated_string.extend(["\u00e9" * 1000] * 300)
    data = message.SerializeToString()
    as_binary, as_json = exchange(
        testee, pb, request(pb, proto=data), request(pb, proto=data, output="JSON")
    )
    assert as_binary.protobuf_payload == data
    assert pb.json_format.Parse(as_json.json_payload, pb.proto3.TestAllTypesProto3()) == message


def test_each_answer_is_flushed_before_the_next_request(testee, pb):
    """Like the runner: write one request, wait for its answer, then write the next."""
    process = subprocess.Popen(
        [testee], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:

        def read_exactly(count, deadline):
            data = b""
            while len(data) < count:
                remaining = deadline - time.monotonic()
                ready, _, _ = select.select([process.stdout], [], [], max(remaining, 0))
                assert ready, f"no answer within {TIMEOUT} s (got {len(data)} of {count} bytes)"
                chunk = os.read(process.stdout.fileno(), count - len(data))
                assert chunk, "stdout closed early"
                data += chunk
            return data

        for i in range(5):
            message = pb.proto3.TestAllTypesProto3(optional_int32=i + 1).SerializeToString()
            process.stdin.write(encode_request(request(pb, proto=message)))
            process.stdin.flush()
            deadline = time.monotonic() + TIMEOUT
            (length,) = struct.unpack("<I", read_exactly(4, deadline))
            response = pb.conformance.ConformanceResponse()
            response.ParseFromString(read_exactly(length, deadline))
            assert response.protobuf_payload == message
        process.stdin.close()
        assert process.wait(timeout=TIMEOUT) == 0
        assert process.stdout.read() == b""
        assert process.stderr.read() == b""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=TIMEOUT)
        process.stdout.close()
        process.stderr.close()


def test_clean_end_of_input_exits_zero_without_output(testee, pb):
    done = run_testee(testee, b"")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_arguments_are_ignored(testee, pb):
    done = subprocess.run(
        [testee, "--verbose", "extra"],
        input=encode_request(failure_set_request(pb)),
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0
    assert len(decode_responses(pb, done.stdout)) == 1


def test_stdin_closed_from_the_start_is_a_clean_end(testee, pb):
    done = subprocess.run([testee], stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


TRUNCATED_INPUT = {
    "inside the length prefix": (b"\x05\x00", "after 2 of 4 bytes"),
    "after one byte of the prefix": (b"\x05", "after 1 of 4 bytes"),
    "inside the payload": (struct.pack("<I", 100) + b"\x22" * 10, "after 10 of 100 bytes"),
    "right after the prefix": (struct.pack("<I", 7), "after 0 of 7 bytes"),
}


@pytest.mark.parametrize("tail, message", TRUNCATED_INPUT.values(), ids=TRUNCATED_INPUT.keys())
def test_input_ending_inside_a_frame_fails_after_answering_the_whole_ones(testee, pb, tail, message):
    whole = [failure_set_request(pb), request(pb, proto=b"\x08\x01")]
    done = run_testee(testee, b"".join(encode_request(r) for r in whole) + tail)
    # The complete requests are answered, then the testee stops: non-zero, reason on stderr.
    responses = decode_responses(pb, done.stdout)
    assert [r.WhichOneof("result") for r in responses] == ["protobuf_payload"] * 2
    assert done.returncode == 1
    stderr = done.stderr.decode()
    assert "stopped after 2 requests" in stderr and message in stderr, stderr


def _limit_memory():
    # 2 GiB of address space: plenty for the testee, far less than a 4 GiB frame buffer.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_a_huge_length_prefix_does_not_allocate_it_up_front(testee, pb):
    # A garbage prefix announcing 4 GiB, then the end of the input: the testee must report the
    # short frame (quickly, in bounded memory), not allocate 4 GiB first.
    start = time.monotonic()
    done = run_testee(testee, b"\xff\xff\xff\xff" + b"\x00" * 100, preexec_fn=_limit_memory)
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    assert done.stdout == b""
    assert "after 100 of 4294967295 bytes" in done.stderr.decode()
    assert time.monotonic() - start < TIMEOUT / 2
