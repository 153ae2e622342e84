"""Tokens a test mints with the platform's own signing key (PyJWT): what another platform
service (a service token) or an administrator's session would carry."""

import time

import jwt
from cryptography.hazmat.primitives import serialization


def key_and_kid(pem):
    key = serialization.load_pem_private_key(pem, password=None)
    # The kid is the key's RFC 7638 thumbprint, as the platform computes it.
    jwk = jwt.algorithms.OKPAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return key, jwt.PyJWK(jwk).key_id or thumbprint(jwk)


def thumbprint(jwk):
    import base64
    import hashlib
    import json

    canonical = json.dumps({"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()


def mint(pem, subject, roles=(), kind=None, issuer="room619", audience="room619", lifetime=600):
    key, kid = key_and_kid(pem)
    now = int(time.time())
    claims = {"iss": issuer, "aud": audience, "sub": subject, "iat": now, "exp": now + lifetime}
    if roles:
        claims["roles"] = list(roles)
    if kind:
        claims["kind"] = kind
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": kid})


def admin(pem):
    return mint(pem, "test-admin", roles=["admin"])


def service(pem, name="order"):
    return mint(pem, name, kind="service")
