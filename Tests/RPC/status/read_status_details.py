"""Reads a grpc-status-details-bin value that room619 wrote, as a Python gRPC client would.

Run by Tests/RPCTests/StatusDetailsPythonTests.swift:

    read_status_details.py CODE MESSAGE FILE

FILE holds the trailer's bytes (base64-decoded). They are handed to grpcio-status's
rpc_status.from_call, which checks that the google.rpc.Status they hold has the call's code and
message, and every detail is unpacked with Google's own google.rpc modules
(googleapis-common-protos). Prints one JSON object per detail, in order, with its type and fields
(proto field names), for the Swift test to compare; exits non-zero with a message otherwise.
"""

import json
import sys

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2
from grpc_status import rpc_status

KNOWN = {
    message.DESCRIPTOR.full_name: message
    for message in (
        error_details_pb2.ErrorInfo,
        error_details_pb2.RetryInfo,
        error_details_pb2.DebugInfo,
        error_details_pb2.QuotaFailure,
        error_details_pb2.PreconditionFailure,
        error_details_pb2.BadRequest,
        error_details_pb2.RequestInfo,
        error_details_pb2.ResourceInfo,
        error_details_pb2.Help,
        error_details_pb2.LocalizedMessage,
    )
}


class FinishedCall:
    """The parts of a finished grpc.Call that rpc_status.from_call reads."""

    def __init__(self, code, message, details):
        self._code = code
        self._message = message
        self._details = details

    def code(self):
        return self._code

    def details(self):
        return self._message

    def trailing_metadata(self):
        return (("grpc-status-details-bin", self._details),)


def main():
    number, message, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    with open(path, "rb") as file:
        details = file.read()
    code = next(code for code in grpc.StatusCode if code.value[0] == number)
    status = rpc_status.from_call(FinishedCall(code, message, details))
    if status is None:
        sys.exit("grpcio-status found no google.rpc.Status in the trailer")
    for packed in status.details:
        name = packed.TypeName()
        if not packed.type_url.startswith("type.googleapis.com/"):
            sys.exit(f"unexpected type URL {packed.type_url}")
        if name not in KNOWN:
            print(json.dumps({"type": name, "unknown": True}))
            continue
        detail = KNOWN[name]()
        if not packed.Unpack(detail):
            sys.exit(f"{name} does not unpack")
        fields = json_format.MessageToDict(detail, preserving_proto_field_name=True)
        print(json.dumps({"type": name, "fields": fields}, sort_keys=True))


if __name__ == "__main__":
    main()
