"""Protos/google/api/{http,annotations,field_behavior,httpbody}.proto are wire contracts: their
packages, messages, enums, fields, numbers, oneofs and extensions must equal googleapis' own, as
PyPI's googleapis-common-protos (pinned in requirements.txt) ships them. Comments and json names
may differ (ours are our own words).

    .venv/bin/python -m pytest -q -p no:cacheprovider Tests/Contracts
"""

import subprocess
import sys
from pathlib import Path

import grpc_tools
import pytest
from google.api import annotations_pb2, field_behavior_pb2, http_pb2, httpbody_pb2
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parents[2]
MODULES = [http_pb2, annotations_pb2, field_behavior_pb2, httpbody_pb2]


def wire_contract(file):
    file = descriptor_pb2.FileDescriptorProto.FromString(file.SerializeToString())
    file.ClearField("source_code_info")
    for message in file.message_type:
        for field in message.field:
            field.ClearField("json_name")
            field.ClearField("options")
    for extension in file.extension:
        extension.ClearField("json_name")
        extension.ClearField("options")
    return file


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    out = tmp_path_factory.mktemp("google-api") / "set.pb"
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    names = [module.DESCRIPTOR.name for module in MODULES]
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{ROOT / 'Protos'}", f"-I{well_known}",
         f"--descriptor_set_out={out}", *names],
        check=True,
    )
    return {file.name: file for file in descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file}


@pytest.mark.parametrize("module", MODULES, ids=[m.DESCRIPTOR.name for m in MODULES])
def test_matches_googleapis(ours, module):
    upstream = descriptor_pb2.FileDescriptorProto()
    module.DESCRIPTOR.CopyToProto(upstream)
    assert wire_contract(ours[upstream.name]) == wire_contract(upstream)


def test_extension_numbers(ours):
    numbers = {
        (e.extendee, e.name): e.number
        for name in ("google/api/annotations.proto", "google/api/field_behavior.proto")
        for e in ours[name].extension
    }
    assert numbers == {
        (".google.protobuf.MethodOptions", "http"): 72295728,
        (".google.protobuf.FieldOptions", "field_behavior"): 1052,
    }
