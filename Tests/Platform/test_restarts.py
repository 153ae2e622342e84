"""Restarts under load. SIGTERM mid-load: every request that got a success answer is still
there after a restart. SIGKILL mid-load: the database is consistent on restart, checked by a
reconciliation query. On SQLite and on PostgreSQL."""

import os
import random
import signal
import sqlite3
import threading
import time
import uuid

import grpc

import platform_tokens
from conftest import Platform, http

THREADS = 6


def start(room619_bin, backend, request, data_dir):
    url = request.getfixturevalue("postgres").new_database() if backend == "postgres" else None
    return Platform(room619_bin, backend, data_dir, database_url=url)


def under_load(work, stop_after, interrupt):
    """Runs `work(stop)` on THREADS threads; calls `interrupt` after `stop_after` seconds and
    lets the threads see the failures for a moment more."""
    stop = threading.Event()
    threads = [threading.Thread(target=work, args=(stop,)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    time.sleep(stop_after)
    interrupt()
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)


def test_sigterm_mid_load_loses_no_acknowledged_write(room619_bin, backend, request, tmp_path):
    platform = start(room619_bin, backend, request, str(tmp_path / "data"))
    acknowledged = []
    lock = threading.Lock()
    pem = platform.signing_key_pem()
    admin = platform_tokens.admin(pem)
    base = platform.url

    def work(stop):
        while not stop.is_set():
            sku = "TERM-" + uuid.uuid4().hex[:10].upper()
            status, _, body = http(
                base, "POST", "/v1/products",
                {"product": {"sku": sku, "name": "Kept", "price": {"minorUnits": "1", "currencyCode": "EUR"}},
                 "initialStock": 3},
                token=admin,
            )
            if status == 201:
                with lock:
                    acknowledged.append(body["id"])

    under_load(work, 1.0, platform.process.terminate)
    platform.process.process.wait(timeout=30)
    assert platform.process.process.returncode == 0, platform.process.stderr()
    assert len(acknowledged) > 20, "the load never got going"
    platform.start()
    try:
        missing = [pid for pid in acknowledged if platform.curl("GET", f"/v1/products/{pid}")[0] != 200]
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged products are gone"
    finally:
        platform.stop()


def test_sigkill_mid_load_leaves_a_consistent_database(room619_bin, backend, request, tmp_path, stubs):
    from product.v1 import product_pb2, product_pb2_grpc

    platform = start(room619_bin, backend, request, str(tmp_path / "data"))
    cluster = request.getfixturevalue("postgres") if backend == "postgres" else None
    pem = platform.signing_key_pem()
    products = []
    for _ in range(3):
        status, _, body = platform.curl(
            "POST", "/v1/products",
            {"product": {"sku": "KILL-" + uuid.uuid4().hex[:10].upper(), "name": "Busy",
                         "price": {"minorUnits": "1", "currencyCode": "EUR"}}, "initialStock": 1000},
            token=platform_tokens.admin(pem),
        )
        assert status == 201
        products.append(body["id"])
    metadata = [("authorization", f"Bearer {platform_tokens.service(pem)}")]
    target = platform.target

    def work(stop):
        rng = random.Random()
        with grpc.insecure_channel(target) as channel:
            stub = product_pb2_grpc.ProductServiceStub(channel)
            while not stop.is_set():
                try:
                    held = stub.ReserveStock(
                        product_pb2.ReserveStockRequest(
                            product_id=rng.choice(products), quantity=rng.randint(1, 5), order_id="o",
                            idempotency_key=uuid.uuid4().hex),
                        metadata=metadata, timeout=5)
                    if rng.random() < 0.5:
                        stub.CommitReservation(
                            product_pb2.CommitReservationRequest(reservation_id=held.id), metadata=metadata, timeout=5)
                    elif rng.random() < 0.8:
                        stub.ReleaseReservation(
                            product_pb2.ReleaseReservationRequest(reservation_id=held.id), metadata=metadata, timeout=5)
                except grpc.RpcError:
                    pass  # the process is gone

    under_load(work, 1.0, lambda: platform.process.process.send_signal(signal.SIGKILL))
    platform.process.process.wait(timeout=30)
    platform.start()  # recovers: SQLite replays its WAL, PostgreSQL its log
    try:
        assert platform.curl("GET", "/health/ready")[0] == 200
        for product_id in products:
            on_hand, reserved, committed, held = reconcile(platform, product_id, cluster)
            assert reserved == held, (product_id, reserved, held)
            assert on_hand == 1000 - committed, (product_id, on_hand, committed)
            assert 0 <= reserved <= on_hand
            status, _, stock = platform.curl("GET", f"/v1/products/{product_id}/stock")
            assert status == 200 and stock["available"] == on_hand - reserved and stock["reserved"] == reserved
    finally:
        platform.stop()


def reconcile(platform, product_id, cluster):
    """on_hand and reserved as stored, against what the reservations say."""
    sql = (
        "SELECT p.on_hand, p.reserved, "
        "(SELECT COALESCE(SUM(quantity), 0) FROM reservations r WHERE r.product_id = p.id AND r.state = 3), "
        "(SELECT COALESCE(SUM(quantity), 0) FROM reservations r WHERE r.product_id = p.id AND r.state = 1) "
        f"FROM products p WHERE p.id = '{product_id}'"
    )
    if platform.backend == "sqlite":
        with sqlite3.connect(os.path.join(platform.data_dir, "product.sqlite3")) as database:
            return tuple(database.execute(sql).fetchone())
    # The last line: the SET before the query prints its command tag.
    row = cluster.psql(platform.database_url, "SET search_path TO product; " + sql).strip().splitlines()[-1]
    return tuple(int(value) for value in row.split("|"))
