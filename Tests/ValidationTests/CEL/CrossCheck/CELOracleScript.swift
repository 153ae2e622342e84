/// The protovalidate side of ``CELCrossCheckTests``, run as `.venv/bin/python -c <script>`.
///
/// Kept as Swift text so the test target holds no file the package manifest would have to
/// exclude.
enum CELOracleScript {
    static let source = #"""
        """Evaluates CEL rules with protovalidate (the reference implementation) for CELCrossCheckTests.

        Reads JSON from stdin: {"cases": [{"name", "expression"}], "users": [<test.v1.User as proto JSON>]}.
        Each case becomes a message-level `cel` rule on its own copy of test.v1.User (built as a descriptor
        at run time; nothing is generated or checked in). Writes JSON to stdout:
        {"results": {case: [{"verdict": "pass"|"violation"|"error", "message": str}]}}.

        protovalidate's CEL is dynamically typed (it accepts `this.name > 3` and fails only when it runs),
        so it serves as the oracle of evaluation, not of the compiler's type errors.
        """

        import json
        import sys

        from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
        from google.protobuf import duration_pb2, timestamp_pb2, wrappers_pb2  # noqa: F401 (registers the files)

        import protovalidate

        F = descriptor_pb2.FieldDescriptorProto

        # (name, number, type, label, type_name, proto3_optional)
        USER_FIELDS = [
            ("name", 1, F.TYPE_STRING, None, None, False),
            ("email", 2, F.TYPE_STRING, None, None, False),
            ("age", 3, F.TYPE_INT32, None, None, False),
            ("balance", 4, F.TYPE_INT64, None, None, False),
            ("score", 5, F.TYPE_DOUBLE, None, None, False),
            ("ratio", 6, F.TYPE_FLOAT, None, None, False),
            ("big", 7, F.TYPE_UINT64, None, None, False),
            ("small", 8, F.TYPE_UINT32, None, None, False),
            ("flag", 9, F.TYPE_BOOL, None, None, False),
            ("data", 10, F.TYPE_BYTES, None, None, False),
            ("nickname", 11, F.TYPE_STRING, None, None, True),
            ("tags", 12, F.TYPE_STRING, F.LABEL_REPEATED, None, False),
            ("counts", 13, F.TYPE_INT32, F.LABEL_REPEATED, None, False),
            ("labels", 14, F.TYPE_MESSAGE, F.LABEL_REPEATED, "LabelsEntry", False),
            ("stock", 15, F.TYPE_MESSAGE, F.LABEL_REPEATED, "StockEntry", False),
            ("address", 16, F.TYPE_MESSAGE, None, ".test.v1.Address", False),
            ("items", 17, F.TYPE_MESSAGE, F.LABEL_REPEATED, ".test.v1.Item", False),
            ("status", 18, F.TYPE_ENUM, None, ".test.v1.Status", False),
            ("created", 19, F.TYPE_MESSAGE, None, ".google.protobuf.Timestamp", False),
            ("expires", 20, F.TYPE_MESSAGE, None, ".google.protobuf.Timestamp", False),
            ("ttl", 21, F.TYPE_MESSAGE, None, ".google.protobuf.Duration", False),
            ("limit", 22, F.TYPE_MESSAGE, None, ".google.protobuf.Int32Value", False),
        ]


        def add_field(message, name, number, kind, label=None, type_name=None, proto3_optional=False):
            field = message.field.add(name=name, number=number, type=kind, label=label or F.LABEL_OPTIONAL)
            if type_name:
                field.type_name = type_name
            if proto3_optional:
                field.proto3_optional = True
                field.oneof_index = len(message.oneof_decl)
                message.oneof_decl.add(name="_" + name)


        def varint(value):
            out = bytearray()
            while True:
                byte = value & 0x7F
                value >>= 7
                if value:
                    out.append(byte | 0x80)
                else:
                    out.append(byte)
                    return bytes(out)


        def length_delimited(number, payload):
            return varint(number << 3 | 2) + varint(len(payload)) + payload


        def map_entry(message, name, key_type, value_type):
            entry = message.nested_type.add(name=name)
            entry.options.map_entry = True
            add_field(entry, "key", 1, key_type)
            add_field(entry, "value", 2, value_type)


        def user_message(file, name, expression):
            message = file.message_type.add(name=name)
            for field in USER_FIELDS:
                fname, number, kind, label, type_name, optional = field
                if type_name in ("LabelsEntry", "StockEntry"):
                    type_name = f".test.v1.{name}.{type_name}"
                add_field(message, fname, number, kind, label, type_name, optional)
            map_entry(message, "LabelsEntry", F.TYPE_STRING, F.TYPE_STRING)
            map_entry(message, "StockEntry", F.TYPE_INT32, F.TYPE_INT64)
            # (buf.validate.message).cel = {id: "rule", message: "rule failed", expression: …}, written as
            # the option's wire bytes (google.protobuf's pool does not know protovalidate's extensions).
            rule = length_delimited(1, b"rule") + length_delimited(2, b"rule failed") + length_delimited(3, expression.encode())
            message.options.MergeFromString(length_delimited(1159, length_delimited(3, rule)))


        def build(expressions):
            file = descriptor_pb2.FileDescriptorProto(name="test/v1/cel_oracle.proto", package="test.v1", syntax="proto3")
            file.dependency.extend([
                "google/protobuf/duration.proto", "google/protobuf/timestamp.proto",
                "google/protobuf/wrappers.proto",
            ])
            status = file.enum_type.add(name="Status")
            for number, value in enumerate(["STATUS_UNSPECIFIED", "STATUS_ACTIVE", "STATUS_BANNED"]):
                status.value.add(name=value, number=number)
            address = file.message_type.add(name="Address")
            add_field(address, "city", 1, F.TYPE_STRING)
            add_field(address, "zip", 2, F.TYPE_STRING)
            add_field(address, "floor", 3, F.TYPE_INT32, proto3_optional=True)
            item = file.message_type.add(name="Item")
            add_field(item, "sku", 1, F.TYPE_STRING)
            add_field(item, "quantity", 2, F.TYPE_INT32)
            add_field(item, "price", 3, F.TYPE_DOUBLE)
            for index, expression in enumerate(expressions):
                user_message(file, f"User{index}", expression)
            pool = descriptor_pool.Default()
            pool.Add(file)
            return [message_factory.GetMessageClass(pool.FindMessageTypeByName(f"test.v1.User{i}"))
                    for i in range(len(expressions))]


        def verdict(message):
            try:
                violations = protovalidate.collect_violations(message)
            except protovalidate.EvaluationError as error:
                return {"verdict": "error", "message": str(error)}
            if not violations:
                return {"verdict": "pass", "message": ""}
            return {"verdict": "violation", "message": violations[0].proto.message}


        def main():
            request = json.load(sys.stdin)
            cases = request["cases"]
            classes = build([case["expression"] for case in cases])
            results = {}
            for case, cls in zip(cases, classes):
                results[case["name"]] = [verdict(json_format.ParseDict(user, cls())) for user in request["users"]]
            json.dump({"results": results}, sys.stdout)


        main()
        """#
}
