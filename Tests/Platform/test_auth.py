"""Tokens forged with PyJWT and cryptography against the auth interceptor, on REST and gRPC:
no token, expired, wrong signature, alg none, HS/RS confusion, a tampered payload, another
user's resource, a missing role, a user's token on an internal RPC, and an outside issuer's
tokens verified through a JWKS URL the test serves."""

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from conftest import Platform
from test_users import unique


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def platform_key(platform):
    """The platform's generated signing key and its kid (from the JWKS it publishes)."""
    key = serialization.load_pem_private_key(platform.signing_key_pem(), password=None)
    status, _, jwks = platform.curl("GET", "/.well-known/jwks.json")
    assert status == 200 and len(jwks["keys"]) >= 1
    assert all("d" not in k for k in jwks["keys"]), "a private part was published"
    return key, jwks["keys"][0]["kid"], jwks["keys"][0]


def claims(subject, **extra):
    now = int(time.time())
    return {"iss": "room619", "aud": "room619", "sub": subject, "iat": now, "exp": now + 600, **extra}


def test_forged_and_broken_tokens_are_401(platform):
    key, kid, jwk = platform_key(platform)
    user, token = platform.user_with_token(unique("target"))
    assert platform.curl("GET", "/v1/users/me", token=token)[0] == 200
    # Signed by the platform's own key: accepted (the control).
    good = jwt.encode(claims(user["id"]), key, algorithm="EdDSA", headers={"kid": kid})
    assert platform.curl("GET", "/v1/users/me", token=good)[0] == 200

    forged = {
        "expired": jwt.encode(
            claims(user["id"], exp=int(time.time()) - 3600, iat=int(time.time()) - 7200), key, algorithm="EdDSA",
            headers={"kid": kid},
        ),
        "not yet valid": jwt.encode(claims(user["id"], nbf=int(time.time()) + 3600), key, algorithm="EdDSA",
                                    headers={"kid": kid}),
        "another key, same kid": jwt.encode(
            claims(user["id"]), ed25519.Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": kid}
        ),
        "wrong issuer": jwt.encode({**claims(user["id"]), "iss": "evil"}, key, algorithm="EdDSA", headers={"kid": kid}),
        "wrong audience": jwt.encode({**claims(user["id"]), "aud": "other"}, key, algorithm="EdDSA",
                                     headers={"kid": kid}),
        "unknown kid": jwt.encode(claims(user["id"]), key, algorithm="EdDSA", headers={"kid": "nope"}),
        "no kid": jwt.encode(claims(user["id"]), key, algorithm="EdDSA"),
    }
    # alg none: a header and payload, an empty signature.
    header = b64(json.dumps({"alg": "none", "typ": "JWT", "kid": kid}).encode())
    payload = b64(json.dumps(claims(user["id"], roles=["admin"])).encode())
    forged["alg none"] = f"{header}.{payload}."
    # HS/RS confusion: HS256 with the published public key as the HMAC secret.
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    body = b64(json.dumps(claims(user["id"], roles=["admin"])).encode())
    import hashlib
    import hmac

    signature = b64(hmac.new(public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest())
    forged["HS256 with the public key"] = f"{header}.{body}.{signature}"
    # A valid token with its payload swapped for one granting admin.
    head, _, tail = token.split(".")
    original = json.loads(base64.urlsafe_b64decode(_ + "=" * (-len(_) % 4)))
    original["roles"] = ["admin"]
    forged["tampered payload"] = f"{head}.{b64(json.dumps(original).encode())}.{tail}"

    for name, bad in forged.items():
        status, _, answer = platform.curl("GET", "/v1/users/me", token=bad)
        assert status == 401, (name, answer)
        assert bad not in json.dumps(answer), f"{name}: the token was echoed"
        status, _, _ = platform.curl("GET", "/v1/users?page.pageSize=1", token=bad)
        assert status == 401, name


def test_a_missing_role_is_403_and_roles_come_from_the_token(platform):
    key, kid, _ = platform_key(platform)
    user, token = platform.user_with_token(unique("norole"))
    assert platform.curl("GET", "/v1/users?page.pageSize=1", token=token)[0] == 403
    # Only the platform's key can grant a role.
    promoted = jwt.encode(claims(user["id"], roles=["admin"]), key, algorithm="EdDSA", headers={"kid": kid})
    assert platform.curl("GET", "/v1/users?page.pageSize=1", token=promoted)[0] == 200


def test_internal_rpcs_refuse_users_and_take_service_tokens(platform, stubs):
    from product.v1 import product_pb2, product_pb2_grpc

    key, kid, _ = platform_key(platform)
    admin = platform.admin_token()
    status, _, product = platform.curl(
        "POST", "/v1/products",
        {"product": {"sku": "INT-" + uuid.uuid4().hex[:8].upper(), "name": "Reserved thing",
                     "price": {"minorUnits": "100", "currencyCode": "EUR"}}, "initialStock": 3},
        token=admin,
    )
    assert status == 201, product
    request = product_pb2.ReserveStockRequest(
        product_id=product["id"], quantity=1, order_id="order-1", idempotency_key=uuid.uuid4().hex
    )
    with grpc.insecure_channel(platform.target) as channel:
        stub = product_pb2_grpc.ProductServiceStub(channel)
        with pytest.raises(grpc.RpcError) as anonymous:
            stub.ReserveStock(request, timeout=10)
        assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.RpcError) as user:
            stub.ReserveStock(request, metadata=[("authorization", f"Bearer {admin}")], timeout=10)
        assert user.value.code() == grpc.StatusCode.PERMISSION_DENIED
        service = jwt.encode(
            {**claims("order"), "kind": "service"}, key, algorithm="EdDSA", headers={"kid": kid}
        )
        reservation = stub.ReserveStock(request, metadata=[("authorization", f"Bearer {service}")], timeout=10)
        assert reservation.product_id == product["id"] and reservation.quantity == 1
    # Internal methods have no REST route.
    assert platform.curl("GET", "/v1/products:reserve")[0] in (404, 405)


class JWKSServer:
    """A tiny identity provider: its JWKS on a loopback port."""

    def __init__(self, jwks):
        body = json.dumps(jwks).encode()
        self.fetches = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.fetches += 1
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("cache-control", "max-age=300")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/jwks.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def test_an_outside_issuers_tokens_are_verified_through_its_jwks(room619_bin, tmp_path):
    idp_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = idp_key.public_key().public_numbers()

    def num(value):
        return b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))

    jwks = {"keys": [{"kty": "RSA", "kid": "idp-1", "alg": "RS256", "use": "sig", "n": num(public.n), "e": num(public.e)}]}
    idp = JWKSServer(jwks)
    config = {"auth": {"outsideIssuers": [{"issuer": "https://idp.example", "jwksUrl": idp.url, "audience": "room619"}]}}
    platform = Platform(room619_bin, "sqlite", str(tmp_path / "data"), config=config)
    try:
        now = int(time.time())
        outside = {"iss": "https://idp.example", "aud": "room619", "sub": "idp-user-7", "iat": now, "exp": now + 600}
        admin_claims = {**outside, "roles": ["admin"]}
        token = jwt.encode(admin_claims, idp_key, algorithm="RS256", headers={"kid": "idp-1"})
        status, _, page = platform.curl("GET", "/v1/users?page.pageSize=1", token=token)
        assert status == 200, page
        assert idp.fetches >= 1
        # Signed by someone else under the provider's kid; the provider claiming to be a service.
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        forged = jwt.encode(admin_claims, stranger, algorithm="RS256", headers={"kid": "idp-1"})
        assert platform.curl("GET", "/v1/users?page.pageSize=1", token=forged)[0] == 401
        service = jwt.encode({**outside, "kind": "service"}, idp_key, algorithm="RS256", headers={"kid": "idp-1"})
        assert platform.curl("GET", "/v1/users/me", token=service)[0] == 401
        # HS256 keyed with the provider's public key.
        pem = idp_key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        # PyJWT refuses a PEM as an HMAC secret, so the token is signed by hand.
        header = b64(json.dumps({"alg": "HS256", "kid": "idp-1"}).encode())
        body = b64(json.dumps(admin_claims).encode())
        import hashlib
        import hmac

        signature = b64(hmac.new(pem, f"{header}.{body}".encode(), hashlib.sha256).digest())
        assert platform.curl("GET", "/v1/users?page.pageSize=1", token=f"{header}.{body}.{signature}")[0] == 401
    finally:
        platform.stop()
        idp.stop()
