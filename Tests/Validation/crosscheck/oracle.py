"""protovalidate 2.1.0 (PyPI; its Rust core behind a Python API) as the validation oracle.

`Contracts` compiles the test contracts against upstream's `buf/validate/validate.proto`, whose
descriptor is read at run time from the protovalidate wheel (nothing of it is in the
repository), with the protoc bundled in grpcio-tools. It gives two views of each message type:

- the `google.protobuf` class (`_pb2`), to build messages and print them in text format;
- the protobuf-py class (the `protobuf` package, protovalidate's native message type), which the
  oracle validates. protovalidate visits map entries in the message's iteration order; a
  protobuf-py map keeps wire order, so a message decoded from bytes whose map entries are sorted
  by key (Google's deterministic serialization) is visited in key order, which is the order
  room619's generated validators use. (Over a `google.protobuf` message the order would be upb's
  hash-table order, which no other implementation can reproduce.)

`Oracle.check(type_name, data)` decodes `data` as the protobuf-py message and returns a
`Verdict`: the violations as (field path in text form, rule id, for_key) in protovalidate's
order, or the evaluation error protovalidate raised instead.
"""

import importlib
import os
import subprocess
import sys
from dataclasses import dataclass, field

from google.protobuf import any_pb2, descriptor_pb2, duration_pb2, empty_pb2, field_mask_pb2
from google.protobuf import message_factory, timestamp_pb2, wrappers_pb2

import protovalidate
from protobuf._codegen import file_desc
from protobuf.wkt.google.protobuf import any_pb, descriptor_pb, duration_pb, empty_pb, field_mask_pb
from protobuf.wkt.google.protobuf import timestamp_pb, wrappers_pb
from protovalidate._gen.buf.validate import validate_pb

PACKAGE = "room619.testing.validation.v1"
VALIDATE_PROTO = "buf/validate/validate.proto"

# The well-known files the test contracts and validate.proto import: Google's descriptors (for
# protoc and the _pb2 modules) and protobuf-py's (for the oracle's message classes).
_WELL_KNOWN = [
    (descriptor_pb2, descriptor_pb),
    (duration_pb2, duration_pb),
    (field_mask_pb2, field_mask_pb),
    (timestamp_pb2, timestamp_pb),
    (any_pb2, any_pb),
    (wrappers_pb2, wrappers_pb),
    (empty_pb2, empty_pb),
]


def proto_root():
    """The directory holding the test contracts (`room619/testing/validation/v1/*.proto`)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "protos")


def contract_files(root=None):
    """The test contracts, as paths relative to the proto root, sorted."""
    root = root or proto_root()
    files = []
    for directory, _, names in os.walk(root):
        for name in names:
            if name.endswith(".proto"):
                files.append(os.path.relpath(os.path.join(directory, name), root))
    return sorted(files)


class Contracts:
    """The test contracts, compiled into `work_dir` for both protobuf runtimes."""

    def __init__(self, work_dir, root=None, files=None):
        self.root = root or proto_root()
        self.files = files or contract_files(self.root)
        self.work_dir = work_dir
        generated = os.path.join(work_dir, "generated")
        os.makedirs(generated, exist_ok=True)
        upstream = os.path.join(work_dir, "upstream.pb")
        with open(upstream, "wb") as out:
            out.write(self._upstream_descriptor_set().SerializeToString())
        compiled = os.path.join(work_dir, "contracts.pb")
        command = [
            sys.executable, "-m", "grpc_tools.protoc", f"--descriptor_set_in={upstream}", "-I", self.root,
            f"--python_out={generated}", f"--descriptor_set_out={compiled}", "--include_imports",
            *self.files, VALIDATE_PROTO,
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"protoc failed on the test contracts:\n{result.stderr}")
        if generated not in sys.path:
            sys.path.insert(0, generated)
        self.pb2 = {}
        for name in self.files:
            module = importlib.import_module(name[: -len(".proto")].replace("/", ".") + "_pb2")
            self.pb2[name] = module
        self.descriptor_set = descriptor_pb2.FileDescriptorSet()
        with open(compiled, "rb") as data:
            self.descriptor_set.ParseFromString(data.read())
        self._native = self._native_files()

    @staticmethod
    def _upstream_descriptor_set():
        """validate.proto from the protovalidate wheel, with the well-known files it imports."""
        files = descriptor_pb2.FileDescriptorSet()
        for google_module, _ in _WELL_KNOWN:
            files.file.add().ParseFromString(google_module.DESCRIPTOR.serialized_pb)
        files.file.add().ParseFromString(validate_pb._DESC.proto.to_binary())
        return files

    def _native_files(self):
        """protobuf-py descriptors of the test contracts, built from the compiled set."""
        known = {module.desc().name: module.desc() for _, module in _WELL_KNOWN}
        known[VALIDATE_PROTO] = validate_pb._DESC
        for proto in self.descriptor_set.file:  # --include_imports writes dependencies first
            if proto.name in known:
                continue
            dependencies = [known[name] for name in proto.dependency]
            known[proto.name] = file_desc(proto.SerializeToString(), dependencies, {})
        return known

    def google_class(self, type_name):
        """The `google.protobuf` class of a message (`room619.testing.validation.v1.Item`)."""
        from google.protobuf import symbol_database

        return symbol_database.Default().GetSymbol(type_name)

    def native_class(self, type_name):
        """The protobuf-py class of a message, which the oracle validates."""
        for desc in self._native.values():
            found = _find_message(desc.messages, type_name)
            if found is not None:
                return found.type
        raise KeyError(type_name)

    def message_names(self):
        """Every top-level message of the test contracts, in file and declaration order."""
        names = []
        for proto in self.descriptor_set.file:
            if proto.name in self.files:
                names += [f"{proto.package}.{message.name}" for message in proto.message_type]
        return names


def _find_message(messages, type_name):
    for desc in messages:
        if desc.type_name == type_name:
            return desc
        nested = _find_message(desc.nested_messages, type_name)
        if nested is not None:
            return nested
    return None


@dataclass
class Verdict:
    """What protovalidate says about one message."""

    violations: list = field(default_factory=list)  # [(path, rule_id, for_key)]
    error: str = None  # the EvaluationError, when one was raised instead
    first_rendered: str = None  # protovalidate's own text for the first violation's path

    @property
    def kind(self):
        if self.error is not None:
            return "error"
        return "invalid" if self.violations else "valid"


class Oracle:
    """protovalidate's verdicts on encoded messages of the test contracts."""

    def __init__(self, contracts):
        self.contracts = contracts
        self.validator = protovalidate.Validator()
        self._classes = {}

    def decode(self, type_name, data):
        cls = self._classes.get(type_name)
        if cls is None:
            cls = self._classes[type_name] = self.contracts.native_class(type_name)
        return cls.from_binary(data)

    @staticmethod
    def canonical_bytes(message):
        """`message` (a `google.protobuf` message) encoded with its fields in number order and
        every map's entries in key order, at every depth: integers by value, `false` before
        `true`, strings by their UTF-8 bytes. Decoded by protobuf-py, the oracle then visits map
        entries in that order. (Neither runtime's own encoder helps: upb's deterministic mode
        does not order string keys by their bytes, and protobuf-py writes map entries last to
        first.)"""
        return canonical_bytes(message)

    def check(self, type_name, data):
        """protovalidate's verdict on `data`, decoded as `type_name`."""
        message = self.decode(type_name, data)
        try:
            violations = self.validator.collect_violations(message)
        except protovalidate.EvaluationError as error:
            return Verdict(error=str(error))
        verdict = Verdict(violations=[to_triple(v.proto) for v in violations])
        if violations:
            verdict.first_rendered = self._rendered_first_path(message)
        return verdict

    def _rendered_first_path(self, message):
        """protovalidate's own rendering of the first violation's path, from its error text
        (`items[2].sku: must be …, and 3 more violations`), to check `render_path` against."""
        try:
            self.validator.validate(message)
        except protovalidate.ValidationError as error:
            return str(error)
        return None


def canonical_bytes(message):
    """See `Oracle.canonical_bytes`."""
    out = bytearray()
    for desc, value in message.ListFields():  # in field-number order
        if desc.message_type is not None and desc.message_type.GetOptions().map_entry:
            entry_class = message_factory.GetMessageClass(desc.message_type)
            value_desc = desc.message_type.fields_by_name["value"]
            for key in sorted(value.keys(), key=_key_order):
                if value_desc.message_type is not None:
                    entry = entry_class(key=key).SerializeToString() + _length_delimited(2, canonical_bytes(value[key]))
                else:
                    entry = entry_class(key=key, value=value[key]).SerializeToString()
                out += _length_delimited(desc.number, entry)
        elif desc.message_type is not None:
            items = value if desc.is_repeated else [value]
            for item in items:
                out += _length_delimited(desc.number, canonical_bytes(item))
        else:
            alone = type(message)()
            if desc.is_repeated:
                getattr(alone, desc.name).extend(value)
            else:
                setattr(alone, desc.name, value)
            out += alone.SerializeToString()
    return bytes(out)


def _length_delimited(number, payload):
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _key_order(key):
    return key.encode("utf-8") if isinstance(key, str) else key


def to_triple(violation):
    """(path text, rule id, for_key) of a `buf.validate.Violation`."""
    elements = violation.field.elements if violation.field is not None else []
    return (render_path(elements), violation.rule_id, bool(violation.for_key))


def render_path(elements):
    """A `buf.validate.FieldPath`'s elements in protovalidate's text form: `a.b[2].c["k"]`.

    Names join with dots; a list index, an integer or bool key follows in brackets; a string key
    is quoted, escaping `\\`, `"`, newline and carriage return (what protovalidate's error text
    does; every other character, tab and other control characters included, is written as is).
    """
    text = ""
    for element in elements:
        if text:
            text += "."
        text += element.field_name
        subscript = element.subscript
        if subscript is None:
            continue
        kind, value = subscript.field, subscript.value
        if kind == "string_key":
            text += "[" + quote(value) + "]"
        elif kind == "bool_key":
            text += "[true]" if value else "[false]"
        elif kind in ("index", "int_key", "uint_key"):
            text += f"[{value}]"
        else:
            raise ValueError(f"unknown field path subscript {kind}")
    return text


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def quote(key):
    """A string map key as protovalidate's error text quotes it."""
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in key) + '"'
