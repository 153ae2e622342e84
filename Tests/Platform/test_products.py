"""The product service over REST, with curl: the catalogue, search and stock."""

import uuid


def sku():
    return "SKU-" + uuid.uuid4().hex[:10].upper()


def create(platform, token, name, description="", tags=(), price=1999, stock=10, category="misc"):
    body = {
        "product": {
            "sku": sku(), "name": name, "description": description, "tags": list(tags),
            "price": {"minorUnits": str(price), "currencyCode": "EUR"}, "category": category,
        },
        "initialStock": stock,
    }
    status, headers, product = platform.curl("POST", "/v1/products", body, token=token)
    assert status == 201, product
    assert headers["location"] == f"/v1/products/{product['id']}"
    return product


def test_only_administrators_write_the_catalogue(platform):
    body = {"product": {"sku": sku(), "name": "Lamp", "price": {"minorUnits": "100", "currencyCode": "EUR"}}}
    assert platform.curl("POST", "/v1/products", body)[0] == 401
    from test_users import unique

    _, token = platform.user_with_token(unique("shopper"))
    assert platform.curl("POST", "/v1/products", body, token=token)[0] == 403
    assert platform.curl("POST", "/v1/products", body, token=platform.admin_token())[0] == 201


def test_read_update_delete(platform):
    admin = platform.admin_token()
    product = create(platform, admin, "Brass desk lamp", "A lamp for the desk", tags=["lighting"])
    status, _, seen = platform.curl("GET", f"/v1/products/{product['id']}")  # public
    assert status == 200 and seen["name"] == "Brass desk lamp"
    status, _, updated = platform.curl(
        "PATCH", f"/v1/products/{product['id']}?updateMask=name",
        {"name": "Brass reading lamp"}, token=admin,
    )
    assert status == 200 and updated["name"] == "Brass reading lamp" and updated["sku"] == product["sku"]
    assert platform.curl("DELETE", f"/v1/products/{product['id']}", token=admin)[0] == 204
    listed = platform.curl("GET", "/v1/products?page.pageSize=1000")[2]["products"]
    assert product["id"] not in {p["id"] for p in listed}, "a discontinued product is still listed"


def test_duplicate_sku_is_409(platform):
    admin = platform.admin_token()
    product = create(platform, admin, "Teapot")
    body = {"product": {"sku": product["sku"], "name": "Another", "price": {"minorUnits": "1", "currencyCode": "EUR"}}}
    assert platform.curl("POST", "/v1/products", body, token=admin)[0] == 409


def test_list_filters_and_pagination(platform):
    admin = platform.admin_token()
    category = "cat-" + uuid.uuid4().hex[:8]
    made = [create(platform, admin, f"Thing {n}", price=100 * (n + 1), stock=n % 2, category=category) for n in range(5)]
    status, _, page = platform.curl("GET", f"/v1/products?category={category}&page.pageSize=2")
    assert status == 200 and len(page["products"]) == 2 and page["page"]["nextPageToken"]
    seen = [p["id"] for p in page["products"]]
    token = page["page"]["nextPageToken"]
    while token:
        page = platform.curl("GET", f"/v1/products?category={category}&page.pageSize=2&page.pageToken={token}")[2]
        seen += [p["id"] for p in page["products"]]
        token = page.get("page", {}).get("nextPageToken")
    assert sorted(seen) == sorted(p["id"] for p in made) and len(seen) == len(set(seen))
    in_stock = platform.curl("GET", f"/v1/products?category={category}&inStock=true&page.pageSize=100")[2]
    assert len(in_stock["products"]) == 2
    cheap = platform.curl(
        "GET", f"/v1/products?category={category}&maxPrice.minorUnits=250&maxPrice.currencyCode=EUR&page.pageSize=100"
    )[2]
    assert {p["name"] for p in cheap["products"]} == {"Thing 0", "Thing 1"}


def test_search_is_ranked_accent_and_case_insensitive_with_a_prefix(platform):
    admin = platform.admin_token()
    word = "zq" + uuid.uuid4().hex[:6]  # a word no other test uses
    strong = create(platform, admin, f"{word} {word} garden hose", f"the {word} hose for every garden", tags=[word])
    weak = create(platform, admin, "Plain bucket", f"mentions {word} once in a long description " + "filler " * 40)
    accented = create(platform, admin, f"Crème brûlée torch {word}x")
    status, _, found = platform.curl("GET", f"/v1/products:search?query={word}")
    assert status == 200
    ids = [r["product"]["id"] for r in found["results"]]
    assert ids.index(strong["id"]) < ids.index(weak["id"]), found
    scores = [r["score"] for r in found["results"]]
    assert scores == sorted(scores, reverse=True)
    # Case- and accent-insensitive, and the last word as a prefix.
    for query in [f"CREME BRULEE {word}", f"creme brul"]:
        hits = platform.curl("GET", f"/v1/products:search?query={query.replace(' ', '%20')}")[2]
        assert accented["id"] in [r["product"]["id"] for r in hits.get("results", [])], query


def test_search_text_is_never_query_syntax(platform):
    for query in ['"', "*", "NEAR(", "a OR b AND", "title:x", "'; DROP TABLE products;--", "(((", "-", "!!"]:
        status, _, _ = platform.curl("GET", "/v1/products:search?query=" + urlquote(query))
        assert status == 200, query


def test_stock_is_public(platform):
    admin = platform.admin_token()
    product = create(platform, admin, "Counted", stock=7)
    status, _, stock = platform.curl("GET", f"/v1/products/{product['id']}/stock")
    assert status == 200 and stock["available"] == 7


def test_bad_input(platform):
    admin = platform.admin_token()
    cases = [
        {"product": {"sku": "lower-case", "name": "x", "price": {"minorUnits": "1", "currencyCode": "EUR"}}},
        {"product": {"sku": sku(), "name": "", "price": {"minorUnits": "1", "currencyCode": "EUR"}}},
        {"product": {"sku": sku(), "name": "x"}},
        {"product": {"sku": sku(), "name": "x", "price": {"minorUnits": "1", "currencyCode": "euro"}}},
        {"product": {"sku": sku(), "name": "x", "price": {"minorUnits": "1", "currencyCode": "EUR"}}, "initialStock": -1},
        {"product": {"sku": sku(), "name": "x", "price": {"minorUnits": "-5", "currencyCode": "EUR"}}},
    ]
    for body in cases:
        status, _, answer = platform.curl("POST", "/v1/products", body, token=admin)
        assert status == 400, (body, answer)
    assert platform.curl("GET", "/v1/products/not-a-uuid")[0] == 400
    assert platform.curl("GET", "/v1/products?page.pageSize=100000")[0] == 400


def urlquote(text):
    from urllib.parse import quote

    return quote(text, safe="")
