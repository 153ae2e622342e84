"""Cross-checks room619's protobuf runtime against Google's (the `protobuf` package in .venv).

Driven by Tests/ContractsTests/CrossCheck*Tests.swift; each named case below is built the same
way on the Swift side. Commands:

  crosscheck.py generate PROTO_ROOT OUT_DIR
      Generates the _pb2 modules for the test contracts with grpc_tools' protoc, whose bundled
      well-known types match this protobuf runtime.
  crosscheck.py --generated OUT_DIR check CASE FILE...
      Decodes each FILE (bytes room619 wrote) and compares it with CASE built here; exits 1 with
      a diff when anything differs (presence, float bits, extensions and unknown fields included).
  crosscheck.py --generated OUT_DIR encode CASE FILE
      Writes CASE's encoding (deterministic, or the case's hand-made wire bytes) to FILE.
"""

import argparse
import difflib
import json
import os
import struct
import subprocess
import sys

# The generated modules, imported by load_generated().
all_types = None
proto2 = None

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
UINT32_MAX, UINT64_MAX = 2**32 - 1, 2**64 - 1
FLOAT_MAX = struct.unpack("<f", struct.pack("<I", 0x7F7FFFFF))[0]
FLOAT_TRUE_MIN = struct.unpack("<f", struct.pack("<I", 0x00000001))[0]
DOUBLE_MAX = sys.float_info.max
DOUBLE_TRUE_MIN = 5e-324
INF = float("inf")
NAN = float("nan")


class Case:
    """A named message: `build` returns it; `wire` (optional) returns hand-made bytes for it."""

    def __init__(self, build, wire=None, partial=False):
        self.build = build
        self.wire = wire
        self.partial = partial

    def encode(self):
        if self.wire is not None:
            return self.wire()
        message = self.build()
        if self.partial:
            return message.SerializePartialToString(deterministic=True)
        return message.SerializeToString(deterministic=True)


CASES = {}


def case(name, wire=None, partial=False):
    def register(build):
        CASES[name] = Case(build, wire, partial)
        return build

    return register


def tag(field_number, wire_type):
    return varint((field_number << 3) | wire_type)


def varint(value):
    value &= UINT64_MAX
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def nested(a=0, b="", recursive=None):
    message = all_types.AllTypes.Nested(a=a, b=b)
    if recursive is not None:
        message.recursive.CopyFrom(recursive)
    return message


# MARK: proto3 (all_types.proto)


@case("scalars_ordinary")
def scalars_ordinary():
    m = all_types.AllTypes(
        f_int32=150, f_int64=300_000_000_000, f_uint32=1, f_uint64=2**40,
        f_sint32=-150, f_sint64=-300_000_000_000, f_fixed32=0xDEADBEEF, f_fixed64=0x0123456789ABCDEF,
        f_sfixed32=-123456, f_sfixed64=-1234567890123, f_float=1.5, f_double=3.141592653589793,
        f_bool=True, f_string="hello", f_bytes=b"\x00\x01\xfe\xff", f_enum=all_types.COLOR_BLUE,
        f_mood=all_types.AllTypes.MOOD_HAPPY,
    )
    m.f_nested.CopyFrom(nested(a=7, b="nested"))
    m.f_timestamp.seconds = 1_700_000_000
    m.f_timestamp.nanos = 123_456_789
    return m


@case("scalars_max")
def scalars_max():
    m = all_types.AllTypes(
        f_int32=INT32_MAX, f_int64=INT64_MAX, f_uint32=UINT32_MAX, f_uint64=UINT64_MAX,
        f_sint32=INT32_MAX, f_sint64=INT64_MAX, f_fixed32=UINT32_MAX, f_fixed64=UINT64_MAX,
        f_sfixed32=INT32_MAX, f_sfixed64=INT64_MAX, f_float=FLOAT_MAX, f_double=DOUBLE_MAX,
        f_bool=True, f_string="héllo wörld 🌍 日本語", f_bytes=bytes(range(256)),
        f_enum=all_types.COLOR_BLUE, f_mood=all_types.AllTypes.MOOD_HAPPY,
    )
    m.f_nested.CopyFrom(nested(a=INT32_MAX, b="🌍"))
    m.f_timestamp.seconds = 253_402_300_799
    m.f_timestamp.nanos = 999_999_999
    return m


@case("scalars_min")
def scalars_min():
    m = all_types.AllTypes(
        f_int32=INT32_MIN, f_int64=INT64_MIN, f_sint32=INT32_MIN, f_sint64=INT64_MIN,
        f_sfixed32=INT32_MIN, f_sfixed64=INT64_MIN, f_float=-INF, f_double=-INF,
        f_enum=all_types.COLOR_NEGATIVE,
    )
    m.f_nested.SetInParent()
    m.f_timestamp.seconds = -62_135_596_800
    return m


@case("scalars_minus_one")
def scalars_minus_one():
    return all_types.AllTypes(
        f_int32=-1, f_int64=-1, f_uint32=127, f_uint64=128, f_sint32=-1, f_sint64=-1,
        f_fixed32=1, f_fixed64=1, f_sfixed32=-1, f_sfixed64=-1, f_float=-0.0, f_double=-0.0,
        f_string="a\x00b", f_bytes=b"\x00",
    )


@case("floats")
def floats():
    m = all_types.AllTypes(f_float=INF, f_double=INF, o_float=-0.0, o_double=DOUBLE_TRUE_MIN)
    m.r_float.extend([0.0, -0.0, FLOAT_TRUE_MIN, -INF, INF, FLOAT_MAX, 0.1])
    m.r_double.extend([0.0, -0.0, DOUBLE_TRUE_MIN, 2.2250738585072014e-308, -INF, INF, 0.1, -DOUBLE_MAX])
    return m


@case("presence_defaults")
def presence_defaults():
    m = all_types.AllTypes(
        o_int32=0, o_int64=0, o_uint32=0, o_uint64=0, o_sint32=0, o_sint64=0, o_fixed32=0,
        o_fixed64=0, o_sfixed32=0, o_sfixed64=0, o_float=0.0, o_double=0.0, o_bool=False,
        o_string="", o_bytes=b"", o_enum=all_types.COLOR_UNSPECIFIED,
    )
    m.o_nested.SetInParent()
    return m


@case("presence_values")
def presence_values():
    m = all_types.AllTypes(
        o_int32=INT32_MIN, o_int64=INT64_MAX, o_uint32=UINT32_MAX, o_uint64=UINT64_MAX,
        o_sint32=INT32_MAX, o_sint64=INT64_MIN, o_fixed32=1, o_fixed64=UINT64_MAX, o_sfixed32=-1,
        o_sfixed64=INT64_MIN, o_float=-INF, o_double=-0.0, o_bool=True, o_string="日本語",
        o_bytes=b"\x00\xff", o_enum=all_types.COLOR_NEGATIVE,
    )
    m.o_nested.CopyFrom(nested(a=-1, b="x"))
    return m


@case("repeated")
def repeated():
    m = all_types.AllTypes()
    m.r_int32.extend([0, -1, 1, INT32_MIN, INT32_MAX])
    m.r_int64.extend([0, -1, INT64_MIN, INT64_MAX])
    m.r_uint32.extend([0, UINT32_MAX, 127, 128])
    m.r_uint64.extend([0, UINT64_MAX, 2**63])
    m.r_sint32.extend([0, -1, 1, INT32_MIN, INT32_MAX])
    m.r_sint64.extend([0, -1, 1, INT64_MIN, INT64_MAX])
    m.r_fixed32.extend([0, UINT32_MAX])
    m.r_fixed64.extend([0, UINT64_MAX])
    m.r_sfixed32.extend([INT32_MIN, -1, 0, INT32_MAX])
    m.r_sfixed64.extend([INT64_MIN, -1, 0, INT64_MAX])
    m.r_float.extend([1.5, -2.25])
    m.r_double.extend([1e100, -1e-100])
    m.r_bool.extend([True, False, True])
    m.r_string.extend(["", "a", "日本語", "🌍"])
    m.r_bytes.extend([b"", b"\x00", b"\xff\x00"])
    m.r_enum.extend([all_types.COLOR_UNSPECIFIED, all_types.COLOR_RED, all_types.COLOR_NEGATIVE, all_types.COLOR_BLUE])
    m.r_nested.extend([nested(), nested(a=1, b="x")])
    m.r_unpacked_int32.extend([0, -1, INT32_MAX])
    m.r_unpacked_enum.extend([all_types.COLOR_BLUE, all_types.COLOR_NEGATIVE, all_types.COLOR_UNSPECIFIED])
    return m


@case("maps")
def maps():
    m = all_types.AllTypes()
    m.m_int32_string.update({INT32_MIN: "min", -1: "", 0: "zero", INT32_MAX: "🌍"})
    m.m_int64_int64.update({INT64_MIN: INT64_MAX, -1: -1, 0: 0})
    m.m_uint32_uint32.update({0: 0, UINT32_MAX: UINT32_MAX, 1: 2})
    m.m_uint64_bytes.update({0: b"", UINT64_MAX: b"\x00\xff"})
    m.m_sint32_sint32.update({INT32_MIN: INT32_MAX, -1: 1, 0: 0})
    m.m_sint64_sint64.update({INT64_MIN: INT64_MAX, -1: 1})
    m.m_fixed32_fixed32.update({0: UINT32_MAX, UINT32_MAX: 0})
    m.m_fixed64_fixed64.update({0: UINT64_MAX, UINT64_MAX: 0})
    m.m_sfixed32_sfixed32.update({INT32_MIN: -1, INT32_MAX: 1})
    m.m_sfixed64_sfixed64.update({INT64_MIN: -1, INT64_MAX: 1})
    m.m_bool_bool.update({False: True, True: False})
    m.m_string_string.update({"": "", "a": "b", "ключ": "значение", "🌍": "🌍"})
    m.m_string_nested["empty"].SetInParent()
    m.m_string_nested["n"].CopyFrom(nested(a=1, b="x"))
    m.m_string_enum.update(
        {"red": all_types.COLOR_RED, "neg": all_types.COLOR_NEGATIVE, "zero": all_types.COLOR_UNSPECIFIED})
    m.m_int32_float.update({1: -0.0, 2: INF, 3: 1.5, 4: FLOAT_TRUE_MIN})
    m.m_int32_double.update({1: -0.0, 2: -INF, 3: DOUBLE_MAX, 4: 0.1})
    return m


@case("maps_single_entry")
def maps_single_entry():
    m = all_types.AllTypes()
    m.m_int32_string[0] = ""
    m.m_int64_int64[INT64_MIN] = -1
    m.m_uint32_uint32[UINT32_MAX] = 0
    m.m_uint64_bytes[UINT64_MAX] = b"\x00\xff"
    m.m_sint32_sint32[INT32_MIN] = INT32_MAX
    m.m_sint64_sint64[-1] = INT64_MIN
    m.m_fixed32_fixed32[UINT32_MAX] = 1
    m.m_fixed64_fixed64[1] = UINT64_MAX
    m.m_sfixed32_sfixed32[-1] = INT32_MIN
    m.m_sfixed64_sfixed64[INT64_MAX] = -1
    m.m_bool_bool[True] = False
    m.m_string_string["ключ"] = "значение"
    m.m_string_nested[""].SetInParent()
    m.m_string_enum["neg"] = all_types.COLOR_NEGATIVE
    m.m_int32_float[-1] = -0.0
    m.m_int32_double[INT32_MAX] = DOUBLE_TRUE_MIN
    return m


@case("oneof_uint32_zero")
def oneof_uint32_zero():
    return all_types.AllTypes(c_uint32=0)


@case("oneof_string_empty")
def oneof_string_empty():
    return all_types.AllTypes(c_string="")


@case("oneof_bytes")
def oneof_bytes():
    return all_types.AllTypes(c_bytes=b"\x00\xff")


@case("oneof_nested")
def oneof_nested():
    m = all_types.AllTypes()
    m.c_nested.CopyFrom(nested(a=1, recursive=all_types.AllTypes(c_string="inner")))
    return m


@case("oneof_enum_zero")
def oneof_enum_zero():
    return all_types.AllTypes(c_enum=all_types.COLOR_UNSPECIFIED)


@case("oneof_double")
def oneof_double():
    return all_types.AllTypes(c_double=-0.0)


def oneof_last_wins_wire():
    parts = [
        all_types.AllTypes(c_nested=nested(a=1)),
        all_types.AllTypes(c_string="x"),
        all_types.AllTypes(c_nested=nested(b="y")),
        all_types.AllTypes(c_nested=nested(recursive=all_types.AllTypes(f_int32=3))),
    ]
    return b"".join(part.SerializeToString() for part in parts)


@case("oneof_last_wins", wire=oneof_last_wins_wire)
def oneof_last_wins():
    # The second c_nested merges into the first; c_string in between cleared it.
    m = all_types.AllTypes()
    m.c_nested.CopyFrom(nested(b="y", recursive=all_types.AllTypes(f_int32=3)))
    return m


def merge_wire():
    first = all_types.AllTypes(f_int32=1, r_int32=[1], f_nested=nested(a=1), m_int32_string={1: "a"})
    second = all_types.AllTypes(f_int32=2, r_int32=[2], f_nested=nested(b="x"), m_int32_string={1: "b", 2: "c"})
    return first.SerializeToString() + second.SerializeToString()


@case("merge", wire=merge_wire)
def merge():
    # Scalars: last wins; repeated: appended; messages: merged; maps: last value per key.
    return all_types.AllTypes(
        f_int32=2, r_int32=[1, 2], f_nested=nested(a=1, b="x"), m_int32_string={1: "b", 2: "c"})


@case("recursion")
def recursion():
    deepest = all_types.AllTypes(c_nested=nested(b="deepest"))
    deep = all_types.AllTypes(f_string="deep", r_nested=[nested(recursive=deepest)])
    middle = all_types.AllTypes(f_int32=2, f_nested=nested(a=3, recursive=deep))
    m = all_types.AllTypes(f_nested=nested(a=1, recursive=middle))
    m.o_nested.CopyFrom(nested(recursive=all_types.AllTypes()))
    m.m_string_nested["r"].CopyFrom(nested(recursive=all_types.AllTypes(f_int32=9)))
    return m


@case("keywords")
def keywords():
    m = all_types.AllTypes()
    # Python keywords and clashing names, set by name.
    for name, value in [
        ("default", -1), ("class", "class"), ("self", True), ("type", 7), ("description", "desc"),
        ("hash_value", INT32_MIN), ("unknown_fields", "uf"), ("order_id", INT64_MAX),
        ("http_url", "https://example.com/ü"), ("f_last", "field 536870911"),
    ]:
        setattr(m, name, value)
    return m


@case("open_enum_unknown")
def open_enum_unknown():
    # Numbers the enums do not declare: proto3 enums are open and keep them.
    m = all_types.AllTypes(f_enum=7, f_mood=5, o_enum=99, c_enum=12345)
    m.r_enum.extend([1, 42, -5, 0])
    m.r_unpacked_enum.extend([1000, 2])
    m.m_string_enum.update({"x": 77, "y": -2})
    return m


@case("everything")
def everything():
    # Every field kind at once: these cases set disjoint fields, so merging them is their union.
    m = all_types.AllTypes()
    for part in (scalars_ordinary, presence_values, repeated, maps, keywords, oneof_nested):
        m.MergeFrom(part())
    return m


# MARK: proto2 (proto2_types.proto)


@case("p2_required_only")
def p2_required_only():
    return proto2.Proto2Types(id=0)


@case("p2_defaults_set")
def p2_defaults_set():
    # Every optional field set to its declared default: set, so written.
    return proto2.Proto2Types(
        id=1, name="unnamed", i32=-42, i64=-9_000_000_000, u32=4_000_000_000,
        u64=18_000_000_000_000_000_000, s32=-7, s64=-77, fx32=9, fx64=99, sfx32=-9, sfx64=-99,
        f=1.5, d=-2.25e10, b=True, raw=b'a\x01\xff"z', size=proto2.SIZE_MEDIUM, inf=INF,
    )


@case("p2_values")
def p2_values():
    m = proto2.Proto2Types(
        id=INT32_MIN, name="", i32=INT32_MAX, i64=INT64_MIN, u32=0, u64=UINT64_MAX, s32=INT32_MIN,
        s64=INT64_MAX, fx32=UINT32_MAX, fx64=0, sfx32=INT32_MIN, sfx64=INT64_MAX, f=-0.0, d=-INF,
        b=False, raw=b"", size=proto2.SIZE_SMALL, inf=DOUBLE_TRUE_MIN, nan=1.0,
    )
    m.unpacked.extend([-1, 0, INT32_MAX])
    m.packed.extend([INT32_MIN, -1, 0, 1])
    m.sizes.extend([proto2.SIZE_LARGE, proto2.SIZE_SMALL])
    m.packed_sizes.extend([proto2.SIZE_MEDIUM, proto2.SIZE_LARGE])
    m.point.x = 0
    m.point.y = -1
    m.entry.add(key="a", value=INT64_MIN)
    m.entry.add()
    m.entry.add(key="日本")
    m.child.id = 2
    m.child.child.id = 3
    m.child.child.name = "grandchild"
    m.inner.label = ""
    m.inners[""].label = "🌍"
    return m


@case("p2_nan")
def p2_nan():
    return proto2.Proto2Types(id=1, f=NAN, d=NAN, nan=NAN)


def closed_enum_unknown_wire():
    packed_sizes = varint(3) + varint(77) + varint(1)
    return (
        tag(1, 0) + varint(1)
        + tag(17, 0) + varint(9)  # size: no Size has number 9
        + tag(23, 0) + varint(2) + tag(23, 0) + varint(42)  # sizes (unpacked): MEDIUM, 42
        + tag(24, 2) + varint(len(packed_sizes)) + packed_sizes  # packed_sizes: LARGE, 77, SMALL
    )


@case("p2_closed_enum_unknown", wire=closed_enum_unknown_wire)
def p2_closed_enum_unknown():
    # Closed enums send numbers they do not declare to the unknown fields, in the order read; an
    # unknown element of a packed field becomes a varint field of its own.
    m = proto2.Proto2Types(id=1, sizes=[proto2.SIZE_MEDIUM], packed_sizes=[proto2.SIZE_LARGE, proto2.SIZE_SMALL])
    m.MergeFromString(tag(17, 0) + varint(9) + tag(23, 0) + varint(42) + tag(24, 0) + varint(77))
    return m


def ext_enum_unknown_wire():
    return tag(1, 0) + varint(1) + tag(104, 0) + varint(50)


@case("p2_ext_enum_unknown", wire=ext_enum_unknown_wire)
def p2_ext_enum_unknown():
    # ext_size is a closed enum too: an undeclared number stays an unknown field.
    m = proto2.Proto2Types(id=1)
    m.MergeFromString(tag(104, 0) + varint(50))
    return m


@case("p2_extensions")
def p2_extensions():
    m = proto2.Proto2Types(id=1)
    m.Extensions[proto2.ext_int32] = -1
    m.Extensions[proto2.ext_string] = "ü"
    m.Extensions[proto2.ext_repeated].extend([INT64_MIN, 0, INT64_MAX])
    m.Extensions[proto2.ext_packed].extend([-1, 0, 1, INT32_MIN])
    m.Extensions[proto2.ext_size] = proto2.SIZE_LARGE
    m.Extensions[proto2.ext_inner].label = "in"
    m.Extensions[proto2.extgroup].g = 5
    m.Extensions[proto2.ext_bytes] = b"\x00\xff"
    m.Extensions[proto2.Holder.nested_ext].note = "held"
    return m


@case("p2_missing_required", partial=True)
def p2_missing_required():
    # `child` and `point` lack their required fields: valid only as a partial message.
    m = proto2.Proto2Types(id=1)
    m.child.name = "no id"
    m.point.y = 1
    return m


# MARK: Comparison


def canonical(message):
    """A comparable, printable view: every set field by name (extensions in brackets), floats
    with their bit patterns, enums with their numbers, and the unknown fields as raw bytes."""
    view = {}
    for field, value in message.ListFields():
        name = "[%s]" % field.full_name if field.is_extension else field.name
        view[name] = canonical_field(field, value)
    unknown = unknown_bytes(message)
    if unknown:
        view["<unknown fields>"] = unknown.hex()
    return view


def canonical_field(field, value):
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        key_field = field.message_type.fields_by_name["key"]
        value_field = field.message_type.fields_by_name["value"]
        return {
            repr(canonical_value(key_field, key)): canonical_value(value_field, value[key])
            for key in sorted(value)
        }
    if field.is_repeated:
        return [canonical_value(field, element) for element in value]
    return canonical_value(field, value)


def canonical_value(field, value):
    if field.type in (field.TYPE_MESSAGE, field.TYPE_GROUP):
        return canonical(value)
    if field.type == field.TYPE_FLOAT:
        return "%r (0x%s)" % (value, struct.pack(">f", value).hex())
    if field.type == field.TYPE_DOUBLE:
        return "%r (0x%s)" % (value, struct.pack(">d", value).hex())
    if field.type == field.TYPE_BYTES:
        return "bytes " + value.hex()
    if field.type == field.TYPE_ENUM:
        known = field.enum_type.values_by_number.get(value)
        return "%s (%d)" % (known.name if known else "unknown", value)
    return value


def unknown_bytes(message):
    """This message's own unknown fields, encoded (nested messages report theirs)."""
    rest = type(message)()
    rest.CopyFrom(message)
    for field, _ in rest.ListFields():
        if field.is_extension:
            rest.ClearExtension(field)
        else:
            rest.ClearField(field.name)
    return rest.SerializePartialToString()


def render(view):
    return json.dumps(view, indent=2, sort_keys=True, ensure_ascii=False).splitlines()


def check(case_name, path):
    """Returns None when the bytes in `path` decode to the case's message, else a report."""
    expected = CASES[case_name].build()
    with open(path, "rb") as f:
        data = f.read()
    decoded = type(expected)()
    try:
        decoded.ParseFromString(data)
    except Exception as error:  # DecodeError, or missing required fields
        return "Google's protobuf could not decode %s (%d bytes: %s): %s" % (path, len(data), data.hex(), error)
    got, want = canonical(decoded), canonical(expected)
    if got == want and decoded == expected:
        return None
    lines = difflib.unified_diff(
        render(want), render(got), "expected (Python)", "decoded (room619's bytes)", lineterm="")
    report = "\n".join(lines) or "(canonical views agree, but the messages differ under ==)"
    return "%s: %s differs from case %s:\n%s\nbytes: %s" % (
        os.path.basename(path), expected.DESCRIPTOR.full_name, case_name, report, data.hex())


# MARK: Commands


def generate(proto_root, out_dir):
    import grpc_tools

    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    files = ["room619/testing/v1/all_types.proto", "room619/testing/v1/proto2_types.proto"]
    os.makedirs(out_dir, exist_ok=True)
    command = [sys.executable, "-m", "grpc_tools.protoc", "-I", proto_root, "-I", include,
               "--python_out=" + out_dir] + files
    return subprocess.run(command).returncode


def load_generated(directory):
    global all_types, proto2
    sys.path.insert(0, directory)
    from room619.testing.v1 import all_types_pb2, proto2_types_pb2

    all_types, proto2 = all_types_pb2, proto2_types_pb2


def main(argv):
    parser = argparse.ArgumentParser(description="Cross-checks room619's protobuf runtime against Google's.")
    parser.add_argument("--generated", help="the directory `generate` wrote the _pb2 modules to")
    commands = parser.add_subparsers(dest="command", required=True)
    generate_command = commands.add_parser("generate", help="generate the _pb2 modules")
    generate_command.add_argument("proto_root")
    generate_command.add_argument("out_dir")
    check_command = commands.add_parser("check", help="decode files and compare them with a case")
    check_command.add_argument("case", choices=sorted(CASES))
    check_command.add_argument("files", nargs="+")
    encode_command = commands.add_parser("encode", help="write a case's encoding to a file")
    encode_command.add_argument("case", choices=sorted(CASES))
    encode_command.add_argument("file")
    arguments = parser.parse_args(argv)

    if arguments.command == "generate":
        return generate(arguments.proto_root, arguments.out_dir)
    if not arguments.generated:
        parser.error("%s needs --generated" % arguments.command)
    load_generated(arguments.generated)
    if arguments.command == "encode":
        with open(arguments.file, "wb") as f:
            f.write(CASES[arguments.case].encode())
        return 0
    reports = [report for report in (check(arguments.case, path) for path in arguments.files) if report]
    for report in reports:
        print(report, file=sys.stderr)
    return 1 if reports else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
