"""Self-checks of the validation oracle (protovalidate 2.1.0) and of the corpus it judges.

The expected lists below are written by hand: they pin protovalidate's rule ids, violation order
and path forms, which room619's generated validators must reproduce (README.md explains them).

    .venv/bin/python -m pytest -q Tests/Validation/crosscheck
"""

import json
import math
import os

import pytest
import baselines
import cases
import corpus
import oracle

HERE = os.path.dirname(os.path.abspath(__file__))
P = oracle.PACKAGE + "."


@pytest.fixture(scope="session")
def env(tmp_path_factory):
    return corpus.Corpus(str(tmp_path_factory.mktemp("contracts")), now=1_800_000_000)


def check(env, type_short, text="", clear=(), build=None):
    message = env.edited(P + type_short, text, clear)
    if build is not None:
        build(message)
    verdict = env.oracle.check(P + type_short, env.oracle.canonical_bytes(message))
    return verdict.error if verdict.error is not None else verdict.violations


def v(path, rule, for_key=False):
    return (path, rule, for_key)


def test_every_baseline_is_valid(env):
    for name in env.type_names():
        assert name in env.baselines, f"no baseline for {name}"
        message = env.baselines[name]
        verdict = env.oracle.check(name, env.oracle.canonical_bytes(message))
        assert verdict.kind == "valid", f"{name}: {verdict.violations or verdict.error}"


def test_combined_bounds_make_one_rule_id(env):
    assert check(env, "Int32Cases", "gt_lt: 5 gte_lte: 11 gt_lt_exclusive: 7 gte_lte_exclusive: 7") == [
        v("gt_lt", "int32.gt_lt"), v("gte_lte", "int32.gte_lte"),
        v("gt_lt_exclusive", "int32.gt_lt_exclusive"), v("gte_lte_exclusive", "int32.gte_lte_exclusive"),
    ]
    assert check(env, "UInt64Cases", "gt_lte: 11 gte_lt: 10") == [
        v("gt_lte", "uint64.gt_lte"), v("gte_lt", "uint64.gte_lt")]


def test_standard_rules_of_one_field_run_const_range_in_not_in(env):
    assert check(env, "SInt32Cases", "all_rules: 6") == [v("all_rules", "sint32.const"), v("all_rules", "sint32.not_in")]
    assert check(env, "StringCases", 'all_rules: "X"') == [
        v("all_rules", f"string.{rule}") for rule in (
            "const", "len", "min_len", "len_bytes", "min_bytes", "pattern", "prefix", "suffix", "contains", "in")]


def test_nan_fails_every_comparison_and_passes_not_in(env):
    def nan_everywhere(message):
        for field in ("gt", "lt", "gt_lt_exclusive", "in_set", "not_in_set", "finite_gt", "zero_const"):
            setattr(message, field, math.nan)

    assert check(env, "DoubleCases", build=nan_everywhere) == [
        v("lt", "double.lt"), v("gt", "double.gt"), v("gt_lt_exclusive", "double.gt_lt_exclusive"),
        v("in_set", "double.in"), v("finite_gt", "double.gt"), v("finite_gt", "double.finite"),
        v("zero_const", "double.const"),
    ]


def test_negative_zero_equals_zero(env):
    assert check(env, "FloatCases", "zero_const: -0.0 zero_not_in: -0.0") == [v("zero_not_in", "float.not_in")]
    assert check(env, "RepeatedCases", "unique_doubles: [0.0, -0.0] unique_floats: [nan, nan]") == [
        v("unique_doubles", "repeated.unique")]


def test_float_rules_compare_in_float32(env):
    # 0.7 rounds down in float32: as float32 values, 0.7f < 0.7f is false.
    assert check(env, "FloatCases", "fraction: 0.7 in_fraction: 0.7") == [v("fraction", "float.gt_lt")]
    assert check(env, "DoubleCases", "fraction: 0.6999999880790710 in_fraction: 0.7") == []


def test_empty_string_formats_have_their_own_rule_ids(env):
    assert check(env, "StringFormatCases", "", clear=["email", "header_name", "uri_ref", "header_value"]) == [
        v("email", "string.email_empty"), v("header_name", "string.well_known_regex.header_name_empty")]


def test_string_lengths_count_code_points_and_bytes(env):
    assert check(env, "StringCases", r'len: "e\u0301x" max_len: "👍🏽👍🏽👍🏽" len_bytes: "€a"') == [
        v("max_len", "string.max_len")]


def test_pattern_dollar_does_not_match_before_a_final_newline(env):
    assert check(env, "StringCases", r'pattern: "ab-12\n"') == [v("pattern", "string.pattern")]


def test_bytes_pattern_on_invalid_utf8_is_an_evaluation_error(env):
    assert check(env, "BytesCases", r'pattern: "\377"') == "must be valid UTF-8 to apply regexp"


def test_message_rules_then_oneofs_then_fields_in_declaration_order(env):
    text = '''z: 0 c2: "x" m: 2 p: 1 q: 1 list: [7, 7] map { key: "kk" value: 7 } map { key: "k" value: 0 }
              item { quantity: 3 sku: "" }'''
    assert check(env, "OrderingCases", text, clear=["d1", "map", "list"]) == [
        v("", "message.oneof"), v("second", "required"), v("z", "int32.gt"), v("c2", "string.min_len"),
        v("m", "int32.not_in"), v("list", "repeated.min_items"), v("list", "repeated.unique"),
        v("list[0]", "int32.not_in"), v("list[1]", "int32.not_in"), v("map", "map.min_pairs"),
        v('map["k"]', "string.min_len", True), v('map["k"]', "int32.gt"),
        v('map["kk"]', "string.not_in", True), v('map["kk"]', "int32.not_in"), v("item.sku", "string.min_len"),
    ]


def test_cel_rules_come_before_the_standard_ones(env):
    text = '''z: 1 a: 2 c2: "x" m: 2 p: 1 q: 1 list: [7, 7] map { key: "kk" value: 7 } map { key: "k" value: 0 }
              item { quantity: 3 sku: "" }'''
    assert check(env, "CelOrderingCases", text, clear=["map", "list"]) == [
        v("", "ordering.z_not_one"), v("", "ordering.a_not_two"), v("", "message.oneof"),
        v("c2", "string.min_len"), v("m", "m.not_two"), v("m", "int32.not_in"),
        v("list", "list.size_not_two"), v("list", "repeated.min_items"), v("list", "repeated.unique"),
        v("list[0]", "list.item_not_seven"), v("list[1]", "list.item_not_seven"),
        v("map", "map.size_not_two"), v("map", "map.min_pairs"),
        v('map["k"]', "string.min_len", True), v('map["k"]', "int32.gt"),
        v('map["kk"]', "map.key_not_kk", True), v('map["kk"]', "map.value_not_seven"),
        v("item", "item.quantity_not_three"), v("item.sku", "string.min_len"),
    ]


def test_map_paths_for_every_key_type(env):
    text = '''int64_keys { key: -20 value: 0 } uint64_keys { key: 18446744073709551615 value: 1 }
              bool_keys { key: false value: 1 } string_keys { key: "a\\"b\\\\c\\nd" value: 1 }'''
    assert check(env, "MapCases", text, clear=["int64_keys", "uint64_keys", "bool_keys", "string_keys"]) == [
        v("int64_keys[-20]", "int64.gt", True), v("int64_keys[-20]", "int32.gt"),
        v("uint64_keys[18446744073709551615]", "uint64.lt", True), v("bool_keys[false]", "bool.const", True),
        v('string_keys["a\\"b\\\\c\\nd"]', "string.max_len", True),
    ]


def test_map_entries_are_visited_in_key_order(env):
    text = r'''keys_values { key: "b" value: "x" } keys_values { key: "é" value: "x" } keys_values { key: "Z" value: "x" }
               keys_values { key: "" value: "x" } sint64_keys { key: 20 value: 0 } sint64_keys { key: -30 value: 0 }'''
    paths = [path for path, _, _ in check(env, "MapCases", text, clear=["keys_values"])]
    assert paths == [
        'keys_values[""]', 'keys_values[""]', 'keys_values["Z"]', 'keys_values["Z"]', 'keys_values["b"]',
        'keys_values["b"]', 'keys_values["é"]', 'keys_values["é"]', "sint64_keys[-30]", "sint64_keys[-30]",
        "sint64_keys[20]"]


def test_required_means_present_and_implicit_zero_is_absent(env):
    text = '''scalar: 0 text: "" optional_scalar: 0 item {} list: [] text_min_len: "a" choice_text: "xx"'''
    assert check(env, "RequiredCases", text, clear=["item", "list", "scalar", "text"]) == [
        v("scalar", "required"), v("text", "required"), v("item.sku", "string.min_len"),
        v("item.quantity", "int32.gt"), v("list", "required"), v("text_min_len", "string.min_len"),
        v("choice_scalar", "required")]


def test_ignore_if_zero_value_only_skips_unset_fields_that_track_presence(env):
    text = "zero_scalar: 0 zero_optional: 0 zero_items: [0, 1] always: 1 always_item {}"
    assert check(env, "IgnoreCases", text) == [v("zero_optional", "int32.gt"), v("zero_items[1]", "int32.gt")]


def test_fields_named_in_a_message_oneof_rule_are_checked_only_when_set(env):
    assert check(env, "MessageOneofCases", "e: [1, 2]", clear=["a"]) == [
        v("", "message.oneof"), v("e", "repeated.max_items")]
    assert check(env, "MessageOneofCases", 'a: "x"') == [v("a", "string.min_len")]


def test_cel_results_and_errors(env):
    assert check(env, "CelFieldCases", 'arithmetic: 0 multi: "Xx"') == [
        v("arithmetic", "int.arith"), v("multi", "multi.lower"), v("multi", "multi.no_x"), v("multi", "string.min_len")]
    assert check(env, "CelRuntimeErrorCases", "divisor: 0") == "error evaluating int.divides: modulus by zero"
    assert check(env, "CelFieldCases", "unsigned: 18446744073709551615") == (
        "error evaluating uint.max: unsigned integer overflow")


def test_predefined_rules_use_their_own_ids(env):
    assert check(env, "PredefinedCases", 'handle: "a b" dozen_positive: -12 pairs: [1]') == [
        v("handle", "string.no_spaces"), v("dozen_positive", "int32.gt"), v("pairs", "repeated.even_items")]


def test_path_rendering_matches_protovalidates_text(env):
    for key in ['a"b', "b\\s", "n\nl", "c\rr", "t\tb", "\x00", "😀"]:
        message = env.baseline(P + "MapCases")
        message.string_keys[key] = 0
        verdict = env.oracle.check(P + "MapCases", env.oracle.canonical_bytes(message))
        assert verdict.first_rendered.startswith(verdict.violations[0][0] + ": ")


def test_canonical_bytes_sort_map_entries_at_every_depth(env):
    message = env.baseline(P + "Order")
    for key in ["b", "", "é", "a"]:
        message.lines_by_sku[key].sku = key
        message.parent.lines_by_sku[key].sku = key
    decoded = env.oracle.decode(P + "Order", env.oracle.canonical_bytes(message))
    assert list(decoded.lines_by_sku) == ["", "a", "b", "é"]
    assert list(decoded.parent.lines_by_sku) == ["", "a", "b", "é"]
    assert type(message).FromString(env.oracle.canonical_bytes(message)) == message


def test_oracle_rejects_and_accepts_the_documented_bad_rules(tmp_path):
    rejected_root = os.path.join(HERE, "rejected")
    contracts = oracle.Contracts(str(tmp_path), root=rejected_root)
    verdicts = {}
    for name in contracts.message_names():
        try:
            oracle.Oracle(contracts).validator.collect_violations(contracts.native_class(name)())
            verdicts[name.rsplit(".", 1)[1]] = "accepted"
        except Exception as error:  # noqa: BLE001 - the kind of error is what is checked
            verdicts[name.rsplit(".", 1)[1]] = type(error).__name__
    refused = [name for name, verdict in verdicts.items() if verdict == "CompilationError"]
    assert refused == [
        "WrongType", "WrongNumericKind", "WrongWrapperKind", "RepeatedRulesOnScalar", "MapRulesOnList",
        "EnumRulesOnInt", "DurationRulesOnInt", "UnclosedGroup", "Backreference", "Lookahead",
        "ReversedClassRange", "UniqueMessages", "CelSyntaxError", "MessageOneofUnknownField",
        "MessageOneofNoFields", "MessageOneofDuplicateField"]
    assert [name for name, verdict in verdicts.items() if verdict == "EvaluationError"] == [
        "CelTypeError", "CelNotBoolOrString", "CelUnknownField"]


def test_hand_cases_name_existing_fields_and_types(env):
    names = [name for name, _, _ in env.hand_cases()]
    assert len(names) == len(set(names)) == len(cases.all_cases())


def test_corpus_is_reproducible_from_its_seed(env, tmp_path):
    first = [env.record(*case) for case in env.random_cases(seed=7, count=200)]
    second = [env.record(*case) for case in env.random_cases(seed=7, count=200)]
    assert first == second
    assert {record["verdict"] for record in first} >= {"valid", "invalid"}


def test_corpus_file(tmp_path):
    out = tmp_path / "corpus.jsonl"
    corpus.write(str(out), seed=11, count=300, work_dir=str(tmp_path / "work"))
    lines = out.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["seed"] == 11 and header["counts"]["random"] == 300
    assert header["counts"]["hand"] == len(cases.all_cases()) and header["counts"]["edge"] > 3000
    assert len(lines) == 1 + sum(header["counts"].values())
    assert header["protovalidate"] == "2.1.0"
    record = json.loads(lines[1])
    assert set(record) == {"name", "type", "message", "text", "verdict", "violations", "error", "errorRule"}


def test_baseline_text_covers_every_type_once():
    assert len(baselines.TEXT) == len(set(baselines.TEXT))
