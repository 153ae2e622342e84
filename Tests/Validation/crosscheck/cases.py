"""Hand-picked edge cases, by rule family: each starts from its type's baseline (`baselines.py`)
and replaces the fields its text names (or clears the fields `clear` names). They pin down the
behaviours `README.md` describes: evaluation order, combined rule ids, NaN, -0.0, code points
against bytes, map key paths, presence, the ignore modes, CEL results and evaluation errors.

`NOW` in a text stands for the corpus clock (seconds), so clock-relative cases are written as
offsets from it (`NOW+7200`), always an hour or more from the rule's boundary.
"""

KINDS = ["Int32", "Int64", "UInt32", "UInt64", "SInt32", "SInt64", "Fixed32", "Fixed64", "SFixed32", "SFixed64"]
FLOAT_FIELDS = [
    "const_value", "lt", "lte", "gt", "gte", "gt_lt", "gt_lte", "gte_lt", "gte_lte", "gt_lt_exclusive",
    "gt_lte_exclusive", "gte_lt_exclusive", "gte_lte_exclusive", "in_set", "not_in_set", "equal_bounds", "extremes",
    "fraction", "finite", "finite_gt", "zero_const", "zero_not_in", "in_fraction", "all_rules", "optional_gt",
]
LIMITS = {
    "Int32": (-(2**31), 2**31 - 1), "SInt32": (-(2**31), 2**31 - 1), "SFixed32": (-(2**31), 2**31 - 1),
    "Int64": (-(2**63), 2**63 - 1), "SInt64": (-(2**63), 2**63 - 1), "SFixed64": (-(2**63), 2**63 - 1),
    "UInt32": (0, 2**32 - 1), "Fixed32": (0, 2**32 - 1), "UInt64": (0, 2**64 - 1), "Fixed64": (0, 2**64 - 1),
}


def _numbers():
    cases = []
    for kind in KINDS:
        low, high = LIMITS[kind]
        t = f"{kind}Cases"
        cases += [
            (f"{kind.lower()}/all-zero", t, "", [
                "const_value", "lt", "lte", "gt", "gte", "gt_lt", "gt_lte", "gte_lt", "gte_lte", "gt_lt_exclusive",
                "gt_lte_exclusive", "gte_lt_exclusive", "gte_lte_exclusive", "in_set", "not_in_set", "equal_bounds",
                "extremes", "all_rules", "items"]),
            (f"{kind.lower()}/bounds-exact", t, "lt: 10 lte: 11 gt: 5 gte: 4 gt_lt: 10 gt_lte: 5 gte_lt: 4 gte_lte: 11", []),
            (f"{kind.lower()}/exclusive-inside", t,
             "gt_lt_exclusive: 7 gt_lte_exclusive: 7 gte_lt_exclusive: 7 gte_lte_exclusive: 7", []),
            (f"{kind.lower()}/exclusive-edges", t,
             "gt_lt_exclusive: 10 gt_lte_exclusive: 5 gte_lt_exclusive: 5 gte_lte_exclusive: 10", []),
            (f"{kind.lower()}/exclusive-other-edges", t,
             "gt_lt_exclusive: 5 gt_lte_exclusive: 10 gte_lt_exclusive: 9 gte_lte_exclusive: 6", []),
            (f"{kind.lower()}/limits-low", t, f"extremes: {low} all_rules: {low} lt: {low} gt: {low}", []),
            (f"{kind.lower()}/limits-high", t, f"extremes: {high} all_rules: {high} lt: {high} gt: {high}", []),
            (f"{kind.lower()}/all-rules-order", t, "all_rules: 6", []),
            (f"{kind.lower()}/optional-zero-present", t, "optional_gt: 0", []),
            (f"{kind.lower()}/items", t, "items: [4, 5, 10, 9, 0]", []),
        ]
    for kind in ("Float", "Double"):
        t = f"{kind}Cases"
        for value in ("nan", "inf", "-inf", "-0.0", "0.1", "-0.1"):
            text = " ".join(f"{field}: {value}" for field in FLOAT_FIELDS) + f" items: [{value}]"
            cases.append((f"{kind.lower()}/all-{value}", t, text, []))
        cases += [
            (f"{kind.lower()}/fraction-bounds", t, "fraction: 0.69999999 in_fraction: 0.7", []),
            (f"{kind.lower()}/finite-extremes", t, "finite: 3.4028234663852886e+38 extremes: -3.4028234663852886e+38", []),
            (f"{kind.lower()}/subnormal", t, "gt_lt: 5.000000000000001 zero_const: 5e-324 zero_not_in: 1e-45", []),
        ]
    return cases


def _strings():
    t, f = "StringCases", "StringFormatCases"
    return [
        ("string/code-points-not-graphemes", t, r'len: "e\u0301x" min_max_len: "🇫🇷🇫🇷🇫" max_len: "👍🏽👍🏽👍🏽"', []),
        ("string/bytes-not-code-points", t, 'len_bytes: "éé" max_bytes: "ééé€" min_bytes: "é"', []),
        ("string/no-normalization", t, r'in_set: "c\u0327" prefix: "pre\u0301x" const_value: "ABC"', []),
        ("string/pattern-dollar-before-newline", t, r'pattern: "ab-12\n" pattern_case: "hello\n"', []),
        ("string/pattern-unicode-classes", t, 'pattern_unicode: "日本語 テキスト" pattern_case: "ｈｅｌｌｏ"', []),
        ("string/pattern-search", t, 'pattern_search: "xxabbbbcxx"', []),
        ("string/all-rules-fail", t, 'all_rules: "X"', []),
        ("string/all-rules-email", t, 'all_rules_email: "a"', []),
        ("string/not-in-empty", t, 'not_in_set: ""', []),
        ("string/max-len-zero", t, 'max_len_zero: "a" min_len_zero: ""', []),
        ("string/optional-empty-present", t, 'optional_min_len: ""', []),
        ("string/items", t, 'items: ["", "abcd", "ab"]', []),
        ("format/all-empty", f, "", [
            "email", "hostname", "ip", "ipv4", "ipv6", "uri", "uri_ref", "address", "uuid", "tuuid",
            "ip_with_prefixlen", "ipv4_with_prefixlen", "ipv6_with_prefixlen", "ip_prefix", "ipv4_prefix",
            "ipv6_prefix", "host_and_port", "header_name", "header_value", "header_name_loose", "header_value_loose"]),
        ("format/all-space", f, " ".join(f'{n}: " "' for n in (
            "email", "hostname", "ip", "ipv4", "ipv6", "uri", "uri_ref", "address", "uuid", "tuuid",
            "ip_with_prefixlen", "ipv4_with_prefixlen", "ipv6_with_prefixlen", "ip_prefix", "ipv4_prefix",
            "ipv6_prefix", "host_and_port", "header_name", "header_value", "header_name_loose",
            "header_value_loose")), []),
        ("format/email-off", f, 'email_off: "not an email" optional_email: ""', []),
        ("format/header-control-chars", f,
         r'header_name: "a\000" header_value: "a\r\nb" header_name_loose: "a\000" header_value_loose: "a\r\nb"', []),
        ("format/prefix-host-bits", f, 'ip_prefix: "10.0.0.1/8" ipv4_prefix: "10.0.0.1/8" ipv6_prefix: "2001:db8::1/32"', []),
        ("format/prefixlen-out-of-range", f,
         'ip_with_prefixlen: "10.1.2.3/33" ipv4_with_prefixlen: "10.1.2.3/33" ipv6_with_prefixlen: "::1/129"', []),
        ("format/ip-zone", f, 'ip: "fe80::1%eth0" ipv6: "fe80::1%eth0" address: "fe80::1%eth0"', []),
        ("format/uuid-upper-and-tuuid-dashes", f,
         'uuid: "123E4567-E89B-12D3-A456-426614174000" tuuid: "123e4567-e89b-12d3-a456-426614174000"', []),
        ("format/host-and-port-ipv6", f, 'host_and_port: "[::1]:80"', []),
        ("format/host-and-port-bare-ipv6", f, 'host_and_port: "::1:80"', []),
        ("format/hostnames-items", f, 'hostnames: ["a.b", "-a", "a..b"]', []),
    ]


def _bytes_enums_bools():
    t = "BytesCases"
    return [
        ("bytes/all-empty", t, "", ["const_value", "len", "min_len", "pattern", "prefix", "suffix", "contains",
                                     "in_set", "ip", "ipv4", "ipv6", "all_rules", "all_rules_ip"]),
        ("bytes/pattern-utf8", t, r'pattern: "\303\251"', []),
        ("bytes/pattern-invalid-utf8-is-an-error", t, r'pattern: "\377"', []),
        ("bytes/ip-lengths", t, r'ip: "\000\000\000\000\000" ipv4: "" ipv6: "\000\000\000\000"', []),
        ("bytes/all-rules-fail", t, r'all_rules: "\377"', []),
        ("bytes/optional-empty-present", t, 'optional_min_len: ""', []),
        ("bytes/items", t, r'items: ["", "abc", "\000"]', []),
        ("enum/undeclared", "EnumCases",
         "defined_only: 5 all_rules: 9 optional_defined: 99 items: [0, 1, 42] unchecked: 123", []),
        ("enum/map-value-undeclared", "EnumCases", 'by_name { key: "x" value: 42 } by_name { key: "a" value: 0 }', []),
        ("enum/negative-and-far", "EnumCases", "defined_only: COLOR_NEGATIVE const_value: COLOR_FAR in_set: -1", []),
        ("bool/false", "BoolCases", "const_true: false const_false: true optional_true: false items: [true, false]", []),
    ]


def _collections():
    r, m = "RepeatedCases", "MapCases"
    return [
        ("repeated/all-rules-order", r, "all_rules: [0, 0, 200, 5, 6]", []),
        ("repeated/unique-nan-and-zero", r, "unique_floats: [nan, nan] unique_doubles: [0.0, -0.0]", []),
        ("repeated/unique-inf", r, "unique_floats: [inf, inf] unique_doubles: [-inf, inf]", []),
        ("repeated/unique-kinds", r, r'''unique_bytes: ["\001", "\001"] unique_strings: ["a", "b", "a", "a"]
            unique_enums: [COLOR_RED, COLOR_RED] unique_bools: [true, false, true] unique_uints: [4294967295, 4294967295]
            unique_ints: [-1, 1]''', []),
        ("repeated/unique-normalization", r, r'unique_strings: ["é", "e\u0301"]', []),
        ("repeated/messages", r, '''messages { sku: "" quantity: 0 } messages { sku: "ok" quantity: 1 }
            messages_bounded {} messages_bounded {} messages_bounded {} messages_required {}''', []),
        ("repeated/too-few-and-items", r, 'min_items: [] items_rules: ["", "xa", "y"] max_items: [1, 2, 3, 4]', []),
        ("map/all-rules", m, '''all_rules { key: "abc" value: 10 } all_rules { key: "" value: -1 }''', ["all_rules"]),
        ("map/too-few-pairs-and-bad-entries", m, 'all_rules { key: "abc" value: 10 }', ["all_rules"]),
        ("map/key-paths-every-type", m, '''int32_keys { key: -20 value: 0 } int64_keys { key: -9223372036854775808 value: 0 }
            uint32_keys { key: 4294967295 value: 0 } uint64_keys { key: 18446744073709551615 value: 0 }
            sint32_keys { key: -20 value: 0 } sint64_keys { key: -20 value: 0 } fixed32_keys { key: 200 value: 0 }
            fixed64_keys { key: 200 value: 0 } sfixed32_keys { key: -20 value: 0 } sfixed64_keys { key: -20 value: 0 }
            bool_keys { key: false value: 0 } string_keys { key: "abcd" value: 0 }''', []),
        ("map/key-order", m, r'''keys_values { key: "b" value: "x" } keys_values { key: "a" value: "y" }
            keys_values { key: "é" value: "z" } keys_values { key: "Z" value: "w" } keys_values { key: "\U0001F600" value: "w" }
            keys_values { key: "\uFFFD" value: "w" } keys_values { key: "" value: "w" } keys_values { key: "ab" value: "w" }
            sint64_keys { key: -20 value: 0 } sint64_keys { key: 20 value: 0 } sint64_keys { key: -30 value: 0 }
            bool_keys { key: true value: 0 } bool_keys { key: false value: 0 }''', []),
        ("map/key-escapes", m, r'''string_keys { key: "q\"t" value: 0 } string_keys { key: "b\\s" value: 0 }
            string_keys { key: "n\nl" value: 0 } string_keys { key: "c\rr" value: 0 } string_keys { key: "t\tb" value: 0 }
            string_keys { key: "\000" value: 0 } string_keys { key: "\177" value: 0 } string_keys { key: "\u200b" value: 0 }''',
         []),
        ("map/message-values", m, '''items { key: "x" value {} } items_by_id { key: 0 value { sku: "123456789" } }''', []),
        ("map/empty", m, "", ["min_pairs", "items_by_id", "all_rules"]),
        ("nested/deep-paths", "Order", '''customer { email: "x" address { zip: "1" tags { key: "t" value: "" } } }
            lines { sku: "" quantity: 0 extras { quantity: 0 } } lines_by_sku { key: "k\\"" value { sku: "" } }
            parent { customer { address { zip: "x" } } lines {} } children { id: "nope" } children {}''', []),
        ("nested/too-many-lines", "Order", "lines {} lines {} lines {} lines {} lines {} lines {}", ["lines"]),
    ]


def _presence():
    return [
        ("required/all-missing", "RequiredCases", "", [
            "scalar", "text", "data", "color", "flag", "optional_scalar", "item", "list", "map", "text_min_len",
            "item_with_rules", "optional_double", "choice_scalar"]),
        ("required/zero-values-present", "RequiredCases", '''scalar: 0 text: "" data: "" color: COLOR_UNSPECIFIED
            flag: false optional_scalar: 0 item {} list: [0] map { key: "" value: 0 } text_min_len: "a" item_with_rules {}
            optional_double: 0 choice_scalar: 0''', []),
        ("required/other-oneof-member-set", "RequiredCases", 'choice_text: "x"', []),
        ("ignore/zero-everything", "IgnoreCases", '''unspecified: 0 unspecified_optional: 0 zero_optional: 0 zero_item {}
            zero_optional_float: 0 zero_items: [0, 1] zero_values { key: "a" value: "" } zero_values { key: "b" value: "x" }
            zero_keys { key: "" value: 1 } zero_keys { key: "a" value: 1 } choice_zero: 0''', []),
        ("ignore/nonzero-everything", "IgnoreCases", '''zero_scalar: 1 zero_optional: 1 zero_text: "x" zero_bytes: "x"
            zero_item { quantity: 1 } zero_list: [1] zero_map { key: "a" value: 1 } zero_enum: COLOR_BLUE
            zero_optional_float: -0.0 always: 1 always_item {} always_items {} choice_plain: 0''', []),
        ("ignore/required-and-ignore", "IgnoreCases", "", ["required_zero_item"]),
        ("ignore/required-present-empty", "IgnoreCases", "required_zero_item {}", []),
        ("oneof/required-missing", "OneofCases", "after: -1 other_text: \"abc\"", ["text"]),
        ("oneof/member-rules", "OneofCases", 'text: "a" after: -1 other_number: 3', []),
        ("oneof/zero-member-present", "OneofCases", "number: 0", []),
        ("oneof/empty-message-member", "OneofCases", "item {}", []),
        ("message-oneof/both-set", "MessageOneofCases", 'a: "x" b: 3 c: 1 d {} f: -1', []),
        ("message-oneof/none-set", "MessageOneofCases", "e: [1, 2]", ["a"]),
        ("message-oneof/zero-values-are-unset", "MessageOneofCases", "b: 0 c: 0", ["a"]),
        ("message-oneof/empty-list-is-unset", "MessageOneofCases", 'a: "ab" d {} e: []', []),
        ("oneof-message/missing", "OneofMessageCases", "", ["item"]),
        ("oneof-message/line", "OneofMessageCases", 'line { sku: "" quantity: 101 }', []),
        ("ordering/everything-fails", "OrderingCases", '''z: 0 a: 0 c2: "x" m: 2 p: 1 q: 1 list: [7, 7]
            map { key: "kk" value: 7 } map { key: "k" value: 0 } item { quantity: 3 sku: "" }''', ["d1"]),
        ("ordering/empty", "OrderingCases", "", [
            "z", "c1", "a", "d1", "m", "p", "list", "map", "item"]),
        ("ordering/zeros", "OrderingCases", 'z: 0 a: 0 c1: 0 d1: 0 m: 0 list: [0] map { key: "" value: 0 }', ["map", "item"]),
    ]


def _well_known():
    return [
        ("any/rules", "AnyCases", '''in_set { type_url: "type.googleapis.com/google.protobuf.Empty" }
            not_in_set { type_url: "type.googleapis.com/google.protobuf.Empty" } required { type_url: "" }
            items { type_url: "type.googleapis.com/google.protobuf.Empty" } items {}''', []),
        ("any/missing", "AnyCases", "", ["in_set", "required"]),
        ("duration/bounds", "DurationCases", '''lt { seconds: 10 } lte { seconds: 10 nanos: 1 } gt { seconds: -5 }
            gte { seconds: -5 nanos: -1 } gt_lt { seconds: 2 } gte_lte { seconds: 2 nanos: 1 } gt_lte { seconds: 1 }
            gte_lt { seconds: 1 } gt_lt_exclusive { seconds: 1 nanos: 500 } gte_lte_exclusive { seconds: 1 nanos: 1 }
            in_set { nanos: 2 } not_in_set {} required_gt {} items { seconds: -1 } items { seconds: 60 }''', []),
        ("duration/unnormalized", "DurationCases", '''lt { seconds: 9 nanos: 2000000000 } required_gt { seconds: 1 nanos: -1 }
            gte { nanos: 1000000000 } const_value { seconds: 4 nanos: -500000000 }''', []),
        ("duration/missing", "DurationCases", "", ["const_value", "in_set", "not_in_set", "required_gt"]),
        ("timestamp/bounds", "TimestampCases", '''const_value { seconds: 1700000000 nanos: 1 } lt { seconds: 1700000000 }
            lte { seconds: 1700000000 nanos: 1 } gt { seconds: 1700000000 } gte { seconds: 1699999999 nanos: 999999999 }
            gt_lt {} gte_lte {} gt_lt_exclusive { seconds: 5 } gt_lt_now { seconds: 5 } gt_now_lt { seconds: 4102444801 }
            items { seconds: -1 }''', []),
        ("timestamp/now-relative-fail", "TimestampCases", '''lt_now { seconds: NOW+7200 } gt_now { seconds: NOW-7200 }
            within { seconds: NOW+90000 } lt_now_within { seconds: NOW-90000 } gt_now_within { seconds: NOW+90000 }''', []),
        ("timestamp/now-relative-pass", "TimestampCases", '''lt_now { seconds: NOW-7200 } gt_now { seconds: NOW+7200 }
            within { seconds: NOW-82800 } lt_now_within { seconds: NOW-7200 } gt_now_within { seconds: NOW+7200 }
            gt_lt_now { seconds: NOW-7200 } gt_now_lt { seconds: NOW+7200 }''', []),
        ("timestamp/now-combined-fail", "TimestampCases", '''lt_now_within { seconds: NOW+7200 } gt_now_within { seconds: NOW-7200 }
            gt_lt_now { seconds: NOW+7200 } gt_now_lt { seconds: NOW-7200 } within { seconds: NOW-90000 }''', []),
        ("timestamp/unnormalized", "TimestampCases", '''lt { seconds: 1699999999 nanos: 1000000000 }
            const_value { seconds: 1700000001 nanos: -1000000000 }''', []),
        ("wrapper/default-values-present", "WrapperCases", '''int32_gt {} int64_gt {} uint32_gt {} uint64_gt {}
            float_finite { value: nan } double_gt_lt {} string_email {} bytes_len {} bool_const {} required_int32 {}''', []),
        ("wrapper/missing-required", "WrapperCases", "", ["required_int32"]),
    ]


def _cel():
    f = "CelFieldCases"
    return [
        ("cel-message/all-fail", "CelMessageCases", 'min: 0 max: 2000 name: "" nickname: "x" item { quantity: 3000 }', []),
        ("cel-message/ordered", "CelMessageCases", 'min: 5 max: 1 name: "abcdefghijklmnop"', []),
        ("cel-message/has-unset", "CelMessageCases", 'name: ""', ["nickname", "item"]),
        ("cel-message/has-empty-present", "CelMessageCases", 'name: "" nickname: ""', []),
        ("cel-field/every-rule-fails", f, '''even: 3 arithmetic: 0 unsigned: 100 ratio: 1.5 name: "a" code: "x"
            path: "/v1/../a.x" slug: "-" email: "x" host: "-" address: "x" link: "x" scores: [1, 0] tags: ["a"]
            timeout { seconds: 31 } created { seconds: 1 } multi: "Xx" item { quantity: 20 sku: "" }
            counts { key: "abcd" value: 1 } maybe: 0 items_cel: [10, 1, 11]''', []),
        ("cel-field/deadline-past", f, "deadline { seconds: NOW-7200 }", []),
        ("cel-field/deadline-future", f, "deadline { seconds: NOW+7200 }", []),
        ("cel-field/maybe-unset", f, "", ["maybe"]),
        ("cel-field/ratio-nan", f, "ratio: nan", []),
        ("cel-field/uint-overflow-is-an-error", f, "unsigned: 18446744073709551615", []),
        ("cel-field/int-overflow-is-an-error", f, "arithmetic: 9223372036854775807", []),
        ("cel-field/empty-values", f, 'name: "" code: "" slug: "" email: "" host: "" address: "" link: ""', []),
        ("cel-error/modulus-by-zero", "CelRuntimeErrorCases", "divisor: 0", []),
        ("cel-error/overflow", "CelRuntimeErrorCases", "big: 9223372036854775807", []),
        ("cel-error/after-a-violation", "CelRuntimeErrorCases", "divisor: 3 big: 4611686018427387904", []),
        ("cel-ordering/everything-fails", "CelOrderingCases", '''z: 1 a: 2 c2: "x" m: 2 p: 1 q: 1 list: [7, 7]
            map { key: "kk" value: 7 } map { key: "k" value: 0 } item { quantity: 3 sku: "" }''', []),
        ("cel-ordering/empty", "CelOrderingCases", "", ["z", "c1", "a", "m", "p", "list", "map", "item"]),
        ("predefined/all-fail", "PredefinedCases", '''handle: "a b" handle_long: " " not_admin: "admin" dozen: 13
            dozen_positive: -12 pairs: [1] handles: ["ok", "not ok"]''', []),
        ("predefined/unset", "PredefinedCases", "", ["handle", "handle_long", "not_admin", "dozen", "dozen_positive"]),
        ("predefined/zero-present", "PredefinedCases", 'handle: "" dozen: 0 dozen_positive: 0 not_admin: ""', []),
    ]


def all_cases():
    """Every hand-picked case: (name, type short name, text to merge over the baseline, fields to
    clear first)."""
    cases = _numbers() + _strings() + _bytes_enums_bools() + _collections() + _presence() + _well_known() + _cel()
    return [(f"hand/{name}", type_name, text, clear) for name, type_name, text, clear in cases]
