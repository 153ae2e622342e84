"""The same services over gRPC, with Python's grpcio: the REST edge and gRPC share handlers,
validation and auth."""

import uuid

import grpc
import pytest
from grpc_status import rpc_status

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD


def test_sign_up_sign_in_and_me_over_grpc(platform, stubs):
    from user.v1 import user_pb2, user_pb2_grpc

    email = f"grpc-{uuid.uuid4().hex[:8]}@example.com"
    with grpc.insecure_channel(platform.target) as channel:
        users = user_pb2_grpc.UserServiceStub(channel)
        created = users.CreateUser(
            user_pb2.CreateUserRequest(email=email, display_name="Grace", password="a long enough password"), timeout=10
        )
        session = users.Login(user_pb2.LoginRequest(email=email, password="a long enough password"), timeout=10)
        assert session.user.id == created.id and session.access_token
        me = users.GetMe(user_pb2.GetMeRequest(), metadata=[("authorization", f"Bearer {session.access_token}")],
                         timeout=10)
        assert me.email == email
        with pytest.raises(grpc.RpcError) as anonymous:
            users.GetMe(user_pb2.GetMeRequest(), timeout=10)
        assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED
        # The REST session works on gRPC and the other way round: one token, one handler.
        status, _, body = platform.curl("GET", "/v1/users/me", token=session.access_token)
        assert status == 200 and body["id"] == created.id


def test_validation_errors_carry_field_violations(platform, stubs):
    from google.rpc import error_details_pb2
    from user.v1 import user_pb2, user_pb2_grpc

    with grpc.insecure_channel(platform.target) as channel:
        users = user_pb2_grpc.UserServiceStub(channel)
        with pytest.raises(grpc.RpcError) as refused:
            users.CreateUser(user_pb2.CreateUserRequest(email="nope", display_name="", password="short"), timeout=10)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        status = rpc_status.from_call(refused.value)
        fields = set()
        for detail in status.details:
            if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                fields |= {v.field for v in bad.field_violations}
        assert {"email", "display_name", "password"} <= fields, fields


def test_catalogue_over_grpc(platform, stubs):
    from common.v1 import money_pb2, pagination_pb2
    from product.v1 import product_pb2, product_pb2_grpc
    from user.v1 import user_pb2, user_pb2_grpc

    with grpc.insecure_channel(platform.target) as channel:
        admin = user_pb2_grpc.UserServiceStub(channel).Login(
            user_pb2.LoginRequest(email=ADMIN_EMAIL, password=ADMIN_PASSWORD), timeout=10
        ).access_token
        products = product_pb2_grpc.ProductServiceStub(channel)
        word = "grpcword" + uuid.uuid4().hex[:6]
        made = products.CreateProduct(
            product_pb2.CreateProductRequest(
                product=product_pb2.Product(
                    sku="G-" + uuid.uuid4().hex[:8].upper(), name=f"A {word} kettle",
                    price=money_pb2.Money(minor_units=2500, currency_code="EUR"),
                ),
                initial_stock=4,
            ),
            metadata=[("authorization", f"Bearer {admin}")], timeout=10,
        )
        assert products.GetProduct(product_pb2.GetProductRequest(id=made.id), timeout=10).name == made.name
        found = products.SearchProducts(
            product_pb2.SearchProductsRequest(query=word, page=pagination_pb2.PageRequest(page_size=5)), timeout=10
        )
        assert [r.product.id for r in found.results] == [made.id]
        stock = products.GetStock(product_pb2.GetStockRequest(product_id=made.id), timeout=10)
        assert stock.available == 4 and stock.reserved == 0


def test_reflection_lists_the_services(platform):
    from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

    with grpc.insecure_channel(platform.target) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        services = set(database.get_services())
        assert {"user.v1.UserService", "product.v1.ProductService", "grpc.health.v1.Health"} <= services, services
        method = database.FindFileContainingSymbol("product.v1.ProductService")
        assert method.name == "product/v1/product.proto"
