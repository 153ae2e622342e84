// DO NOT EDIT.
// swift-format-ignore-file
// Emitted by CELCompiler from CELEmittedFixtureTests.cases; regenerate with
// CEL_REGENERATE=1 swift test --filter CELEmittedFixture

import ProtoRuntime
import Validation

/// `size(this.name) >= 2 && this.name.size() <= 5`
func cel_nameLength(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.size(this.name) >= 2) && (Validation._CELRuntime.size(this.name) <= 5))
}

/// `this.age >= 18 && this.age < 150`
func cel_ageRange(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Swift.Int64(this.age) >= 18) && (Swift.Int64(this.age) < 150))
}

/// `this.balance + 1 > this.balance`
func cel_incrementGrows(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.add(this.balance, 1) > this.balance)
}

/// `this.balance / this.age > 2`
func cel_perYear(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.divide(this.balance, Swift.Int64(this.age)) > 2)
}

/// `this.age != 0 && this.balance / this.age > 2`
func cel_guardedDivision(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.and({ () throws(Validation.CELEvaluationError) -> Swift.Bool in (Swift.Int64(this.age) != 0) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.divide(this.balance, Swift.Int64(this.age)) > 2) })
}

/// `this.balance / this.age > 2 || this.age == 0`
func cel_absorbedOr(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.divide(this.balance, Swift.Int64(this.age)) > 2) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in (Swift.Int64(this.age) == 0) })
}

/// `this.big > this.balance && this.score < this.balance`
func cel_mixedNumbers(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.order(this.big, this.balance) > 0) && (Validation._CELRuntime.order(this.score, this.balance) == -1))
}

/// `this.score == this.score`
func cel_scoreIsNumber(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (this.score == this.score)
}

/// `this.email.endsWith('@example.com') ? '' : 'email must be at example.com'`
func cel_exampleEmail(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.String {
    (Validation._CELRuntime.endsWith(this.email, "@example.com") ? "" : "email must be at example.com")
}

/// `this.name.size() == 5`
func cel_fiveCodePoints(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Validation._CELRuntime.size(this.name) == 5)
}

/// `this.name == 'e\u0301'`
func cel_decomposedE(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    Validation._CELRuntime.equals(this.name, "e\u{301}")
}

/// `!has(this.nickname) || this.nickname.startsWith('x')`
func cel_nicknameX(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((!(this.nickname != nil)) || Validation._CELRuntime.startsWith((this.nickname ?? ""), "x"))
}

/// `this.address.city == '' || this.address.zip.size() == 5`
func cel_zipFive(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Validation._CELRuntime.equals((this.address?.city ?? ""), "") || (Validation._CELRuntime.size((this.address?.zip ?? "")) == 5))
}

/// `has(this.address) && has(this.address.floor)`
func cel_hasFloor(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((this.address != nil) && (this.address?.floor != nil))
}

/// `this.tags.all(t, t.size() > 0) && this.tags.unique()`
func cel_tagsUnique(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (this.tags.allSatisfy { celV0 in (Validation._CELRuntime.size(celV0) > 0) } && Validation._CELRuntime.unique(this.tags))
}

/// `this.counts.exists(c, c > 10)`
func cel_someCountOver10(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    this.counts.contains { celV0 in (Swift.Int64(celV0) > 10) }
}

/// `this.counts.exists_one(c, c == 0)`
func cel_oneZeroCount(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (this.counts.lazy.filter { celV0 in (Swift.Int64(celV0) == 0) }.count == 1)
}

/// `this.counts.map(c, c * 2).all(d, d < 100)`
func cel_doubledBelow100(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.map(this.counts) { (celV0) throws(Validation.CELEvaluationError) -> Swift.Int64 in try Validation._CELRuntime.multiply(Swift.Int64(celV0), 2) }.allSatisfy { celV1 in (celV1 < 100) }
}

/// `size(this.items.filter(i, i.quantity > 0)) == size(this.items)`
func cel_allItemsStocked(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Swift.Int64(this.items.filter { celV0 in (Swift.Int64(celV0.quantity) > 0) }.count) == Swift.Int64(this.items.count))
}

/// `this.status in [1, 2] && this.name in ['ann', 'bob']`
func cel_knownStatus(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (([1, 2] as [Swift.Int64]).contains(Swift.Int64(this.status.rawValue)) && Validation._CELRuntime.contains((["ann", "bob"] as [Swift.String]), this.name))
}

/// `'k' in this.labels && this.labels['k'] != '' && this.labels.k == 'v'`
func cel_labelK(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.and({ () throws(Validation.CELEvaluationError) -> Swift.Bool in try Validation._CELRuntime.and({ () throws(Validation.CELEvaluationError) -> Swift.Bool in (this.labels["k"] != nil) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try !Validation._CELRuntime.equals(Validation._CELRuntime.value(this.labels["k"], key: "k"), "") }) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try Validation._CELRuntime.equals(Validation._CELRuntime.value(this.labels["k"], key: "k"), "v") })
}

/// `this.labels['missing'] == ''`
func cel_missingLabel(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.equals(Validation._CELRuntime.value(this.labels["missing"], key: "missing"), "")
}

/// `this.stock.all(k, k > 0) && 1 in this.stock`
func cel_stockKeys(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (this.stock.keys.allSatisfy { celV0 in (Swift.Int64(celV0) > 0) } && this.stock.keys.contains { Swift.Int64($0) == 1 })
}

/// `this.ttl >= duration('1m') && this.ttl <= duration('1h30m')`
func cel_ttlRange(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.order((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration()), ProtoRuntime.Google_Protobuf_Duration(seconds: 60, nanos: 0)) >= 0) && (Validation._CELRuntime.order((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration()), ProtoRuntime.Google_Protobuf_Duration(seconds: 5400, nanos: 0)) <= 0))
}

/// `this.created + this.ttl < this.expires`
func cel_window(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.order(Validation._CELRuntime.add((this.created ?? ProtoRuntime.Google_Protobuf_Timestamp()), (this.ttl ?? ProtoRuntime.Google_Protobuf_Duration())), (this.expires ?? ProtoRuntime.Google_Protobuf_Timestamp())) < 0)
}

/// `now - this.created < duration('24h')`
func cel_recent(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.order(Validation._CELRuntime.subtract(now, (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())), ProtoRuntime.Google_Protobuf_Duration(seconds: 86400, nanos: 0)) < 0)
}

/// `this.created >= timestamp('2024-01-01T00:00:00Z')`
func cel_after2024(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Validation._CELRuntime.order((this.created ?? ProtoRuntime.Google_Protobuf_Timestamp()), ProtoRuntime.Google_Protobuf_Timestamp(seconds: 1704067200, nanos: 0)) >= 0)
}

/// `this.limit == null || this.limit > 0`
func cel_limitOptional(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in ((this.limit).map { Swift.Int64($0.value) } == nil) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.nonNull((this.limit).map { Swift.Int64($0.value) }) > 0) })
}

/// `this.limit > 5`
func cel_limitOver5(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.nonNull((this.limit).map { Swift.Int64($0.value) }) > 5)
}

/// `string(this.age) + 'y' == '30y'`
func cel_ageText(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    Validation._CELRuntime.equals((Swift.String(Swift.Int64(this.age)) + "y"), "30y")
}

/// `int(this.score) > 0`
func cel_scoreTruncated(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.int(this.score) > 0)
}

/// `uint(this.balance) > 0u`
func cel_balanceUnsigned(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.uint(this.balance) > 0)
}

/// `double(this.big) > 1e3`
func cel_bigAsDouble(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Swift.Double(this.big) > 1000.0)
}

/// `this.age < 18 ? 'too young' : ''`
func cel_adult(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.String {
    ((Swift.Int64(this.age) < 18) ? "too young" : "")
}

/// `-this.balance <= 0`
func cel_negatedBalance(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.negate(this.balance) <= 0)
}

/// `this.balance % 2 == 0`
func cel_evenBalance(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.remainder(this.balance, 2) == 0)
}

/// `this.small - 1u >= 0u`
func cel_smallDecrement(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.subtract(Swift.UInt64(this.small), 1) >= 0)
}

/// `size(this.data) <= 4 && this.data.startsWith(b'\x01')`
func cel_dataHeader(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.size(this.data) <= 4) && Validation._CELRuntime.startsWith(this.data, ProtoRuntime.ByteBuffer(bytes: [0x1] as [Swift.UInt8])))
}

/// `this.created.getFullYear() >= 2024 && this.created.getDayOfWeek() != 0`
func cel_createdWeekday(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.component(.fullYear, of: (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())) >= 2024) && (Validation._CELRuntime.component(.dayOfWeek, of: (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())) != 0))
}

/// `this.tags + ['x'] == ['a', 'x']`
func cel_tagsPlusX(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    Validation._CELRuntime.equals((this.tags + (["x"] as [Swift.String])), (["a", "x"] as [Swift.String]))
}

/// `this.ratio > 0.5`
func cel_ratioHalf(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Swift.Double(this.ratio) > 0.5)
}

/// `this.items[0].sku != ''`
func cel_firstSku(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try !Validation._CELRuntime.equals(Validation._CELRuntime.item(this.items, (0 as Swift.Int64)).sku, "")
}

/// `string(this.score) == '1.5'`
func cel_scoreText(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    Validation._CELRuntime.equals(Validation._CELRuntime.string(this.score), "1.5")
}

/// `this.size() <= rule`
func cel_maxWords(_ this: Swift.String, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Validation._CELRuntime.size(this) <= 5)
}

/// `has(rules.max_len) && this.size() < rules.max_len`
func cel_withinMaxLen(_ this: Swift.String, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (true && (Validation._CELRuntime.order(Validation._CELRuntime.size(this), (4 as Swift.UInt64)) < 0))
}

/// `this.startsWith('a')`
func cel_startsWithA(_ this: Swift.String, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    Validation._CELRuntime.startsWith(this, "a")
}

/// `this.all(x, x % 2 == 0)`
func cel_allEven(_ this: [Swift.Int32], now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.all(this) { (celV0) throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.remainder(Swift.Int64(celV0), 2) == 0) }
}

/// `this.exists(x, 100 / x == 50)`
func cel_someHalfOf100(_ this: [Swift.Int32], now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.exists(this) { (celV0) throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.divide(100, Swift.Int64(celV0)) == 50) }
}
