"""Stock reservations under contention: 64 clients reserving the last units of a product at
once — through one process on SQLite, and through two product-service processes on one
PostgreSQL — are never oversold, every reservation is released or committed exactly once, and
the totals reconcile in SQL."""

import os
import sqlite3
import threading
import uuid

import grpc
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

import platform_tokens
from conftest import Platform, http
from peer_process import ListeningProcess

CLIENTS = 64
STOCK = 10


def create_product(base, pem, stock):
    status, _, product = http(
        base, "POST", "/v1/products",
        {"product": {"sku": "RACE-" + uuid.uuid4().hex[:10].upper(), "name": "Contended thing",
                     "price": {"minorUnits": "100", "currencyCode": "EUR"}}, "initialStock": stock},
        token=platform_tokens.admin(pem),
    )
    assert status == 201, product
    return product["id"]


def race(targets, pem, product_id):
    """64 concurrent ReserveStock calls over `targets`; then commits half, releases half, each
    twice (the repeat must be a no-op). Returns (reservation ids, committed, released)."""
    from product.v1 import product_pb2, product_pb2_grpc

    metadata = [("authorization", f"Bearer {platform_tokens.service(pem)}")]
    barrier = threading.Barrier(CLIENTS)
    outcomes = [None] * CLIENTS

    def client(index):
        with grpc.insecure_channel(targets[index % len(targets)]) as channel:
            stub = product_pb2_grpc.ProductServiceStub(channel)
            request = product_pb2.ReserveStockRequest(
                product_id=product_id, quantity=1, order_id=f"order-{index}", idempotency_key=uuid.uuid4().hex
            )
            stub.GetStock(product_pb2.GetStockRequest(product_id=product_id), timeout=30)  # connected before the start
            barrier.wait(timeout=60)
            try:
                outcomes[index] = stub.ReserveStock(request, metadata=metadata, timeout=30).id
            except grpc.RpcError as error:
                outcomes[index] = error.code()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    held = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if not isinstance(o, str)]
    assert len(held) == STOCK, outcomes
    assert set(refused) == {grpc.StatusCode.FAILED_PRECONDITION}, outcomes

    committed, released = held[: STOCK // 2], held[STOCK // 2:]
    for attempt in range(2):
        for index, reservation in enumerate(held):
            with grpc.insecure_channel(targets[(index + attempt) % len(targets)]) as channel:
                stub = product_pb2_grpc.ProductServiceStub(channel)
                if reservation in committed:
                    answer = stub.CommitReservation(
                        product_pb2.CommitReservationRequest(reservation_id=reservation), metadata=metadata, timeout=30)
                    assert answer.state == product_pb2.RESERVATION_STATE_COMMITTED
                else:
                    answer = stub.ReleaseReservation(
                        product_pb2.ReleaseReservationRequest(reservation_id=reservation), metadata=metadata, timeout=30)
                    assert answer.state == product_pb2.RESERVATION_STATE_RELEASED
    with grpc.insecure_channel(targets[0]) as channel:
        stock = product_pb2_grpc.ProductServiceStub(channel).GetStock(
            product_pb2.GetStockRequest(product_id=product_id), timeout=30)
    assert (stock.available, stock.reserved) == (STOCK - len(committed), 0)
    return held, committed, released


RECONCILE = (
    "SELECT p.on_hand, p.reserved, "
    "(SELECT COUNT(*) FROM reservations r WHERE r.product_id = p.id AND r.state = 3), "
    "(SELECT COUNT(*) FROM reservations r WHERE r.product_id = p.id AND r.state = 2), "
    "(SELECT COALESCE(SUM(quantity), 0) FROM reservations r WHERE r.product_id = p.id AND r.state = 1) "
    "FROM products p WHERE p.id = '{id}'"
)


def test_the_last_units_on_sqlite(room619_bin, stubs, tmp_path):
    platform = Platform(room619_bin, "sqlite", str(tmp_path / "data"))
    try:
        pem = platform.signing_key_pem()
        product_id = create_product(platform.url, pem, STOCK)
        _, committed, released = race([platform.target], pem, product_id)
    finally:
        platform.stop()
    with sqlite3.connect(os.path.join(platform.data_dir, "product.sqlite3")) as database:
        row = database.execute(RECONCILE.format(id=product_id)).fetchone()
    assert row == (STOCK - len(committed), 0, len(committed), len(released), 0)


def test_the_last_units_through_two_processes_on_postgresql(room619_bin, postgres, stubs, tmp_path):
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    key_file = tmp_path / "signing.pem"
    key_file.write_bytes(pem)
    url = postgres.new_database()
    env = dict(os.environ, HOST="127.0.0.1", PORT="0", DATABASE_URL=url, ROOM619_SIGNING_KEY_FILE=str(key_file),
               ROOM619_DATA_DIR=str(tmp_path / "data"))
    first = ListeningProcess("product A", [room619_bin, "serve", "product"], env)
    second = ListeningProcess("product B", [room619_bin, "serve", "product"], env)
    try:
        product_id = create_product(f"http://127.0.0.1:{first.port}", pem, STOCK)
        targets = [f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"]
        _, committed, released = race(targets, pem, product_id)
        # The last line: the SET before the query prints its command tag.
        row = postgres.psql(url, "SET search_path TO product; " + RECONCILE.format(id=product_id)).strip().splitlines()[-1]
        assert row.split("|") == [str(STOCK - len(committed)), "0", str(len(committed)), str(len(released)), "0"]
    finally:
        first.stop()
        second.stop()
