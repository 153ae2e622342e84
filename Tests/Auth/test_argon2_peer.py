"""Argon2id password hashes between argon2-cffi (the reference C implementation's Python
binding) and ours, both ways."""
import argon2
import pytest

PASSWORDS = ["correct horse battery staple", "pässwörd ✓", " leading and trailing ", "x"]


@pytest.mark.parametrize("password", PASSWORDS)
def test_argon2_cffi_hashes_ours_verifies(password, auth_tool):
    hasher = argon2.PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, type=argon2.Type.ID)
    stored = hasher.hash(password)
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert auth_tool("verify-password", "--hash", stored, stdin=password) == (True, "true")
    assert auth_tool("verify-password", "--hash", stored, stdin=password + "!") == (True, "false")


def test_argon2_cffi_defaults_verify_in_ours(auth_tool):
    stored = argon2.PasswordHasher().hash("secret")  # argon2-cffi's own defaults (RFC 9106 low-memory)
    assert auth_tool("verify-password", "--hash", stored, stdin="secret") == (True, "true")


@pytest.mark.parametrize("password", PASSWORDS)
def test_ours_hashes_argon2_cffi_verifies(password, auth_tool):
    ok, stored = auth_tool("hash-password", stdin=password)
    assert ok, stored
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    hasher = argon2.PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    assert hasher.verify(stored, password)
    with pytest.raises(argon2.exceptions.VerifyMismatchError):
        hasher.verify(stored, password + "!")
    assert not hasher.check_needs_rehash(stored)


def test_custom_parameters_cross_check(auth_tool):
    ok, stored = auth_tool("hash-password", "--m", "8192", "--t", "3", "--p", "2", stdin="pw")
    assert ok, stored
    params = argon2.extract_parameters(stored)
    assert (params.memory_cost, params.time_cost, params.parallelism, params.salt_len, params.hash_len) == (8192, 3, 2, 16, 32)
    assert argon2.PasswordHasher().verify(stored, "pw")


def test_malformed_stored_hash_refused(auth_tool):
    assert auth_tool("verify-password", "--hash", "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA", stdin="pw") == (
        False, "invalidPasswordHash")
