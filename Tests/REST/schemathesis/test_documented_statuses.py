"""Every documented status of every operation of the sample contracts, reached on purpose over
REST against sample-server: 200, 201 with Location, 202 with Location, 204 without a body, and
the errors (400 validation with BadRequest details, 400 failed precondition, 401, 403, 404, 409),
each error as a JSON google.rpc.Status whose code is the gRPC code the HTTP status maps from.
The last test reads the documents and fails for any documented status no call reached."""

import json
import re
import uuid

import pytest
import requests

from conftest import PASSWORD, ROOT, sign_up

UNKNOWN = "00000000-0000-4000-8000-000000000000"
# gRPC codes (google.rpc.Code) of the errors below.
INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED = 3, 5, 6, 7
FAILED_PRECONDITION, UNAUTHENTICATED = 9, 16


def field(message, name):
    """A field of a proto3 JSON message, by its JSON name or its proto name."""
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
    return message[name] if name in message else message[snake]


def expect_status(response, http_status, grpc_code):
    """The response is `http_status` with a google.rpc.Status body carrying `grpc_code`."""
    assert response.status_code == http_status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["code"] == grpc_code, body
    assert isinstance(body["message"], str) and body["message"]
    for detail in body.get("details", []):
        assert detail["@type"].startswith("type.googleapis.com/"), detail
    return body


def expect_no_content(response):
    assert response.status_code == 204, response.text
    assert response.content == b""


# (method, path without query, status) of every call the tests below make.
REACHED = set()


@pytest.fixture
def http(base_url):
    def call(method, path, **kwargs):
        response = requests.request(method, base_url + path, timeout=10, **kwargs)
        REACHED.add((method, path.split("?")[0], str(response.status_code)))
        return response

    return call


@pytest.fixture
def customer(base_url):
    return sign_up(base_url, f"c-{uuid.uuid4().hex[:12]}@example.com")


@pytest.fixture
def product(http):
    sku = f"S-{uuid.uuid4().hex[:10].upper()}"
    body = {"product": {"sku": sku, "name": "Garden hose", "price": {"minorUnits": "1500", "currencyCode": "EUR"}},
            "initialStock": 5}
    response = http("POST", "/v1/products", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_users(http, base_url, admin_headers, customer):
    email = f"u-{uuid.uuid4().hex[:12]}@example.com"
    created = http("POST", "/v1/users", json={"email": email, "displayName": "Ada", "password": "password-1"})
    assert created.status_code == 201, created.text
    user = created.json()
    assert created.headers["location"] == f"/v1/users/{user['id']}"
    assert "password" not in user
    expect_status(
        http("POST", "/v1/users", json={"email": email, "displayName": "Ada", "password": "password-1"}),
        409, ALREADY_EXISTS)
    invalid = expect_status(
        http("POST", "/v1/users", json={"email": "nope", "displayName": "Ada", "password": "short"}),
        400, INVALID_ARGUMENT)
    assert any(d["@type"].endswith("google.rpc.BadRequest") for d in invalid["details"]), invalid

    assert http("GET", f"/v1/users/{user['id']}").json() == user
    expect_status(http("GET", f"/v1/users/{UNKNOWN}"), 404, NOT_FOUND)
    expect_status(http("GET", "/v1/users/not-a-uuid"), 400, INVALID_ARGUMENT)
    listed = http("GET", "/v1/users", params={"page.pageSize": "1"})
    assert listed.status_code == 200 and len(listed.json()["users"]) == 1
    expect_status(http("GET", "/v1/users", params={"page.pageToken": "forged"}), 400, INVALID_ARGUMENT)

    patched = http("PATCH", f"/v1/users/{user['id']}", json={"displayName": "Grace"})
    assert patched.status_code == 200 and field(patched.json(), "displayName") == "Grace"
    expect_status(http("PATCH", f"/v1/users/{UNKNOWN}", json={"displayName": "X"}), 404, NOT_FOUND)

    path = f"/v1/users/{user['id']}:changePassword"
    expect_status(http("POST", path, json={"currentPassword": "wrong", "newPassword": "password-2"}), 403,
                  PERMISSION_DENIED)
    expect_no_content(http("POST", path, json={"currentPassword": "password-1", "newPassword": "password-2"}))
    expect_status(
        http("POST", f"/v1/users/{UNKNOWN}:changePassword", json={"currentPassword": "x", "newPassword": "password-3"}),
        404, NOT_FOUND)

    roles = f"/v1/users/{user['id']}:setRoles"
    as_customer = {"Authorization": f"Bearer {field(customer, 'accessToken')}"}
    expect_status(http("POST", roles, json={"roles": ["ROLE_ADMIN"]}, headers=as_customer), 403, PERMISSION_DENIED)
    expect_status(http("POST", roles, json={"roles": ["ROLE_ADMIN"]}), 401, UNAUTHENTICATED)
    expect_status(
        http("POST", f"/v1/users/{UNKNOWN}:setRoles", json={"roles": ["ROLE_ADMIN"]}, headers=admin_headers),
        404, NOT_FOUND)
    set_roles = http("POST", roles, json={"roles": ["ROLE_ADMIN"]}, headers=admin_headers)
    assert set_roles.status_code == 200 and set_roles.json()["roles"] == ["ROLE_ADMIN"]

    expect_no_content(http("DELETE", f"/v1/users/{user['id']}"))
    expect_status(http("DELETE", f"/v1/users/{user['id']}"), 404, NOT_FOUND)


def test_sessions(http, customer):
    email = field(customer, "user")["email"]
    expect_status(http("POST", "/v1/auth:login", json={"email": email, "password": "wrong"}), 401, UNAUTHENTICATED)
    login = http("POST", "/v1/auth:login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200 and field(login.json(), "accessToken"), login.text
    token = field(customer, "accessToken")
    me = http("GET", "/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["email"] == email
    expect_status(http("GET", "/v1/users/me"), 401, UNAUTHENTICATED)
    refresh = field(customer, "refreshToken")
    refreshed = http("POST", "/v1/auth:refresh", json={"refreshToken": refresh})
    assert refreshed.status_code == 200 and field(refreshed.json(), "accessToken") != token
    expect_status(http("POST", "/v1/auth:refresh", json={"refreshToken": refresh}), 401, UNAUTHENTICATED)
    expect_no_content(http("POST", "/v1/auth:logout", json={"refreshToken": field(refreshed.json(), "refreshToken")}))


def test_products(http, product):
    pid = product["id"]
    body = {"product": {"sku": product["sku"], "name": "Copy", "price": {"minorUnits": "1", "currencyCode": "EUR"}}}
    expect_status(http("POST", "/v1/products", json=body), 409, ALREADY_EXISTS)
    assert http("GET", f"/v1/products/{pid}").json() == product
    expect_status(http("GET", f"/v1/products/{UNKNOWN}"), 404, NOT_FOUND)
    assert pid in [p["id"] for p in http("GET", "/v1/products", params={"page.pageSize": "1000"}).json()["products"]]
    hits = http("GET", "/v1/products:search", params={"query": "gard"}).json()["results"]
    assert pid in [hit["product"]["id"] for hit in hits]
    expect_status(http("GET", "/v1/products:search"), 400, INVALID_ARGUMENT)
    stock = http("GET", f"/v1/products/{pid}/stock")
    assert stock.status_code == 200 and field(stock.json(), "productId") == pid
    expect_status(http("GET", f"/v1/products/{UNKNOWN}/stock"), 404, NOT_FOUND)
    patch = {"sku": product["sku"], "name": "Long hose", "price": product["price"]}
    patched = http("PATCH", f"/v1/products/{pid}", json=patch)
    assert patched.status_code == 200 and patched.json()["name"] == "Long hose"
    expect_status(http("PATCH", f"/v1/products/{UNKNOWN}", json=patch), 404, NOT_FOUND)
    expect_no_content(http("DELETE", f"/v1/products/{pid}"))
    expect_status(http("DELETE", f"/v1/products/{UNKNOWN}"), 404, NOT_FOUND)


def test_orders(http, customer, product):
    auth = {"Authorization": f"Bearer {field(customer, 'accessToken')}"}
    order_body = {"items": [{"productId": product["id"], "quantity": 2}], "card": {"brand": "visa", "last4": "4242"}}
    key = {"Idempotency-Key": uuid.uuid4().hex, **auth}
    created = http("POST", "/v1/orders", json=order_body, headers=key)
    assert created.status_code == 202, created.text
    order = created.json()
    assert created.headers["location"] == f"/v1/orders/{order['id']}"
    assert order["status"] == "ORDER_STATUS_PENDING" and order["total"]["minorUnits"] == "3000"
    assert http("POST", "/v1/orders", json=order_body, headers=key).json()["id"] == order["id"]
    expect_status(http("POST", "/v1/orders", json=order_body), 401, UNAUTHENTICATED)
    unknown = {"items": [{"productId": UNKNOWN, "quantity": 1}], "voucherCode": "SPRING"}
    expect_status(http("POST", "/v1/orders", json=unknown, headers=auth), 400, FAILED_PRECONDITION)

    oid = order["id"]
    assert http("GET", f"/v1/orders/{oid}").json() == order
    expect_status(http("GET", f"/v1/orders/{UNKNOWN}"), 404, NOT_FOUND)
    assert [o["id"] for o in http("GET", "/v1/orders", headers=auth).json()["orders"]] == [oid]
    watched = http("GET", f"/v1/orders/{oid}:watch")
    assert watched.status_code == 200 and watched.text.strip(), watched.text
    expect_status(http("GET", f"/v1/orders/{UNKNOWN}:watch"), 404, NOT_FOUND)

    expect_status(http("POST", f"/v1/orders/{oid}:complete", json={}), 400, FAILED_PRECONDITION)
    assert http("POST", f"/v1/orders/{oid}:ship", json={"trackingNumber": "T1"}).json()["status"] == "ORDER_STATUS_SHIPPED"
    expect_status(http("POST", f"/v1/orders/{oid}:ship", json={}), 400, FAILED_PRECONDITION)
    expect_status(http("POST", f"/v1/orders/{oid}:cancel", json={}), 400, FAILED_PRECONDITION)
    expect_status(http("POST", f"/v1/orders/{UNKNOWN}:cancel", json={}), 404, NOT_FOUND)
    expect_status(http("POST", f"/v1/orders/{UNKNOWN}:ship", json={}), 404, NOT_FOUND)
    expect_status(http("POST", f"/v1/orders/{UNKNOWN}:complete", json={}), 404, NOT_FOUND)
    assert http("POST", f"/v1/orders/{oid}:complete", json={}).json()["status"] == "ORDER_STATUS_COMPLETED"

    second = http("POST", "/v1/orders", json=order_body, headers=auth).json()
    cancelled = http("POST", f"/v1/orders/{second['id']}:cancel", json={"reason": "changed my mind"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "ORDER_STATUS_CANCELLED"


# Documented statuses no request can reach against the in-memory services, and why.
UNREACHABLE = {
    ("post", "/v1/orders", "409"): "ABORTED (a request with the same key still in flight) needs a slow saga step",
}


def auth_statuses(operation):
    """The statuses an operation's `security` brings: 401 when it needs a token, and 403 when the
    token needs a role. The auth interceptor answers them, and sample-server runs none: its
    in-memory services check tokens only where their own code does (GetMe, SetRoles, CreateOrder,
    asserted by the calls above), so these are not required of every operation here."""
    requirements = operation.get("security", [])
    if not requirements:
        return set()
    return {"401", "403"} if any(roles for requirement in requirements for roles in requirement.values()) else {"401"}


def documented_operations():
    """(method, path template, regex, statuses) of every operation of the sample documents, less
    the statuses only an auth interceptor answers (auth_statuses)."""
    for name in ("user", "product", "order"):
        document = json.loads((ROOT / "Generated" / "openapi" / f"{name}.v1.openapi.json").read_text())
        for template, item in document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$")
            for method, operation in item.items():
                if isinstance(operation, dict) and "responses" in operation:
                    statuses = set(operation["responses"]) - {"default"} - auth_statuses(operation)
                    yield method, template, pattern, statuses


def test_auth_statuses_follow_security():
    """The statuses left out above are exactly those `security` implies: 401 on every operation
    that needs a token, 403 on those that need a role, none on public ones."""
    document = json.loads((ROOT / "Generated" / "openapi" / "product.v1.openapi.json").read_text())
    assert auth_statuses(document["paths"]["/v1/products/{id}"]["get"]) == set()
    assert auth_statuses(document["paths"]["/v1/products"]["post"]) == {"401", "403"}
    document = json.loads((ROOT / "Generated" / "openapi" / "user.v1.openapi.json").read_text())
    assert auth_statuses(document["paths"]["/v1/users/me"]["get"]) == {"401"}


def test_every_documented_status_is_reached():
    """Runs last: each documented status of each operation was answered to one of the calls
    above (the documents are read, so a new operation or declared error fails this test until
    a call reaches it), but for the 401 and 403 of `security` (auth_statuses)."""
    missing = []
    for method, template, pattern, statuses in documented_operations():
        reached = {status for (m, path, status) in REACHED if m.lower() == method and pattern.match(path)}
        for status in sorted(statuses - reached):
            if (method, template, status) not in UNREACHABLE:
                missing.append(f"{method.upper()} {template} {status}")
    assert not missing, "documented statuses no call reached: " + ", ".join(missing)
