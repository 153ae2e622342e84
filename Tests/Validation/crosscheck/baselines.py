"""One valid message of each test contract type, in text format: the starting point of every
edge and random case, which then changes one to a few fields. `test_oracle.py` checks that the
oracle finds each of them valid.

Clock-relative fields are left unset here (the corpus fills them relative to its `now`).
"""

from google.protobuf import text_format

_NUMBERS = """
const_value: 7 lt: 9 lte: 10 gt: 6 gte: 5 gt_lt: 6 gt_lte: 10 gte_lt: 5 gte_lte: 10
gt_lt_exclusive: 11 gt_lte_exclusive: 4 gte_lt_exclusive: 10 gte_lte_exclusive: 5
in_set: 3 not_in_set: 1 equal_bounds: 5 extremes: 1 all_rules: 5 items: [5, 9]
"""
_FLOATS = _NUMBERS + "fraction: 0 finite: 1.5 finite_gt: 0.25 zero_const: 0 zero_not_in: 1 in_fraction: -0.25"

TEXT = {
    **{
        f"{kind}Cases": _FLOATS if kind in ("Float", "Double") else _NUMBERS
        for kind in (
            "Int32", "Int64", "UInt32", "UInt64", "SInt32", "SInt64", "Fixed32", "Fixed64", "SFixed32", "SFixed64",
            "Float", "Double",
        )
    },
    "StringCases": """
        const_value: "abc" len: "été" min_len: "ab" max_len: "" min_max_len: "abc" len_bytes: "éé" min_bytes: "ab"
        max_bytes: "" pattern: "ab-12" pattern_search: "xabbcx" pattern_unicode: "Ωmega 42" pattern_case: "HeLLo"
        prefix: "prése" suffix: "prefix" contains: "amidst" not_contains: "good" in_set: "ç" not_in_set: "y"
        all_rules: "abcd" all_rules_email: "user@example.com" items: ["a", "abc"]
    """,
    "StringFormatCases": """
        email: "a@b.co" hostname: "example.com" ip: "::1" ipv4: "127.0.0.1" ipv6: "fe80::1" uri: "https://x.y/z"
        uri_ref: "/a/b" address: "example.com" uuid: "123e4567-e89b-12d3-a456-426614174000"
        tuuid: "123e4567e89b12d3a456426614174000" ip_with_prefixlen: "10.1.2.3/8"
        ipv4_with_prefixlen: "10.1.2.3/8" ipv6_with_prefixlen: "2001:db8::1/32" ip_prefix: "10.0.0.0/8"
        ipv4_prefix: "10.0.0.0/8" ipv6_prefix: "2001:db8::/32" host_and_port: "example.com:443"
        header_name: "Content-Type" header_value: "text/plain" header_name_loose: "x" header_value_loose: "v"
        hostnames: ["a.b", "c"]
    """,
    "BytesCases": r"""
        const_value: "\001\002\377" len: "abc" min_len: "ab" max_len: "" pattern: "abc" prefix: "\000\001x"
        suffix: "x\376\377" contains: "a\231b" in_set: "\001" not_in_set: "y" ip: "\177\000\000\001"
        ipv4: "\012\000\000\001" ipv6: "\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\001"
        all_rules: "abcd" all_rules_ip: "\012\000\000\001" items: ["a", "bc"]
    """,
    "EnumCases": """
        const_value: COLOR_GREEN defined_only: COLOR_BLUE in_set: COLOR_RED not_in_set: COLOR_GREEN in_undeclared: 7
        all_rules: COLOR_RED items: [COLOR_RED, COLOR_NEGATIVE] by_name { key: "far" value: COLOR_FAR } unchecked: 77
    """,
    "BoolCases": "const_true: true items: [true, true]",
    "Item": 'sku: "abc" quantity: 1',
    "RepeatedCases": """
        min_items: [1, 2] max_items: [1] min_max_items: [1] unique_ints: [1, 2] unique_strings: ["a", "b"]
        unique_floats: [1, 2] items_rules: ["xa", "xb"] all_rules: [1, 2]
        messages { sku: "a" quantity: 1 } messages_bounded { sku: "b" quantity: 2 }
    """,
    "MapCases": """
        min_pairs { key: "a" value: 1 } min_pairs { key: "b" value: 2 }
        keys_values { key: "ab" value: "a@b.co" } int32_keys { key: -9 value: 1 } uint64_keys { key: 99 value: 1 }
        bool_keys { key: true value: 1 } string_keys { key: "abc" value: 1 }
        items { key: "x" value { sku: "a" quantity: 1 } } items_by_id { key: 1 value { sku: "b" quantity: 2 } }
        all_rules { key: "a" value: 0 } all_rules { key: "b" value: 9 }
    """,
    "Order": """
        id: "123e4567-e89b-12d3-a456-426614174000"
        customer { email: "a@b.co" address { zip: "12345" tags { key: "k" value: "v" } } }
        lines { sku: "a" quantity: 1 extras { sku: "x" quantity: 1 } }
        lines_by_sku { key: "b" value { sku: "b" quantity: 100 } }
    """,
    "Order.Customer": 'email: "a@b.co" address { zip: "12345" }',
    "Order.Address": 'zip: "12345"',
    "Order.Line": 'sku: "a" quantity: 1',
    "CelMessageCases": 'min: 1 max: 10 name: "n" nickname: "nick" item { sku: "a" quantity: 1 }',
    "CelFieldCases": """
        even: 2 arithmetic: 100 unsigned: 99 ratio: 0.5 name: "abc" code: "b2" path: "/v1/a.x" slug: "a-b"
        email: "a@b.co" host: "example.com" address: "1.2.3.4" link: "https://x.y" scores: [1, 2]
        tags: ["primary"] timeout { seconds: 30 } created { seconds: 1600000000 } multi: "abc"
        item { sku: "bulk-1" quantity: 10 } counts { key: "abc" value: 1 } maybe: 1 items_cel: [9]
    """,
    "CelRuntimeErrorCases": "divisor: 4 big: 1",
    "PredefinedCases": """
        handle: "ab" handle_long: "ab" not_admin: "root" dozen: 24 dozen_positive: 12 pairs: [1, 2] handles: ["a"]
    """,
    "RequiredCases": """
        scalar: 1 text: "t" data: "d" color: COLOR_RED flag: true optional_scalar: 0 item { sku: "a" quantity: 1 } list: [0]
        map { key: "" value: 0 } text_min_len: "abc" item_with_rules { sku: "a" quantity: 1 } optional_double: 1
        choice_scalar: 0
    """,
    "IgnoreCases": "unspecified: 1 unspecified_optional: 1 required_zero_item { sku: \"a\" quantity: 1 }",
    "OneofCases": 'text: "ab" after: 0',
    "MessageOneofCases": 'a: "ab"',
    "OneofMessageCases": 'item { sku: "a" quantity: 1 }',
    "OrderingCases": """
        z: 2 c1: 1 a: 1 d1: 1 m: 1 p: 1 list: [1, 2, 3] map { key: "ab" value: 1 } map { key: "cd" value: 1 }
        map { key: "ef" value: 1 } item { sku: "a" quantity: 1 }
    """,
    "CelOrderingCases": """
        z: 2 c1: 1 a: 1 m: 1 p: 1 list: [1, 2, 3] map { key: "ab" value: 1 } map { key: "cd" value: 1 }
        map { key: "ef" value: 1 } item { sku: "a" quantity: 1 }
    """,
    "AnyCases": """
        in_set { type_url: "type.googleapis.com/google.protobuf.Duration" }
        required { type_url: "type.googleapis.com/google.protobuf.Duration" }
    """,
    "DurationCases": "const_value { seconds: 3 nanos: 500000000 } in_set { nanos: 1 } not_in_set { nanos: 1 } required_gt { nanos: 1 }",
    "TimestampCases": "const_value { seconds: 1700000000 }",
    "WrapperCases": "required_int32 { value: 1 }",
}


def build(contracts, package):
    """The baseline messages, by full type name (`google.protobuf` messages)."""
    messages = {}
    for short, text in TEXT.items():
        name = f"{package}.{short}"
        message = contracts.google_class(name)()
        text_format.Parse(text, message)
        messages[name] = message
    return messages
