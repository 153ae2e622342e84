"""Protos/buf/validate/validate.proto is a wire contract: its package, messages, enums, field
names, numbers, types, labels, oneofs, reserved ranges and extensions must equal upstream's, as
the PyPI `protovalidate` wheel ships them (its generated validate_pb.py embeds the serialized
FileDescriptorProto). Comments, options and json names may differ: ours are our own words, and
we leave out upstream's CEL text of each standard rule (room619 implements those rules natively).

    .venv/bin/python -m pytest -q -p no:cacheprovider Tests/Validation/contract
"""

import importlib
import subprocess
import sys
from pathlib import Path

import grpc_tools
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parents[3]


def upstream_descriptor():
    """The FileDescriptorProto the wheel's validate_pb.py registers, captured as it loads."""
    import protobuf._codegen as codegen

    captured = []
    original = codegen.file_desc

    def spy(serialized, *args, **kwargs):
        captured.append(serialized)
        return original(serialized, *args, **kwargs)

    codegen.file_desc = spy
    try:
        sys.modules.pop("protovalidate._gen.buf.validate.validate_pb", None)
        importlib.import_module("protovalidate._gen.buf.validate.validate_pb")
    finally:
        codegen.file_desc = original
    assert captured, "validate_pb.py registered no file descriptor"
    return descriptor_pb2.FileDescriptorProto.FromString(captured[0])


def our_descriptor(tmp_path):
    out = tmp_path / "ours.pb"
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{ROOT / 'Protos'}", f"-I{well_known}",
         f"--descriptor_set_out={out}", "buf/validate/validate.proto"],
        check=True,
    )
    files = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file
    return next(f for f in files if f.name == "buf/validate/validate.proto")


def wire_contract(file):
    """The file without what may differ: options, json names, source info."""
    file = descriptor_pb2.FileDescriptorProto.FromString(file.SerializeToString())
    file.ClearField("options")
    file.ClearField("source_code_info")

    def strip_message(message):
        message.ClearField("options")
        for field in list(message.field) + list(message.extension):
            field.ClearField("options")
            field.ClearField("json_name")
        for oneof in message.oneof_decl:
            oneof.ClearField("options")
        for nested in message.nested_type:
            strip_message(nested)
        for enum in message.enum_type:
            strip_enum(enum)

    def strip_enum(enum):
        enum.ClearField("options")
        for value in enum.value:
            value.ClearField("options")

    for message in file.message_type:
        strip_message(message)
    for enum in file.enum_type:
        strip_enum(enum)
    for extension in file.extension:
        extension.ClearField("options")
        extension.ClearField("json_name")
    return file


def test_validate_proto_matches_upstream(tmp_path):
    ours = wire_contract(our_descriptor(tmp_path))
    upstream = wire_contract(upstream_descriptor())
    assert ours.package == upstream.package == "buf.validate"
    assert [m.name for m in ours.message_type] == [m.name for m in upstream.message_type]
    for mine, theirs in zip(ours.message_type, upstream.message_type):
        assert mine == theirs, f"message {mine.name} differs from upstream"
    assert list(ours.enum_type) == list(upstream.enum_type)
    assert [(e.name, e.number, e.extendee, e.type_name) for e in ours.extension] == [
        (e.name, e.number, e.extendee, e.type_name) for e in upstream.extension
    ]
    assert ours == upstream


def test_extension_numbers_users_rely_on(tmp_path):
    extensions = {e.name: (e.extendee, e.number) for e in our_descriptor(tmp_path).extension}
    assert extensions == {
        "message": (".google.protobuf.MessageOptions", 1159),
        "oneof": (".google.protobuf.OneofOptions", 1159),
        "field": (".google.protobuf.FieldOptions", 1159),
        "predefined": (".google.protobuf.FieldOptions", 1160),
    }
