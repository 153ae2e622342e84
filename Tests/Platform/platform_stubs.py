"""Python stubs for room619's own contracts (user, product, common, buf.validate, room619's
options), generated at run time with grpc_tools.protoc and never committed.

The google/api and google/rpc modules come from googleapis-common-protos (installed in the
venv): room619's copies are the same descriptors, so generating them again would clash.

    import platform_stubs
    platform_stubs.load()
    from user.v1 import user_pb2, user_pb2_grpc
"""

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTOS = ROOT / "Protos"
CONTRACTS = [
    "buf/validate/validate.proto",
    "room619/api/v1/options.proto",
    "common/v1/money.proto",
    "common/v1/pagination.proto",
    "user/v1/user.proto",
    "product/v1/product.proto",
]


def generate(root):
    import grpc_tools
    from grpc_tools import protoc

    bundled = Path(grpc_tools.__file__).parent / "_proto"
    arguments = [
        "grpc_tools.protoc",
        f"-I{PROTOS}",
        f"-I{bundled}",
        f"--python_out={root}",
        f"--grpc_python_out={root}",
        *CONTRACTS,
    ]
    status = protoc.main(arguments)
    if status != 0:
        raise RuntimeError(f"grpc_tools.protoc exited {status} for {' '.join(arguments[1:])}")
    for package in ["buf", "buf/validate", "room619", "room619/api", "room619/api/v1", "common", "common/v1",
                    "user", "user/v1", "product", "product/v1"]:
        (Path(root) / package / "__init__.py").touch()


_loaded = None


def load():
    """Makes the generated modules importable; returns the directory holding them."""
    global _loaded
    if _loaded:
        return _loaded
    root = tempfile.mkdtemp(prefix="room619-stubs-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    generate(root)
    sys.path.insert(0, root)
    _loaded = root
    return root
