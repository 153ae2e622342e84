"""Python stubs for the gRPC interop contracts, generated at run time and never committed.

grpc_tools.protoc compiles the system contracts in /usr/share/grpc-proto (grpc/testing/test.proto
with messages.proto and empty.proto, and grpc/reflection/v1/reflection.proto, which
grpcio-reflection does not ship) with the include files bundled in grpc_tools.

protoc names the modules after the files (`grpc.testing.test_pb2`), but grpcio owns the `grpc`
package and aliases some of its subpackages to other distributions (`grpc.reflection` is
grpcio-reflection), so the generated tree is renamed `interop_pb` and the generated imports follow.
The descriptors keep their contract file names (`grpc/testing/test.proto`).

    import stubs
    stubs.load()
    from interop_pb.testing import messages_pb2, test_pb2_grpc

load() uses $INTEROP_STUBS_DIR when it holds a generated tree (conftest.py generates one per test
session and hands it to the client and server processes); otherwise it generates into a temporary
directory that is removed when the process exits.
"""

import atexit
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

PROTO_ROOT = Path("/usr/share/grpc-proto")
CONTRACTS = [
    "grpc/testing/empty.proto",
    "grpc/testing/messages.proto",
    "grpc/testing/test.proto",
    "grpc/reflection/v1/reflection.proto",
]
PACKAGE = "interop_pb"
DIRECTORY_VARIABLE = "INTEROP_STUBS_DIR"


def generate(root):
    """Compiles CONTRACTS into root/interop_pb; raises RuntimeError with protoc's exit status."""
    import grpc_tools
    from grpc_tools import protoc

    bundled = Path(grpc_tools.__file__).parent / "_proto"
    package = Path(root) / PACKAGE
    with tempfile.TemporaryDirectory(prefix="interop-protoc-") as raw:
        arguments = [
            "grpc_tools.protoc",
            f"-I{PROTO_ROOT}",
            f"-I{bundled}",
            f"--python_out={raw}",
            f"--grpc_python_out={raw}",
            *CONTRACTS,
        ]
        status = protoc.main(arguments)
        if status != 0:
            raise RuntimeError(f"grpc_tools.protoc exited {status} for {' '.join(arguments[1:])}")
        shutil.move(os.path.join(raw, "grpc"), package)
    for module in package.rglob("*.py"):
        text = module.read_text()
        module.write_text(re.sub(r"^from grpc\.([\w.]+) import ", rf"from {PACKAGE}.\1 import ", text, flags=re.M))
    return package


def load(root=None):
    """Makes `interop_pb` importable (generating it if needed) and returns the directory holding it."""
    root = root or os.environ.get(DIRECTORY_VARIABLE)
    if not root or not (Path(root) / PACKAGE / "testing" / "test_pb2.py").is_file():
        root = tempfile.mkdtemp(prefix="interop-stubs-")
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        generate(root)
    root = str(root)
    if root not in sys.path:
        sys.path.insert(0, root)
    return root
