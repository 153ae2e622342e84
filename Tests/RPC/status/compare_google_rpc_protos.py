"""Checks that Protos/google/rpc declares what upstream's google.rpc does.

Run by Tests/RPCTests/StatusDetailsPythonTests.swift:

    compare_google_rpc_protos.py PROTO_ROOT WORK_DIRECTORY

Compiles room619's status.proto, code.proto and error_details.proto with grpcio-tools' protoc and
compares each file's descriptor (package, messages, enums, field names, numbers, types, labels
and file options) with the one googleapis-common-protos ships, ignoring comments and the
json_name protoc fills in. Prints the differences and exits non-zero when there are any.
"""

import os
import sys
from importlib.resources import files as resource_files

from google.protobuf import descriptor_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_tools import protoc


def without_json_names(message):
    for field in message.field:
        field.ClearField("json_name")
    for nested in message.nested_type:
        without_json_names(nested)


def main():
    proto_root, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    output = os.path.join(work, "google_rpc.pb")
    include = str(resource_files("grpc_tools") / "_proto")
    names = ["google/rpc/status.proto", "google/rpc/code.proto", "google/rpc/error_details.proto"]
    arguments = ["protoc", "-I", proto_root, "-I", include, "--descriptor_set_out=" + output] + names
    if protoc.main(arguments) != 0:
        sys.exit("protoc could not compile " + ", ".join(names))
    ours = descriptor_pb2.FileDescriptorSet()
    with open(output, "rb") as file:
        ours.ParseFromString(file.read())
    ours = {file.name: file for file in ours.file}

    different = []
    for module in (status_pb2, code_pb2, error_details_pb2):
        upstream = descriptor_pb2.FileDescriptorProto()
        module.DESCRIPTOR.CopyToProto(upstream)
        mine = ours[upstream.name]
        mine.ClearField("source_code_info")
        for message in mine.message_type:
            without_json_names(message)
        if mine.SerializeToString(deterministic=True) != upstream.SerializeToString(deterministic=True):
            different.append(f"{upstream.name} differs:\n--- upstream\n{upstream}\n--- room619\n{mine}")
    if different:
        sys.exit("\n".join(different))
    print("same as upstream: " + ", ".join(names))


if __name__ == "__main__":
    main()
