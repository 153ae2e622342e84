#!/usr/bin/env python3
"""What the platform benchmark's wrk scripts need from a running, seeded `room619 run`
(Python 3, stdlib only; called by platform-bench.sh):

  platform-setup.py URL OUT_DIR [--users N] [--expect-products N]

writes into OUT_DIR
  ids.txt       every active product's id, from GET /v1/products (pages of 100)
  queries.txt   search queries made of the seeded catalogue's words (SeedWords.swift), URL-encoded,
                each one checked to find at least one product
  accounts.txt  the emails of N new accounts (POST /v1/users), password "a long enough password"
  tokens.txt    an access token of each (POST /v1/auth:login), checked on GET /v1/users/me

and prints one line per file. Exits 1 with the reason when the platform answers otherwise.
"""

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

PASSWORD = "a long enough password"

# Words of Sources/ProductService/Seeding/SeedWords.swift: nouns, materials, colours, adjectives
# (with accented ones, matched accent-insensitively), and prefixes of the last word.
WORDS = [
    "mug", "kettle", "teapot", "skillet", "rake", "hose", "trowel", "stapler", "notebook", "lamp", "armchair",
    "stool", "bookshelf", "lantern", "candle", "atlas", "cookbook", "tent", "hammock", "backpack", "blanket",
    "cushion", "rug", "apron", "oak", "walnut", "bamboo", "steel", "copper", "brass", "ceramic", "linen", "wool",
    "glass", "leather", "stoneware", "porcelain", "red", "blue", "green", "charcoal", "ivory", "olive", "teal",
    "terracotta", "rustic", "vintage", "handmade", "portable", "creme", "cafe", "naive", "rosé", "brûlée",
]
PAIRS = [
    "copper kettle", "oak stool", "brass lamp", "wool blanket", "linen apron", "steel skillet", "ceramic mug",
    "walnut bookshelf", "glass lantern", "leather backpack", "rustic oak", "vintage brass", "teal cushion",
    "stoneware teapot", "bamboo rake", "handmade cookbook", "cast iron skillet", "red tent", "olive hammock",
    "porcelain espresso cup",
]
PREFIXES = ["lant", "kett", "cush", "stonew", "terrac", "rust", "vint", "brass la", "oak sto", "wool bla"]


def call(base, method, path, body=None, token=None, expect=200):
    """The parsed JSON answer of one request; exits when the status is not `expect`."""
    request = urllib.request.Request(base + path, method=method)
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, data=data, timeout=30) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    if status != expect:
        sys.exit(f"platform-setup: {method} {path} answered {status}, expected {expect}: {text[:300]!r}")
    return json.loads(text) if text else {}


def product_ids(base):
    ids, token = [], ""
    while True:
        query = urllib.parse.urlencode({"page.pageSize": 100, "page.pageToken": token})
        page = call(base, "GET", "/v1/products?" + query)
        ids += [product["id"] for product in page.get("products", [])]
        token = page.get("page", {}).get("nextPageToken", "")
        if not token:
            return ids


def queries(base):
    found = []
    for text in WORDS + PAIRS + PREFIXES:
        encoded = urllib.parse.quote(text, safe="")
        hits = call(base, "GET", f"/v1/products:search?page.pageSize=1&query={encoded}").get("results", [])
        if hits:
            found.append(encoded)
    return found


def accounts(base, count):
    tag = uuid.uuid4().hex[:8]
    emails, tokens = [], []
    for index in range(count):
        email = f"bench-{tag}-{index}@bench.example"
        call(base, "POST", "/v1/users", {"email": email, "displayName": f"Bench {index}", "password": PASSWORD}, expect=201)
        token = call(base, "POST", "/v1/auth:login", {"email": email, "password": PASSWORD})["accessToken"]
        me = call(base, "GET", "/v1/users/me", token=token)
        if me.get("email") != email:
            sys.exit(f"platform-setup: /v1/users/me answered {me!r} for {email}")
        emails.append(email)
        tokens.append(token)
    return emails, tokens


def write(directory, name, lines):
    with open(f"{directory}/{name}", "w") as file:
        file.write("\n".join(lines) + "\n")
    print(f"  {name}: {len(lines)} lines")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--expect-products", type=int, default=0)
    arguments = parser.parse_args()
    base = arguments.url.rstrip("/")

    ids = product_ids(base)
    if len(ids) < arguments.expect_products:
        sys.exit(f"platform-setup: {len(ids)} products listed, expected {arguments.expect_products}")
    write(arguments.out, "ids.txt", ids)
    found = queries(base)
    if len(found) < len(WORDS + PAIRS + PREFIXES) // 2:
        sys.exit(f"platform-setup: only {len(found)} of the catalogue's words find products: is it seeded?")
    write(arguments.out, "queries.txt", found)
    emails, tokens = accounts(base, arguments.users)
    write(arguments.out, "accounts.txt", emails)
    write(arguments.out, "tokens.txt", tokens)


if __name__ == "__main__":
    main()
