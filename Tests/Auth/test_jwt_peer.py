"""JWTs between PyJWT + cryptography (the independent implementation) and ours, both ways,
for EdDSA, ES256, RS256 and HS256; JWKS both ways; forged tokens refused with the right reason."""
import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

ALGORITHMS = ["EdDSA", "ES256", "RS256", "HS256"]
NOW = int(time.time())


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_private_key(alg):
    if alg == "EdDSA":
        return ed25519.Ed25519PrivateKey.generate()
    if alg == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    if alg == "RS256":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    raise ValueError(alg)


def private_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def public_pem(key) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def claims(**extra):
    base = {"sub": "user-42", "iss": "room619", "aud": ["room619", "web"], "iat": NOW, "exp": NOW + 600,
            "roles": ["admin"], "scope": "read write", "tenant": {"id": 7, "name": "acme"}}
    base.update(extra)
    return base


@pytest.fixture
def files(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return str(path)
    return write


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_pyjwt_signs_ours_verifies(alg, auth_tool, files):
    if alg == "HS256":
        secret = bytes(range(40))
        key_file = files("secret", b64url(secret))
        signing_key = secret
    else:
        private = new_private_key(alg)
        signing_key = private
        key_file = files("pub.pem", public_pem(private))
    token = jwt.encode(claims(), signing_key, algorithm=alg, headers={"kid": "k1"})
    args = ["verify", "--key", key_file, "--alg", alg, "--kid", "k1", "--iss", "room619", "--aud", "web"]
    if alg != "HS256":
        args.append("--public")
    ok, out = auth_tool(*args, stdin=token)
    assert ok, out
    assert json.loads(out) == claims()


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_ours_signs_pyjwt_verifies(alg, auth_tool, files):
    if alg == "HS256":
        ok, secret_text = auth_tool("keygen", "HS256")
        key_file = files("secret", secret_text)
        verify_key = base64.urlsafe_b64decode(secret_text + "=" * (-len(secret_text) % 4))
    else:
        ok, pem = auth_tool("keygen", alg)
        key_file = files("key.pem", pem + "\n")
        verify_key = serialization.load_pem_private_key((pem + "\n").encode(), password=None).public_key()
    assert ok
    ok, token = auth_tool("sign", "--key", key_file, "--alg", alg, "--kid", "ours-1", stdin=json.dumps(claims()))
    assert ok, token
    header = jwt.get_unverified_header(token)
    assert header == {"alg": alg, "kid": "ours-1", "typ": "JWT"}
    decoded = jwt.decode(token, verify_key, algorithms=[alg], audience="web", issuer="room619")
    assert decoded == claims()


def test_pyjwt_reads_our_jwks(auth_tool, files):
    keys = {}
    for alg in ["EdDSA", "ES256", "RS256"]:
        ok, pem = auth_tool("keygen", alg)
        assert ok
        keys[alg] = files(f"{alg}.pem", pem + "\n")
    ok, document = auth_tool("jwks", *sum((["--key", f"{path}:kid-{alg}"] for alg, path in keys.items()), []))
    assert ok, document
    jwks = json.loads(document)
    assert all(set(k) & {"d", "p", "q", "dp", "dq", "qi", "k"} == set() for k in jwks["keys"])
    key_set = jwt.PyJWKSet.from_dict(jwks)
    assert len(key_set.keys) == 3
    for alg, path in keys.items():
        ok, token = auth_tool("sign", "--key", path, "--alg", alg, "--kid", f"kid-{alg}", stdin=json.dumps(claims()))
        assert ok
        key = key_set[jwt.get_unverified_header(token)["kid"]]
        assert key.algorithm_name == alg
        assert jwt.decode(token, key.key, algorithms=[alg], audience="room619") == claims()


def test_ours_reads_pyjwt_jwks(auth_tool, files):
    privates = {alg: new_private_key(alg) for alg in ["EdDSA", "ES256", "RS256"]}
    converters = {"EdDSA": OKPAlgorithm, "ES256": ECAlgorithm, "RS256": RSAAlgorithm}
    jwks = {"keys": []}
    for alg, private in privates.items():
        jwk = converters[alg].to_jwk(private.public_key(), as_dict=True)
        jwk.update({"kid": f"py-{alg}", "use": "sig", "alg": alg})
        jwks["keys"].append(jwk)
    path = files("jwks.json", json.dumps(jwks))
    for alg, private in privates.items():
        token = jwt.encode(claims(), private, algorithm=alg, headers={"kid": f"py-{alg}"})
        ok, out = auth_tool("verify-jwks", "--jwks", path, "--aud", "room619", stdin=token)
        assert ok, out
        assert json.loads(out) == claims()
        # A token under one key's kid but signed by another key of the set fails the signature.
        other = privates["RS256" if alg != "RS256" else "ES256"]
        other_alg = "RS256" if alg != "RS256" else "ES256"
        swapped = jwt.encode(claims(), other, algorithm=other_alg, headers={"kid": f"py-{alg}"})
        assert auth_tool("verify-jwks", "--jwks", path, stdin=swapped) == (False, "algorithmMismatch")


def forge(header: dict, payload: dict, signature: bytes) -> str:
    return ".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()), b64url(signature)])


@pytest.fixture
def rsa_setup(files):
    private = new_private_key("RS256")
    return private, files("pub.pem", public_pem(private))


def verify_rs(auth_tool, path, token, *extra):
    return auth_tool("verify", "--key", path, "--alg", "RS256", "--kid", "rsa", "--public", *extra, stdin=token)


def test_alg_none_refused(auth_tool, rsa_setup):
    _, path = rsa_setup
    for header in [{"alg": "none", "kid": "rsa"}, {"alg": "none"}, {"alg": "NONE", "kid": "rsa"}]:
        assert verify_rs(auth_tool, path, forge(header, claims(), b"")) == (False, "unsupportedAlgorithm")
    unsigned = jwt.encode(claims(), None, algorithm="none", headers={"kid": "rsa"})
    assert verify_rs(auth_tool, path, unsigned) == (False, "unsupportedAlgorithm")


def test_hs256_with_the_rsa_public_key_as_secret_refused(auth_tool, rsa_setup):
    private, path = rsa_setup
    header = {"alg": "HS256", "kid": "rsa", "typ": "JWT"}
    signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims()).encode())).encode()
    for secret in [public_pem(private), public_pem(private).strip()]:
        signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
        token = signing_input.decode() + "." + b64url(signature)
        assert verify_rs(auth_tool, path, token) == (False, "algorithmMismatch")


def test_kid_swapped_refused(auth_tool, rsa_setup):
    _, path = rsa_setup
    attacker = new_private_key("RS256")
    token = jwt.encode(claims(), attacker, algorithm="RS256", headers={"kid": "rsa"})
    assert verify_rs(auth_tool, path, token) == (False, "badSignature")
    unknown = jwt.encode(claims(), attacker, algorithm="RS256", headers={"kid": "someone-else"})
    assert verify_rs(auth_tool, path, unknown) == (False, "unknownKeyID")
    no_kid = jwt.encode(claims(), attacker, algorithm="RS256")
    assert verify_rs(auth_tool, path, no_kid) == (False, "missingKeyID")


def test_time_and_audience_checks(auth_tool, rsa_setup):
    private, path = rsa_setup
    sign = lambda **extra: jwt.encode(claims(**extra), private, algorithm="RS256", headers={"kid": "rsa"})
    assert verify_rs(auth_tool, path, sign(exp=NOW - 61), "--now", NOW) == (False, "expired")
    assert verify_rs(auth_tool, path, sign(exp=NOW - 59), "--now", NOW)[0]
    assert verify_rs(auth_tool, path, sign(nbf=NOW + 61), "--now", NOW) == (False, "notYetValid")
    assert verify_rs(auth_tool, path, sign(nbf=NOW + 60), "--now", NOW)[0]
    assert verify_rs(auth_tool, path, sign(exp=NOW - 1), "--now", NOW, "--skew", 0) == (False, "expired")
    assert verify_rs(auth_tool, path, sign(), "--iss", "other") == (False, "wrongIssuer")
    assert verify_rs(auth_tool, path, sign(), "--aud", "billing") == (False, "wrongAudience")
    assert verify_rs(auth_tool, path, sign(exp="soon")) == (False, "malformed")


def test_tampered_payload_refused(auth_tool, rsa_setup):
    private, path = rsa_setup
    token = jwt.encode(claims(roles=["user"]), private, algorithm="RS256", headers={"kid": "rsa"})
    header, _, signature = token.split(".")
    elevated = b64url(json.dumps(claims(roles=["admin"])).encode())
    assert verify_rs(auth_tool, path, f"{header}.{elevated}.{signature}") == (False, "badSignature")
    padded = token + "=="
    assert verify_rs(auth_tool, path, padded) == (False, "malformed")


def test_es256_der_signature_refused(auth_tool, files):
    private = new_private_key("ES256")
    path = files("ec.pem", public_pem(private))
    header = {"alg": "ES256", "kid": "ec", "typ": "JWT"}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims()).encode())
    der = private.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    args = ("verify", "--key", path, "--alg", "ES256", "--kid", "ec", "--public")
    assert auth_tool(*args, stdin=signing_input + "." + b64url(der)) == (False, "badSignature")
    # The same signature as raw r||s verifies: the refusal is about the form, not the key.
    raw_token = jwt.encode(claims(), private, algorithm="ES256", headers={"kid": "ec"})
    assert auth_tool(*args, stdin=raw_token)[0]
