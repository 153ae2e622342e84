"""Cross-checks room619's proto3 JSON mapping against Google's (json_format, from .venv).

Driven by Tests/ContractsTests/CrossCheckJSONTests.swift, which sends every case in one batch so
one Python process answers them all. Messages travel as hex of their binary encoding: the binary
cross-checks (crosscheck.py) already hold that encoding equal on both sides. Commands:

  json_check.py generate PROTO_ROOT OUT_DIR
      Generates the _pb2 modules for the test contracts with grpc_tools' protoc.
  json_check.py --generated OUT_DIR batch REQUESTS ANSWERS
      Answers each request of the JSON array in REQUESTS, writing {id: answer} to ANSWERS.
      A request has an "op", the message "type" (full name) and "options"
      (preserveProtoFieldNames, emitDefaultValues, ignoreUnknownFields):
        message     "binary" is a message and "swiftJSON" room619's JSON for it (null if room619
                    could not write it). Reading swiftJSON must give "readsBackAs" (default: the
                    message; see "Reading room619's JSON" for two json_format quirks worked
                    around); MessageToJson(message) must be the same JSON value as swiftJSON
                    (compared by field type, see json_difference), and is returned as
                    "pythonJSON" for room619 to read.
        read        Parse("json") must give "expected".
        reject      Parse("json") must fail.
        unwritable  MessageToJson("binary") must fail.
      An answer is {"problems": [text…], "pythonJSON": text or null, "error": text or null};
      "error" is Python's exception when it failed (as reject and unwritable want).
"""

import argparse
import difflib
import json
import math
import os
import struct
import subprocess
import sys

from google.protobuf import descriptor_pool
from google.protobuf import json_format
from google.protobuf import message_factory

PROTOS = [
    "room619/testing/v1/all_types.proto",
    "room619/testing/v1/json_types.proto",
    "room619/testing/v1/proto2_types.proto",
]


def message_class(full_name):
    return message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(full_name))


def from_hex(full_name, text):
    message = message_class(full_name)()
    message.ParseFromString(bytes.fromhex(text))
    return message


# MARK: Comparing messages


def canonical(message):
    """A comparable, printable view of a message: every set field by name, floats with their bit
    patterns, enums with their numbers, and an Any's held message unpacked (its bytes depend on
    each encoder's map order). JSON has no unknown fields, so they are left out."""
    if message.DESCRIPTOR.full_name == "google.protobuf.Any" and message.type_url:
        try:
            held = message_class(message.type_url.split("/")[-1])()
            held.ParseFromString(message.value)
            return {"@type": message.type_url, "held": canonical(held)}
        except Exception:  # an unknown type or bad bytes: compare the raw fields
            pass
    view = {}
    for field, value in message.ListFields():
        name = "[%s]" % field.full_name if field.is_extension else field.name
        view[name] = canonical_field(field, value)
    return view


def canonical_field(field, value):
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        key_field = field.message_type.fields_by_name["key"]
        value_field = field.message_type.fields_by_name["value"]
        return {repr(key): canonical_value(value_field, value[key]) for key in sorted(value)}
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


def message_difference(want, got, want_label, got_label):
    """None when the messages are equal, else a unified diff of their canonical views."""
    want_view, got_view = canonical(want), canonical(got)
    if want_view == got_view:
        return None
    return "\n".join(difflib.unified_diff(render(want_view), render(got_view), want_label, got_label, lineterm=""))


# MARK: Comparing JSON


class Number:
    """A JSON number's text, kept so each field's type decides how to read it (json.loads would
    read `-0` as the integer 0, losing the sign)."""

    def __init__(self, text):
        self.text = text


WRAPPERS = {
    "google.protobuf.%s" % name
    for name in ["DoubleValue", "FloatValue", "Int64Value", "UInt64Value", "Int32Value", "UInt32Value",
                 "BoolValue", "StringValue", "BytesValue"]
}
STRING_FORMS = {"google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask"}
VALUE_FORMS = {"google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"}


def json_difference(swift_text, python_text, full_name):
    """None when both texts are the same JSON value for a `full_name` message, else a diff.

    Values are compared as their field types read them: float fields by float32 bits (`1e-45` and
    `1.401298464324817e-45` are the same float), double fields by bits (`1` and `1.0` are equal,
    `-0` and `0` are not), integers by value; object member order does not matter."""
    descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    swift = typed_message(load_numbers(swift_text), descriptor)
    python = typed_message(load_numbers(python_text), descriptor)
    if swift == python:
        return None
    return "\n".join(difflib.unified_diff(render(python), render(swift), "Python", "room619", lineterm=""))


def load_numbers(text):
    return json.loads(text, parse_int=Number, parse_float=Number, parse_constant=Number)


def typed_message(value, descriptor):
    full_name = descriptor.full_name
    if full_name in WRAPPERS:
        return typed_value(value, descriptor.fields_by_name["value"])
    if full_name == "google.protobuf.Any" and isinstance(value, dict) and isinstance(value.get("@type"), str):
        return typed_any(value)
    if full_name in STRING_FORMS or full_name in VALUE_FORMS or not isinstance(value, dict):
        return untyped(value)
    fields = {field.json_name: field for field in descriptor.fields}
    fields.update(descriptor.fields_by_name)
    view = {}
    for key, member in value.items():
        field = fields.get(key)
        if field is None and key.startswith("[") and key.endswith("]"):
            try:
                field = descriptor_pool.Default().FindExtensionByName(key[1:-1])
            except KeyError:
                field = None
        view[key] = untyped(member) if field is None else typed_field(member, field)
    return view


def typed_any(value):
    url = value["@type"]
    try:
        held = descriptor_pool.Default().FindMessageTypeByName(url.split("/")[-1])
    except KeyError:
        return untyped(value)
    if held.full_name in WRAPPERS or held.full_name in STRING_FORMS or held.full_name in VALUE_FORMS:
        view = {key: untyped(member) for key, member in value.items() if key != "value"}
        if "value" in value:
            view["value"] = typed_message(value["value"], held)
        return view
    view = typed_message({key: member for key, member in value.items() if key != "@type"}, held)
    view["@type"] = url
    return view


def typed_field(value, field):
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        if not isinstance(value, dict):
            return untyped(value)
        value_field = field.message_type.fields_by_name["value"]
        return {key: typed_value(member, value_field) for key, member in value.items()}
    if field.is_repeated and isinstance(value, list):
        return [typed_value(element, field) for element in value]
    return typed_value(value, field)


def typed_value(value, field):
    if field.type in (field.TYPE_MESSAGE, field.TYPE_GROUP):
        return typed_message(value, field.message_type)
    if not isinstance(value, Number):
        return untyped(value)
    if field.type == field.TYPE_FLOAT:
        return "<float 0x%s>" % struct.pack(">f", float(value.text)).hex()
    if field.type == field.TYPE_DOUBLE:
        return "<double %s>" % float(value.text).hex()
    try:
        return "<integer %d>" % int(value.text)
    except ValueError:
        return "<integer %r>" % float(value.text)


def untyped(value):
    """A JSON value of no particular field type: numbers as doubles (Struct and Value hold those)."""
    if isinstance(value, Number):
        return "<number %s>" % float(value.text).hex()
    if isinstance(value, list):
        return [untyped(element) for element in value]
    if isinstance(value, dict):
        return {key: untyped(member) for key, member in value.items()}
    return value


def render(view):
    return json.dumps(view, indent=1, sort_keys=True, ensure_ascii=False).splitlines()


# MARK: Reading room619's JSON

# json_format reads as json.loads, then ParseDict. Two of its reading quirks would hide the rest
# of a message, so reading room619's JSON works around them (reading a case's own JSON does not):
# - json.loads reads `-0` as the integer 0, so a double loses the sign of -0.0 (room619 writes
#   `-0`, as C++ protobuf does; json_format itself writes `-0.0`).
# - json_format compares a float field's value with the double nearest FLT_MAX, so it rejects
#   `3.4028235e+38`, the text it (and every protobuf) writes for the largest float.
FLOAT_MAX_TEXT_VALUE = 3.4028235e38
FLOAT_MAX = struct.unpack(">f", bytes.fromhex("7f7fffff"))[0]


def read_int(text):
    return -0.0 if text == "-0" else int(text)


def read_float(text):
    value = float(text)
    if abs(value) == FLOAT_MAX_TEXT_VALUE:
        return math.copysign(FLOAT_MAX, value)
    return value


def reject_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise json_format.ParseError("duplicate key %s" % key)
        result[key] = value
    return result


def parse_room619_json(text, full_name, options):
    js = json.loads(text, object_pairs_hook=reject_duplicates, parse_int=read_int, parse_float=read_float)
    return json_format.ParseDict(
        js, message_class(full_name)(), ignore_unknown_fields=options.get("ignoreUnknownFields", False))


# MARK: Requests


def print_json(message, options):
    return json_format.MessageToJson(
        message,
        preserving_proto_field_name=options.get("preserveProtoFieldNames", False),
        always_print_fields_with_no_presence=options.get("emitDefaultValues", False),
    )


def parse_json(text, full_name, options):
    return json_format.Parse(
        text, message_class(full_name)(), ignore_unknown_fields=options.get("ignoreUnknownFields", False))


def describe(error):
    return "%s: %s" % (type(error).__name__, error)


def answer_message(request, answer):
    full_name, options = request["type"], request["options"]
    message = from_hex(full_name, request["binary"])
    swift_text = request.get("swiftJSON")
    if swift_text is not None:
        expected = from_hex(full_name, request["readsBackAs"]) if request.get("readsBackAs") else message
        try:
            parsed = parse_room619_json(swift_text, full_name, options)
            difference = message_difference(expected, parsed, "expected", "json_format.ParseDict(room619's JSON)")
            if difference:
                answer["problems"].append("Python reads room619's JSON differently:\n" + difference)
        except Exception as error:  # ParseError, or a bug in json_format
            answer["problems"].append("Python cannot read room619's JSON: " + describe(error))
    try:
        answer["pythonJSON"] = print_json(message, options)
    except Exception as error:
        answer["error"] = describe(error)
        answer["problems"].append("Python cannot write the message: " + describe(error))
        return
    if swift_text is not None:
        difference = json_difference(swift_text, answer["pythonJSON"], full_name)
        if difference:
            answer["problems"].append("room619 and Python write different JSON:\n" + difference)


def answer_read(request, answer):
    full_name = request["type"]
    try:
        parsed = parse_json(request["json"], full_name, request["options"])
    except Exception as error:
        answer["error"] = describe(error)
        answer["problems"].append("Python rejects the JSON: " + describe(error))
        return
    expected = from_hex(full_name, request["expected"])
    difference = message_difference(expected, parsed, "expected", "json_format.Parse")
    if difference:
        answer["problems"].append("Python reads the JSON differently:\n" + difference)


def answer_reject(request, answer):
    try:
        parsed = parse_json(request["json"], request["type"], request["options"])
    except Exception as error:
        answer["error"] = describe(error)
        return
    answer["problems"].append("Python accepts the JSON, reading:\n" + "\n".join(render(canonical(parsed))))


def answer_unwritable(request, answer):
    message = from_hex(request["type"], request["binary"])
    try:
        text = print_json(message, request["options"])
    except Exception as error:
        answer["error"] = describe(error)
        return
    answer["pythonJSON"] = text
    answer["problems"].append("Python writes the message as " + text)


ANSWERERS = {
    "message": answer_message,
    "read": answer_read,
    "reject": answer_reject,
    "unwritable": answer_unwritable,
}


def batch(requests_path, answers_path):
    with open(requests_path, encoding="utf-8") as f:
        requests = json.load(f)
    answers = {}
    for request in requests:
        answer = {"problems": [], "pythonJSON": None, "error": None}
        try:
            ANSWERERS[request["op"]](request, answer)
        except Exception as error:  # a broken request: report it against its case
            answer["problems"].append("json_check.py failed on this request: " + describe(error))
        answers[request["id"]] = answer
    with open(answers_path, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    return 0


# MARK: Commands


def generate(proto_root, out_dir):
    import grpc_tools

    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    os.makedirs(out_dir, exist_ok=True)
    command = [sys.executable, "-m", "grpc_tools.protoc", "-I", proto_root, "-I", include,
               "--python_out=" + out_dir] + PROTOS
    return subprocess.run(command).returncode


def load_generated(directory):
    """Imports the generated modules, which registers their types in the default pool."""
    sys.path.insert(0, directory)
    from room619.testing.v1 import all_types_pb2, json_types_pb2, proto2_types_pb2  # noqa: F401


def main(argv):
    parser = argparse.ArgumentParser(description="Cross-checks room619's JSON mapping against json_format.")
    parser.add_argument("--generated", help="the directory `generate` wrote the _pb2 modules to")
    commands = parser.add_subparsers(dest="command", required=True)
    generate_command = commands.add_parser("generate", help="generate the _pb2 modules")
    generate_command.add_argument("proto_root")
    generate_command.add_argument("out_dir")
    batch_command = commands.add_parser("batch", help="answer a file of requests")
    batch_command.add_argument("requests")
    batch_command.add_argument("answers")
    arguments = parser.parse_args(argv)

    if arguments.command == "generate":
        return generate(arguments.proto_root, arguments.out_dir)
    if not arguments.generated:
        parser.error("batch needs --generated")
    load_generated(arguments.generated)
    return batch(arguments.requests, arguments.answers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
