"""The user service over REST, with curl: sign-up, sign-in, sessions, accounts and their rules."""

import uuid

from conftest import ADMIN_EMAIL


def unique(prefix="user"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def test_sign_up_sign_in_and_me(platform):
    email = unique()
    status, headers, user = platform.curl(
        "POST", "/v1/users", {"email": email, "displayName": "Ada", "password": "a long enough password"}
    )
    assert status == 201, user
    assert headers["location"] == f"/v1/users/{user['id']}"
    assert user["email"] == email and "password" not in user and "passwordHash" not in user
    session = platform.login(email, "a long enough password")
    assert session["accessToken"].count(".") == 2 and session["refreshToken"]
    assert session["user"]["id"] == user["id"]
    status, _, me = platform.curl("GET", "/v1/users/me", token=session["accessToken"])
    assert status == 200 and me["id"] == user["id"]


def test_duplicate_email_in_another_case_is_409(platform):
    email = unique("case")
    platform.sign_up(email)
    status, _, body = platform.curl(
        "POST", "/v1/users", {"email": email.upper(), "displayName": "Twin", "password": "a long enough password"}
    )
    assert status == 409, body
    assert body["code"] == 6  # ALREADY_EXISTS


def test_login_failures_look_the_same_whether_the_account_exists_or_not(platform):
    email = unique("probe")
    platform.sign_up(email)
    wrong = platform.curl("POST", "/v1/auth:login", {"email": email, "password": "not the password"})
    missing = platform.curl("POST", "/v1/auth:login", {"email": unique("ghost"), "password": "not the password"})
    assert wrong[0] == missing[0] == 401
    assert wrong[2]["message"] == missing[2]["message"]


def test_login_is_rate_limited_per_account(platform):
    email = unique("limited")
    platform.sign_up(email, "the right password!")
    statuses = [
        platform.curl("POST", "/v1/auth:login", {"email": email, "password": f"wrong {n}"})[0] for n in range(7)
    ]
    assert statuses[0] == 401
    assert 429 in statuses, statuses
    # Limited even with the right password, until the window passes.
    assert platform.curl("POST", "/v1/auth:login", {"email": email, "password": "the right password!"})[0] == 429


def test_no_token_bad_token_and_someone_elses_account(platform):
    alice, alice_token = platform.user_with_token(unique("alice"))
    bob, _ = platform.user_with_token(unique("bob"))
    assert platform.curl("GET", "/v1/users/me")[0] == 401
    assert platform.curl("GET", "/v1/users/me", token="not-a-jwt")[0] == 401
    assert platform.curl("GET", f"/v1/users/{alice['id']}", token=alice_token)[0] == 200
    assert platform.curl("GET", f"/v1/users/{bob['id']}", token=alice_token)[0] == 403
    patched = platform.curl(
        "PATCH", f"/v1/users/{bob['id']}", {"displayName": "Mallory was here"}, token=alice_token
    )
    assert patched[0] == 403
    assert platform.curl("DELETE", f"/v1/users/{bob['id']}", token=alice_token)[0] == 403
    # The administrator may.
    admin = platform.admin_token()
    status, _, seen = platform.curl("GET", f"/v1/users/{bob['id']}", token=admin)
    assert status == 200 and seen["id"] == bob["id"]


def test_administrator_only_methods(platform):
    _, token = platform.user_with_token(unique("plain"))
    assert platform.curl("GET", "/v1/users", token=token)[0] == 403
    admin = platform.admin_token()
    status, _, page = platform.curl("GET", "/v1/users?page.pageSize=2", token=admin)
    assert status == 200 and len(page["users"]) == 2 and page["page"]["nextPageToken"]
    status, _, second = platform.curl(
        "GET", f"/v1/users?page.pageSize=2&page.pageToken={page['page']['nextPageToken']}", token=admin
    )
    assert status == 200
    assert not {u["id"] for u in page["users"]} & {u["id"] for u in second["users"]}


def test_set_roles_makes_an_administrator(platform):
    user, token = platform.user_with_token(unique("promoted"))
    assert platform.curl("POST", f"/v1/users/{user['id']}:setRoles", {"roles": ["ROLE_ADMIN"]}, token=token)[0] == 403
    admin = platform.admin_token()
    status, _, updated = platform.curl(
        "POST", f"/v1/users/{user['id']}:setRoles", {"roles": ["ROLE_CUSTOMER", "ROLE_ADMIN"]}, token=admin
    )
    assert status == 200 and "ROLE_ADMIN" in updated["roles"]
    # A new token carries the role.
    fresh = platform.login(user["email"], "a long enough password")["accessToken"]
    assert platform.curl("GET", "/v1/users?page.pageSize=1", token=fresh)[0] == 200


def test_update_own_account_with_a_field_mask(platform):
    user, token = platform.user_with_token(unique("patch"))
    status, _, updated = platform.curl(
        "PATCH", f"/v1/users/{user['id']}?updateMask=displayName", {"displayName": "New Name"}, token=token
    )
    assert status == 200 and updated["displayName"] == "New Name" and updated["email"] == user["email"]
    bad = platform.curl("PATCH", f"/v1/users/{user['id']}?updateMask=nosuchfield", {"displayName": "x"}, token=token)
    assert bad[0] == 400


def test_refresh_rotation_and_reuse_detection(platform):
    user = platform.sign_up(unique("refresh"))
    first = platform.login(user["email"], "a long enough password")
    status, _, second = platform.curl("POST", "/v1/auth:refresh", {"refreshToken": first["refreshToken"]})
    assert status == 200 and second["refreshToken"] != first["refreshToken"]
    # The used token again: reuse detected, the whole family revoked.
    assert platform.curl("POST", "/v1/auth:refresh", {"refreshToken": first["refreshToken"]})[0] == 401
    assert platform.curl("POST", "/v1/auth:refresh", {"refreshToken": second["refreshToken"]})[0] == 401


def test_logout_revokes_the_refresh_token(platform):
    user = platform.sign_up(unique("logout"))
    session = platform.login(user["email"], "a long enough password")
    assert platform.curl("POST", "/v1/auth:logout", {"refreshToken": session["refreshToken"]})[0] == 204
    assert platform.curl("POST", "/v1/auth:refresh", {"refreshToken": session["refreshToken"]})[0] == 401
    # An unknown token is not an error (RFC 7009).
    assert platform.curl("POST", "/v1/auth:logout", {"refreshToken": "never-issued"})[0] == 204


def test_change_password(platform):
    user, token = platform.user_with_token(unique("password"), "the old password")
    wrong = platform.curl(
        "POST", f"/v1/users/{user['id']}:changePassword",
        {"currentPassword": "not it", "newPassword": "the new password"}, token=token,
    )
    assert wrong[0] == 403
    ok = platform.curl(
        "POST", f"/v1/users/{user['id']}:changePassword",
        {"currentPassword": "the old password", "newPassword": "the new password"}, token=token,
    )
    assert ok[0] == 204
    assert platform.curl("POST", "/v1/auth:login", {"email": user["email"], "password": "the old password"})[0] == 401
    platform.login(user["email"], "the new password")


def test_delete_own_account(platform):
    user, token = platform.user_with_token(unique("leaving"))
    assert platform.curl("DELETE", f"/v1/users/{user['id']}", token=token)[0] == 204
    assert platform.curl("POST", "/v1/auth:login", {"email": user["email"], "password": "a long enough password"})[0] == 401
    admin = platform.admin_token()
    assert platform.curl("GET", f"/v1/users/{user['id']}", token=admin)[0] == 404


def test_the_bootstrapped_administrator_exists_once(platform):
    admin = platform.admin_token()
    status, _, me = platform.curl("GET", "/v1/users/me", token=admin)
    assert status == 200 and me["email"] == ADMIN_EMAIL and "ROLE_ADMIN" in me["roles"]


def test_bad_input_is_4xx_and_writes_nothing(platform):
    admin = platform.admin_token()
    before = platform.curl("GET", "/v1/users?page.pageSize=1000", token=admin)[2]["users"]
    cases = [
        ({"email": "not an email", "displayName": "x", "password": "a long enough password"}, 400),
        ({"email": unique(), "displayName": "", "password": "a long enough password"}, 400),
        ({"email": unique(), "displayName": "x", "password": "short"}, 400),
        ({"email": unique(), "displayName": "x" * 65, "password": "a long enough password"}, 400),
        ({"email": unique(), "displayName": 42, "password": "a long enough password"}, 400),
        ({"email": unique()}, 400),
    ]
    for body, expected in cases:
        status, _, answer = platform.curl("POST", "/v1/users", body)
        assert status == expected, (body, answer)
        assert answer["code"] == 3  # INVALID_ARGUMENT, with the field named
    # Not UTF-8, not JSON, oversized.
    assert platform.curl("POST", "/v1/users", raw=b'{"email":"\xff\xfe@example.com"}')[0] == 400
    assert platform.curl("POST", "/v1/users", raw=b"{not json")[0] == 400
    huge = b'{"email":"' + b"a" * (5 << 20) + b'@example.com"}'
    assert platform.curl("POST", "/v1/users", raw=huge)[0] in (400, 413)
    after = platform.curl("GET", "/v1/users?page.pageSize=1000", token=admin)[2]["users"]
    assert len(after) == len(before), "a refused request wrote an account"


def test_sql_looking_strings_are_stored_verbatim(platform):
    name = "Robert'); DROP TABLE users;--"
    user, token = platform.user_with_token(unique("bobby"))
    status, _, updated = platform.curl(
        "PATCH", f"/v1/users/{user['id']}?updateMask=displayName", {"displayName": name}, token=token
    )
    assert status == 200 and updated["displayName"] == name
    assert platform.curl("GET", "/v1/users/me", token=token)[2]["displayName"] == name
