"""Values near the boundaries of each field's rules, read from the contracts' descriptors.

`Values.edges(field)` lists, deterministically, the values worth trying for one field: every
bound of its rules and the values next to it, the special values of its type (NaN, ±inf, -0.0,
the integer limits, undeclared enum numbers, empty strings), hand-picked strings for formats and
patterns (`pools.py`), list and map sizes around `min_items`/`max_pairs`, duplicates for
`unique`. `Values.random(field, rng)` draws from the same values and mutates them.

A value is what `assign` puts in a `google.protobuf` message field: a Python scalar, a message,
a list (repeated field), a dict (map field), or None (the field is cleared).
"""

import importlib
import math
import struct
import unicodedata

from google.protobuf import any_pb2, descriptor, duration_pb2, timestamp_pb2

import pools

FD = descriptor.FieldDescriptor

INT_RANGES = {
    FD.TYPE_INT32: (-(2**31), 2**31 - 1), FD.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FD.TYPE_SFIXED32: (-(2**31), 2**31 - 1), FD.TYPE_INT64: (-(2**63), 2**63 - 1),
    FD.TYPE_SINT64: (-(2**63), 2**63 - 1), FD.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FD.TYPE_UINT32: (0, 2**32 - 1), FD.TYPE_FIXED32: (0, 2**32 - 1),
    FD.TYPE_UINT64: (0, 2**64 - 1), FD.TYPE_FIXED64: (0, 2**64 - 1),
}

# The scalar kind of each wrapper type, as its `FieldRules` member names it.
WRAPPERS = {
    "google.protobuf.Int32Value": (FD.TYPE_INT32, "int32"), "google.protobuf.Int64Value": (FD.TYPE_INT64, "int64"),
    "google.protobuf.UInt32Value": (FD.TYPE_UINT32, "uint32"),
    "google.protobuf.UInt64Value": (FD.TYPE_UINT64, "uint64"),
    "google.protobuf.FloatValue": (FD.TYPE_FLOAT, "float"), "google.protobuf.DoubleValue": (FD.TYPE_DOUBLE, "double"),
    "google.protobuf.StringValue": (FD.TYPE_STRING, "string"), "google.protobuf.BytesValue": (FD.TYPE_BYTES, "bytes"),
    "google.protobuf.BoolValue": (FD.TYPE_BOOL, "bool"),
}

HOUR = 3600
DAY = 86400
FLOAT_MAX = struct.unpack("<f", struct.pack("<I", 0x7F7FFFFF))[0]
FLOAT_TRUE_MIN = struct.unpack("<f", struct.pack("<I", 1))[0]

# CEL rules do not say where their boundary is; these do, by field name.
CEL_TIMESTAMPS = {"created": 1577836800}
CEL_DURATIONS = {"timeout": 30}
CEL_NUMBERS = [0, 1, -1, 2, 3, 7, 9, 10, 11, 12, 13, 24, 99, 100, 101, 999, 1000, 1001]
CEL_DOUBLES = [0.0, -0.0, 0.5, 1.0, 1.0000000000000002, -1e-300, 2.0, math.nan, math.inf, -math.inf]


def f32(value):
    """`value` rounded to the nearest float32 (±inf beyond its range)."""
    if math.isnan(value) or math.isinf(value):
        return value
    try:
        return struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def next_f32(value, direction):
    """The float32 next to `value` towards `direction` (+1 or -1)."""
    if math.isnan(value) or math.isinf(value):
        return value
    if value == 0:
        return math.copysign(FLOAT_TRUE_MIN, direction)
    bits = struct.unpack("<I", struct.pack("<f", f32(value)))[0]
    bits += 1 if (value > 0) == (direction > 0) else -1
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def swift_map(entries):
    """`entries` without a string key canonically equivalent to an earlier one ("é" and "e\u0301").

    room619's generated messages hold `map<string, …>` as Swift dictionaries, whose `String`
    keys compare by canonical equivalence: two such keys are one entry in Swift, two in
    protobuf. This is a known limit of ProtoRuntime's map representation (see docs/validation.md),
    not something validation can fix, so the corpus never puts both in one map.
    """
    seen, out = set(), {}
    for key, value in entries.items():
        canonical = unicodedata.normalize("NFD", key) if isinstance(key, str) else key
        if canonical not in seen:
            seen.add(canonical)
            out[key] = value
    return out


def unique(values):
    """`values` without repeats (by type and repr, so -0.0, 0.0 and NaN all stay), in order."""
    seen, out = set(), []
    for value in values:
        key = (type(value).__name__, repr(value)) if not hasattr(value, "SerializeToString") else (
            type(value).__name__, value.SerializeToString(deterministic=True))
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


class Values:
    """Boundary values for the fields of the test contracts."""

    def __init__(self, contracts, now, baselines):
        self.contracts = contracts
        self.now = now
        self.baselines = baselines
        self.vpb = importlib.import_module("buf.validate.validate_pb2")

    def rules(self, field):
        """The field's `buf.validate.FieldRules` (empty when it has none)."""
        options = field.GetOptions()
        if options.HasExtension(self.vpb.field):
            return options.Extensions[self.vpb.field]
        return self.vpb.FieldRules()

    # Whole-field values.

    def edges(self, field):
        """Deterministic values for `field` (a `FieldDescriptor`), boundaries first."""
        rules = self.rules(field)
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            return self._map_edges(field, rules)
        if field.is_repeated:
            return self._list_edges(field, rules)
        values = self.element_edges(field, rules)
        if field.has_presence:
            values = [None] + values
        return values

    def _list_edges(self, field, rules):
        items = self.element_edges(field, rules.repeated.items if rules.HasField("repeated") else self.vpb.FieldRules())
        items = items or [None]
        sizes = self._sizes(rules.repeated.min_items, rules.repeated.max_items, rules.repeated.HasField("max_items"))
        lists = [[]] + [[item] for item in items[:16]]
        lists += [[items[i % len(items)] for i in range(n)] for n in sizes]
        lists += [[item, item] for item in items[:6]]
        if field.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
            lists += [[math.nan, math.nan], [0.0, -0.0], [math.inf, math.inf], [1.0, 2.0, 1.0]]
        if field.type in (FD.TYPE_STRING, FD.TYPE_BYTES):
            lists += [["é", "e\u0301"] if field.type == FD.TYPE_STRING else [b"\x00", b"\x00\x00"]]
        return [[v for v in values if v is not None] for values in lists]

    def _map_edges(self, field, rules):
        key_field = field.message_type.fields_by_name["key"]
        value_field = field.message_type.fields_by_name["value"]
        key_rules = rules.map.keys if rules.HasField("map") else self.vpb.FieldRules()
        value_rules = rules.map.values if rules.HasField("map") else self.vpb.FieldRules()
        keys = self.element_edges(key_field, key_rules) + self._key_pool(key_field)
        values = [v for v in self.element_edges(value_field, value_rules) if v is not None] or [None]
        first = values[0]
        maps = [{}] + [{key: first} for key in unique(keys)[:20]] + [{keys[0]: value} for value in values[:16]]
        sizes = self._sizes(rules.map.min_pairs, rules.map.max_pairs, rules.map.HasField("max_pairs"))
        distinct = unique(keys)
        maps += [{distinct[i]: values[i % len(values)] for i in range(min(n, len(distinct)))} for n in sizes]
        return [swift_map({k: v for k, v in m.items() if v is not None}) for m in maps]

    @staticmethod
    def _sizes(low, high, has_high):
        sizes = {0, 1, 2, 3, low, low + 1, max(low - 1, 0)}
        if has_high:
            sizes |= {high, high + 1, max(high - 1, 0)}
        return sorted(sizes)

    def _key_pool(self, key_field):
        """Map keys that test path rendering: quotes, escapes, every integer limit, both bools."""
        if key_field.type == FD.TYPE_STRING:
            return ["", "k", 'q"uote', "back\\slash", "new\nline", "cr\rx", "tab\tx", "é", "😀", "\x00", "\x7f"]
        if key_field.type == FD.TYPE_BOOL:
            return [False, True]
        low, high = INT_RANGES[key_field.type]
        return unique([low, low + 1, -1, 0, 1, 2, high - 1, high] if low < 0 else [0, 1, 2, high - 1, high])

    # Values of one element: a singular field, a list item, a map key or value.

    def element_edges(self, field, rules):
        """Values for one element of `field`'s type under `rules` (a `FieldRules`)."""
        kind = rules.WhichOneof("type")
        message = field.message_type
        if message is not None:
            name = message.full_name
            if name in WRAPPERS:
                scalar, rules_name = WRAPPERS[name]
                inner = self._scalar_edges(scalar, None, rules, field.name)
                return [self._wrapper(message, value) for value in inner]
            if name == "google.protobuf.Duration":
                return self._duration_edges(rules.duration if kind == "duration" else None, field.name)
            if name == "google.protobuf.Timestamp":
                return self._timestamp_edges(rules.timestamp if kind == "timestamp" else None, field.name)
            if name == "google.protobuf.Any":
                return self._any_edges(rules.any if kind == "any" else None)
            return self._message_edges(message)
        return self._scalar_edges(field.type, field.enum_type, rules, field.name)

    def _scalar_edges(self, scalar, enum_type, rules, name):
        if scalar in INT_RANGES:
            return self._int_edges(scalar, rules, name)
        if scalar in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
            return self._float_edges(scalar, rules)
        if scalar == FD.TYPE_BOOL:
            return [False, True]
        if scalar == FD.TYPE_ENUM:
            return self._enum_edges(enum_type, rules)
        if scalar == FD.TYPE_STRING:
            return self._string_edges(rules, name)
        return self._bytes_edges(rules)

    @staticmethod
    def _bounds(rule_message):
        """Every number in a numeric rules message (bounds, const, in, not_in, extensions)."""
        numbers = []
        for desc, value in rule_message.ListFields():
            for item in value if desc.is_repeated else [value]:
                if isinstance(item, (int, float)) and not isinstance(item, bool):
                    numbers.append(item)
        return numbers

    def _int_edges(self, scalar, rules, name):
        low, high = INT_RANGES[scalar]
        kind = rules.WhichOneof("type")
        bounds = self._bounds(getattr(rules, kind)) if kind else CEL_NUMBERS
        values = [0, 1, -1, low, low + 1, high - 1, high]
        for bound in bounds:
            values += [bound - 1, bound, bound + 1]
        return unique(sorted({v for v in values if low <= v <= high}, key=lambda v: (abs(v) > 2**31, v)))

    def _float_edges(self, scalar, rules):
        kind = rules.WhichOneof("type")
        bounds = self._bounds(getattr(rules, kind)) if kind else CEL_DOUBLES
        is_float = scalar == FD.TYPE_FLOAT
        limit = FLOAT_MAX if is_float else 1.7976931348623157e308
        tiny = FLOAT_TRUE_MIN if is_float else 5e-324
        values = [0.0, -0.0, 1.0, -1.0, math.nan, math.inf, -math.inf, limit, -limit, tiny, -tiny]
        for bound in bounds:
            if math.isnan(bound) or math.isinf(bound):
                values.append(bound)
                continue
            if is_float:
                values += [next_f32(bound, -1), f32(bound), next_f32(bound, 1)]
            else:
                values += [math.nextafter(bound, -math.inf), bound, math.nextafter(bound, math.inf)]
            values += [bound - 0.5, bound + 0.5]
        return unique(f32(v) if is_float else v for v in values)

    @staticmethod
    def _enum_edges(enum_type, rules):
        values = [value.number for value in enum_type.values] + [4, 7, 42, -5, 2**31 - 1, -(2**31)]
        if rules.WhichOneof("type") == "enum":
            values += list(getattr(rules.enum, "in")) + list(rules.enum.not_in) + [rules.enum.const]
        return unique(values)

    def _string_edges(self, rules, name):
        values = [""]
        if rules.WhichOneof("type") == "string":
            s = rules.string
            values += self._text_choices(s)
            for length_rule in ("len", "min_len", "max_len"):
                if s.HasField(length_rule):
                    values += self._strings_of_length(getattr(s, length_rule))
            for bytes_rule in ("len_bytes", "min_bytes", "max_bytes"):
                if s.HasField(bytes_rule):
                    values += self._strings_of_bytes(getattr(s, bytes_rule))
            if s.HasField("pattern"):
                values += pools.PATTERNS.get(s.pattern, [])
            for affix_rule in ("prefix", "suffix", "contains", "not_contains"):
                if s.HasField(affix_rule):
                    values += self._affixed(getattr(s, affix_rule))
            values += self._format_pool(s)
        values += pools.CEL_STRINGS.get(name, [])
        if len(values) == 1:
            values += ["a", "ab", "abc", "é", "😀", "a b"]
        return unique(values)

    @staticmethod
    def _text_choices(s):
        values = []
        for text in ([s.const] if s.HasField("const") else []) + list(getattr(s, "in")) + list(s.not_in):
            values += [text, text + "x", text[:-1], text.upper(), unicodedata.normalize("NFD", text)]
        return values

    @staticmethod
    def _strings_of_length(n):
        """Strings of n-1, n and n+1 code points, in ASCII and in longer UTF-8 sequences."""
        values = []
        for count in (n - 1, n, n + 1):
            if count < 0:
                continue
            for size, alphabet in pools.BY_UTF8_LENGTH.items():
                values.append("".join(alphabet[i % len(alphabet)] for i in range(count)))
            values.append("e\u0301" * (count // 2) + "a" * (count % 2))  # combining marks count
        return values

    @staticmethod
    def _strings_of_bytes(n):
        """Strings of n-1, n and n+1 UTF-8 bytes, mixing one- and multi-byte code points."""
        values = []
        for count in (n - 1, n, n + 1):
            if count < 0:
                continue
            values += ["a" * count, "é" * (count // 2) + "a" * (count % 2), "€" * (count // 3) + "a" * (count % 3)]
            values.append("😀" * (count // 4) + "a" * (count % 4))
        return values

    @staticmethod
    def _affixed(affix):
        nfd = unicodedata.normalize("NFD", affix)
        return [affix, "x" + affix, affix + "x", "x" + affix + "x", affix[:-1], affix[1:], nfd, affix.upper()]

    @staticmethod
    def _format_pool(s):
        well_known = s.WhichOneof("well_known")
        if well_known is None:
            return []
        if well_known == "well_known_regex":
            return pools.HEADER_NAME if s.well_known_regex == 1 else pools.HEADER_VALUE
        if not getattr(s, well_known):
            return pools.EMAIL[:4]
        return {
            "email": pools.EMAIL, "hostname": pools.HOSTNAME, "ip": pools.IPV4 + pools.IPV6, "ipv4": pools.IPV4,
            "ipv6": pools.IPV6, "uri": pools.URI, "uri_ref": pools.URI, "address": pools.ADDRESS, "uuid": pools.UUID,
            "tuuid": pools.TUUID, "host_and_port": pools.HOST_AND_PORT,
        }.get(well_known, pools.PREFIXES)

    def _bytes_edges(self, rules):
        values = [b""]
        if rules.WhichOneof("type") == "bytes":
            b = rules.bytes
            for value in ([b.const] if b.HasField("const") else []) + list(getattr(b, "in")) + list(b.not_in):
                values += [value, value + b"x", value[:-1], b"\x00" + value]
            for length_rule in ("len", "min_len", "max_len"):
                if b.HasField(length_rule):
                    n = getattr(b, length_rule)
                    values += [bytes(range(1, count + 1)) for count in (n - 1, n, n + 1) if count >= 0]
            if b.HasField("pattern"):
                values += [text.encode() for text in pools.PATTERNS.get(b.pattern, [])] + [b"\xff", b"ab\xc3"]
            for affix_rule in ("prefix", "suffix", "contains"):
                if b.HasField(affix_rule):
                    affix = getattr(b, affix_rule)
                    values += [affix, b"x" + affix, affix + b"x", affix[:-1], affix[1:], b"x" + affix + b"x"]
            if b.WhichOneof("well_known") is not None:
                values += [bytes(n) for n in (0, 1, 3, 4, 5, 15, 16, 17)] + [bytes([127, 0, 0, 1])]
        if len(values) == 1:
            values += [b"a", b"\x00", b"\xff\xfe"]
        return unique(values)

    # Well-known types.

    @staticmethod
    def _wrapper(message, value):
        from google.protobuf import message_factory

        return message_factory.GetMessageClass(message)(value=value)

    @staticmethod
    def _duration(total_nanos):
        seconds, nanos = divmod(total_nanos, 10**9)
        if seconds < 0 and nanos > 0:  # a Duration's nanos take the sign of its seconds
            seconds, nanos = seconds + 1, nanos - 10**9
        return duration_pb2.Duration(seconds=seconds, nanos=nanos)

    def _duration_edges(self, rules, name):
        points = [0, -1, 1, 10**9]
        if rules is not None:
            for desc, value in rules.ListFields():
                for item in value if desc.is_repeated else [value]:
                    points.append(item.seconds * 10**9 + item.nanos)
        if name in CEL_DURATIONS:
            points.append(CEL_DURATIONS[name] * 10**9)
        values = [None]
        for point in points:
            values += [self._duration(point + delta) for delta in (-(10**9), -1, 0, 1, 10**9)]
        # Not normalized: nanos past a second, or with the opposite sign of seconds.
        values += [duration_pb2.Duration(seconds=9, nanos=2 * 10**9 - 1), duration_pb2.Duration(seconds=1, nanos=-1)]
        return unique(values)

    def _timestamp_edges(self, rules, name):
        points = [0]
        relative = rules is not None and (rules.lt_now or rules.gt_now or rules.HasField("within"))
        if rules is not None:
            for field_name in ("const", "lt", "lte", "gt", "gte"):
                if rules.HasField(field_name):
                    value = getattr(rules, field_name)
                    points.append(value.seconds * 10**9 + value.nanos)
        if name in CEL_TIMESTAMPS:
            points.append(CEL_TIMESTAMPS[name] * 10**9)
        values = [None]
        for point in points:
            values += [self._timestamp(point + delta) for delta in (-(10**9), -1, 0, 1, 10**9)]
        if relative or name == "deadline":
            # Far (an hour or more) from now and from now ± a day, so the two clocks agree.
            for offset in (2 * HOUR, 23 * HOUR, 25 * HOUR, 30 * DAY, 3650 * DAY):
                values += [self._timestamp((self.now + offset) * 10**9), self._timestamp((self.now - offset) * 10**9)]
        return unique(values)

    @staticmethod
    def _timestamp(total_nanos):
        seconds, nanos = divmod(total_nanos, 10**9)
        return timestamp_pb2.Timestamp(seconds=seconds, nanos=nanos)

    @staticmethod
    def _any_edges(rules):
        urls = ["", "type.googleapis.com/google.protobuf.Empty", "type.googleapis.com/google.protobuf.Duration", "x/y"]
        if rules is not None:
            urls += list(getattr(rules, "in")) + list(rules.not_in)
        return [None] + [any_pb2.Any(type_url=url) for url in unique(urls)]

    def _message_edges(self, message):
        from google.protobuf import message_factory

        return [None, message_factory.GetMessageClass(message)(), self.baselines.get(message.full_name)]


class RandomValues:
    """Random values near the boundaries: the edge values, often mutated, in random sizes."""

    def __init__(self, values, rng):
        self.values = values
        self.rng = rng
        self._edges = {}

    def message(self, message_type, depth=0):
        """The type's baseline (or an empty message) with one to three fields changed."""
        from google.protobuf import message_factory

        message = message_factory.GetMessageClass(message_type)()
        baseline = self.values.baselines.get(message_type.full_name)
        if baseline is not None and self.rng.random() < 0.9:
            message.CopyFrom(baseline)
        fields = list(message_type.fields)
        count = self.rng.choice([1, 1, 1, 2, 2, 3, len(fields)])
        for field in self.rng.sample(fields, min(count, len(fields))):
            assign(message, field, self.field(field, depth))
        return message

    def field(self, field, depth):
        """A random value for a whole field."""
        rng = self.rng
        rules = self.values.rules(field)
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            return self._map(field, rules, depth)
        if field.is_repeated:
            item_rules = rules.repeated.items if rules.HasField("repeated") else self.values.vpb.FieldRules()
            size = rng.choice(self._sizes(rules.repeated.min_items, rules.repeated.max_items))
            if rules.repeated.unique:  # few distinct values, so duplicates are likely
                pool = [self.element(field, item_rules, depth) for _ in range(rng.randint(1, 3))]
                return [v for v in (rng.choice(pool) for _ in range(size)) if v is not None]
            return [v for v in (self.element(field, item_rules, depth) for _ in range(size)) if v is not None]
        if field.has_presence and rng.random() < 0.15:
            return None
        return self.element(field, rules, depth)

    def _map(self, field, rules, depth):
        key_field = field.message_type.fields_by_name["key"]
        value_field = field.message_type.fields_by_name["value"]
        key_rules = rules.map.keys if rules.HasField("map") else self.values.vpb.FieldRules()
        value_rules = rules.map.values if rules.HasField("map") else self.values.vpb.FieldRules()
        size = self.rng.choice(self._sizes(rules.map.min_pairs, rules.map.max_pairs))
        entries = {}
        for _ in range(size):
            key = self.element(key_field, key_rules, depth)
            if self.rng.random() < 0.2:
                key = self.rng.choice(self.values._key_pool(key_field))
            value = self.element(value_field, value_rules, depth)
            if value is not None:
                entries[key] = value
        return swift_map(entries)

    def _sizes(self, low, high):
        sizes = [0, 1, 2, 3, low, low + 1, max(low - 1, 0)]
        if high:
            sizes += [high, high + 1, max(high - 1, 0)]
        return sizes

    def element(self, field, rules, depth):
        """A random value for one element (a singular field, a list item, a map key or value)."""
        rng = self.rng
        message = field.message_type
        if message is not None and message.full_name not in WRAPPERS and not message.full_name.startswith(
                "google.protobuf."):
            roll = rng.random()
            if roll < 0.1 or depth >= 3:
                return self.values.baselines.get(message.full_name) or None
            return self.message(message, depth + 1)
        key = (field.full_name, rules.SerializeToString(deterministic=True))
        edges = self._edges.get(key)
        if edges is None:
            edges = self._edges[key] = [v for v in self.values.element_edges(field, rules) if v is not None]
        if not edges:
            return None
        value = rng.choice(edges)
        if isinstance(value, str) and rng.random() < 0.3:
            return self._mutate_text(value)
        if isinstance(value, bytes) and rng.random() < 0.2:
            return self._mutate_text(value.decode("latin-1")).encode("utf-8")[: len(value) + 4]
        if field.type in INT_RANGES and rng.random() < 0.15:
            low, high = INT_RANGES[field.type]
            return min(max(value + rng.randint(-3, 3), low), high) if rng.random() < 0.8 else rng.randint(low, high)
        return value

    def _mutate_text(self, text):
        rng = self.rng
        for _ in range(rng.randint(1, 2)):
            at = rng.randint(0, len(text))
            action = rng.random()
            if action < 0.45:
                text = text[:at] + rng.choice(pools.NASTY) + text[at:]
            elif action < 0.75 and text:
                at = min(at, len(text) - 1)
                text = text[:at] + text[at + 1:]
            elif action < 0.9 and text:
                at = min(at, len(text) - 1)
                text = text[:at] + rng.choice(pools.NASTY) + text[at + 1:]
            else:
                text = text + text[:at]
        return text


def assign(message, field, value):
    """Sets `field` of `message` to `value` (None clears it)."""
    message.ClearField(field.name)
    if value is None:
        return
    target = getattr(message, field.name) if (field.is_repeated or field.message_type is not None) else None
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value_field = field.message_type.fields_by_name["value"]
        for key, item in value.items():
            if value_field.message_type is not None:
                target[key].CopyFrom(item)
            else:
                target[key] = item
    elif field.is_repeated:
        if field.message_type is not None:
            for item in value:
                target.add().CopyFrom(item)
        else:
            target.extend(value)
    elif field.message_type is not None:
        target.SetInParent()
        target.CopyFrom(value)
    else:
        setattr(message, field.name, value)
