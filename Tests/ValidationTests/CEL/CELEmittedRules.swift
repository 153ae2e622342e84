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
    (this.counts.reduce(0) { count, celV0 in (Swift.Int64(celV0) == 0) ? count + 1 : count } == 1)
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

/// `this.big > 5u && this.small < this.age`
func cel_bigOver5(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((this.big > 5) && (Validation._CELRuntime.order(Swift.UInt64(this.small), Swift.Int64(this.age)) < 0))
}

/// `this.big == this.balance || this.score == this.age`
func cel_bigEqualsBalance(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.order(this.big, this.balance) == 0) || (Validation._CELRuntime.order(this.score, Swift.Int64(this.age)) == 0))
}

/// `this.ratio == 0.5`
func cel_ratioIsHalf(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Swift.Double(this.ratio) == 0.5)
}

/// `this.name < 'b' && this.name >= ''`
func cel_nameBeforeB(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((Validation._CELRuntime.order(this.name, "b") < 0) && (Validation._CELRuntime.order(this.name, "") >= 0))
}

/// `!this.flag || this.data.size() > 0`
func cel_notFlag(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((!this.flag) || (Validation._CELRuntime.size(this.data) > 0))
}

/// `this.counts.exists_one(c, 100 / c > 10)`
func cel_oneBig(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.existsOne(this.counts) { (celV0) throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.divide(100, Swift.Int64(celV0)) > 10) }
}

/// `this.tags.map(t, t.size() > 0, t + '!').all(t, t.endsWith('!'))`
func cel_positiveTagged(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.map(this.tags, where: { (celV0) throws(Validation.CELEvaluationError) -> Swift.Bool in (Validation._CELRuntime.size(celV0) > 0) }) { (celV0) throws(Validation.CELEvaluationError) -> Swift.String in (celV0 + "!") }.allSatisfy { celV1 in Validation._CELRuntime.endsWith(celV1, "!") }
}

/// `size(this.counts) < 2 || this.counts[0] + this.counts[1] > 0`
func cel_sumFirstTwo(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in (Swift.Int64(this.counts.count) < 2) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.add(Swift.Int64(Validation._CELRuntime.item(this.counts, (0 as Swift.Int64))), Swift.Int64(Validation._CELRuntime.item(this.counts, (1 as Swift.Int64)))) > 0) })
}

/// `string(this.ttl) == '60s' || string(this.created) == '2024-01-01T00:00:00Z'`
func cel_ttlText(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Validation._CELRuntime.equals(Validation._CELRuntime.string((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration())), "60s") || Validation._CELRuntime.equals(Validation._CELRuntime.string((this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())), "2024-01-01T00:00:00Z"))
}

/// `int(this.created) < 1704067200 ? 'before 2024' : ''`
func cel_createdSeconds(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.String {
    ((Validation._CELRuntime.int((this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())) < 1704067200) ? "before 2024" : "")
}

/// `this.name.size() == 0 || uint(this.name) > 1u || double(this.name) > 1.5`
func cel_parsedNumbers(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in (Validation._CELRuntime.size(this.name) == 0) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.uint(this.name) > 1) }) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.double(this.name) > 1.5) })
}

/// `string(this.data) == '' || bytes(this.name) + this.data != b''`
func cel_dataText(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in try Validation._CELRuntime.equals(Validation._CELRuntime.string(this.data), "") }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in (Validation._CELRuntime.concatenate(ProtoRuntime.ByteBuffer(string: this.name), this.data) != ProtoRuntime.ByteBuffer(bytes: [] as [Swift.UInt8])) })
}

/// `this.ttl.getHours() >= 1 || this.ttl.getMinutes() > 0 || this.ttl.getSeconds() != 0`
func cel_ttlHours(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (((Validation._CELRuntime.hours((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration())) >= 1) || (Validation._CELRuntime.minutes((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration())) > 0)) || (Validation._CELRuntime.seconds((this.ttl ?? ProtoRuntime.Google_Protobuf_Duration())) != 0))
}

/// `this.created.getMonth() == 0 && this.created.getDate() == 1 && this.created.getHours() == 0`
func cel_createdMonth(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (((Validation._CELRuntime.component(.month, of: (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())) == 0) && (Validation._CELRuntime.component(.date, of: (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())) == 1)) && (Validation._CELRuntime.component(.hours, of: (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())) == 0))
}

/// `has(this.labels.k) ? this.labels.k.size() > 0 : true`
func cel_hasLabelK(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try ((this.labels["k"] != nil) ? (Validation._CELRuntime.size(Validation._CELRuntime.value(this.labels["k"], key: "k")) > 0) : true)
}

/// `!(1 in this.stock) || this.stock[1] > 0`
func cel_stockValue(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try Validation._CELRuntime.or({ () throws(Validation.CELEvaluationError) -> Swift.Bool in (!this.stock.keys.contains { Swift.Int64($0) == 1 }) }, { () throws(Validation.CELEvaluationError) -> Swift.Bool in try (Validation._CELRuntime.value(this.stock.first(where: { Swift.Int64($0.key) == 1 })?.value, key: "\((1 as Swift.Int64))") > 0) })
}

/// `this.expires - this.created > this.ttl`
func cel_ttlBetween(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    try (Validation._CELRuntime.order(Validation._CELRuntime.subtract((this.expires ?? ProtoRuntime.Google_Protobuf_Timestamp()), (this.created ?? ProtoRuntime.Google_Protobuf_Timestamp())), (this.ttl ?? ProtoRuntime.Google_Protobuf_Duration())) > 0)
}

/// `!this.score.isNan() && !this.score.isInf()`
func cel_scoreFinite(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    ((!this.score.isNaN) && (!this.score.isInfinite))
}

/// `this.age > 100 ? (this.balance / this.age > 1 ? 'rich elder' : '') : ''`
func cel_textTernary(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.String {
    try ((Swift.Int64(this.age) > 100) ? ((Validation._CELRuntime.divide(this.balance, Swift.Int64(this.age)) > 1) ? "rich elder" : "") : "")
}

/// `this.items.all(i, i.price >= 0.0 && i.sku.size() <= 3)`
func cel_itemPrices(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    this.items.allSatisfy { celV0 in ((celV0.price >= 0.0) && (Validation._CELRuntime.size(celV0.sku) <= 3)) }
}

/// `this.counts.unique() && this.counts.filter(c, c < 0).size() == 0`
func cel_uniqueCounts(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (Validation._CELRuntime.unique(this.counts.map { Swift.Int64($0) }) && (Swift.Int64(this.counts.filter { celV0 in (Swift.Int64(celV0) < 0) }.count) == 0))
}

/// `this.address == this.address && this.address.floor in [0, 3]`
func cel_sameAddress(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    (((this.address ?? FixtureAddress()) == (this.address ?? FixtureAddress())) && ([0, 3] as [Swift.Int64]).contains(Swift.Int64((this.address?.floor ?? 0))))
}

/// `this.items.all(i, this.tags.exists(t, t == i.sku) || i.quantity == 0)`
func cel_nestedMacros(_ this: FixtureUser, now: ProtoRuntime.Google_Protobuf_Timestamp) throws(Validation.CELEvaluationError) -> Swift.Bool {
    this.items.allSatisfy { celV0 in (this.tags.contains { celV1 in Validation._CELRuntime.equals(celV1, celV0.sku) } || (Swift.Int64(celV0.quantity) == 0)) }
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

/// The rules on `test.v1.User`, for the cross-check against protovalidate.
let celFixtureUserRules: [CELFixtureRule] = [
    CELFixtureRule(name: "nameLength", expression: "size(this.name) >= 2 && this.name.size() <= 5") { user, now in CELOutcome { try cel_nameLength(user, now: now) } },
    CELFixtureRule(name: "ageRange", expression: "this.age >= 18 && this.age < 150") { user, now in CELOutcome { try cel_ageRange(user, now: now) } },
    CELFixtureRule(name: "incrementGrows", expression: "this.balance + 1 > this.balance") { user, now in CELOutcome { try cel_incrementGrows(user, now: now) } },
    CELFixtureRule(name: "perYear", expression: "this.balance / this.age > 2") { user, now in CELOutcome { try cel_perYear(user, now: now) } },
    CELFixtureRule(name: "guardedDivision", expression: "this.age != 0 && this.balance / this.age > 2") { user, now in CELOutcome { try cel_guardedDivision(user, now: now) } },
    CELFixtureRule(name: "absorbedOr", expression: "this.balance / this.age > 2 || this.age == 0") { user, now in CELOutcome { try cel_absorbedOr(user, now: now) } },
    CELFixtureRule(name: "mixedNumbers", expression: "this.big > this.balance && this.score < this.balance") { user, now in CELOutcome { try cel_mixedNumbers(user, now: now) } },
    CELFixtureRule(name: "scoreIsNumber", expression: "this.score == this.score") { user, now in CELOutcome { try cel_scoreIsNumber(user, now: now) } },
    CELFixtureRule(name: "exampleEmail", expression: "this.email.endsWith('@example.com') ? '' : 'email must be at example.com'") { user, now in CELOutcome { try cel_exampleEmail(user, now: now) } },
    CELFixtureRule(name: "fiveCodePoints", expression: "this.name.size() == 5") { user, now in CELOutcome { try cel_fiveCodePoints(user, now: now) } },
    CELFixtureRule(name: "decomposedE", expression: "this.name == 'e\\u0301'") { user, now in CELOutcome { try cel_decomposedE(user, now: now) } },
    CELFixtureRule(name: "nicknameX", expression: "!has(this.nickname) || this.nickname.startsWith('x')") { user, now in CELOutcome { try cel_nicknameX(user, now: now) } },
    CELFixtureRule(name: "zipFive", expression: "this.address.city == '' || this.address.zip.size() == 5") { user, now in CELOutcome { try cel_zipFive(user, now: now) } },
    CELFixtureRule(name: "hasFloor", expression: "has(this.address) && has(this.address.floor)") { user, now in CELOutcome { try cel_hasFloor(user, now: now) } },
    CELFixtureRule(name: "tagsUnique", expression: "this.tags.all(t, t.size() > 0) && this.tags.unique()") { user, now in CELOutcome { try cel_tagsUnique(user, now: now) } },
    CELFixtureRule(name: "someCountOver10", expression: "this.counts.exists(c, c > 10)") { user, now in CELOutcome { try cel_someCountOver10(user, now: now) } },
    CELFixtureRule(name: "oneZeroCount", expression: "this.counts.exists_one(c, c == 0)") { user, now in CELOutcome { try cel_oneZeroCount(user, now: now) } },
    CELFixtureRule(name: "doubledBelow100", expression: "this.counts.map(c, c * 2).all(d, d < 100)") { user, now in CELOutcome { try cel_doubledBelow100(user, now: now) } },
    CELFixtureRule(name: "allItemsStocked", expression: "size(this.items.filter(i, i.quantity > 0)) == size(this.items)") { user, now in CELOutcome { try cel_allItemsStocked(user, now: now) } },
    CELFixtureRule(name: "knownStatus", expression: "this.status in [1, 2] && this.name in ['ann', 'bob']") { user, now in CELOutcome { try cel_knownStatus(user, now: now) } },
    CELFixtureRule(name: "labelK", expression: "'k' in this.labels && this.labels['k'] != '' && this.labels.k == 'v'") { user, now in CELOutcome { try cel_labelK(user, now: now) } },
    CELFixtureRule(name: "missingLabel", expression: "this.labels['missing'] == ''") { user, now in CELOutcome { try cel_missingLabel(user, now: now) } },
    CELFixtureRule(name: "stockKeys", expression: "this.stock.all(k, k > 0) && 1 in this.stock") { user, now in CELOutcome { try cel_stockKeys(user, now: now) } },
    CELFixtureRule(name: "ttlRange", expression: "this.ttl >= duration('1m') && this.ttl <= duration('1h30m')") { user, now in CELOutcome { try cel_ttlRange(user, now: now) } },
    CELFixtureRule(name: "window", expression: "this.created + this.ttl < this.expires") { user, now in CELOutcome { try cel_window(user, now: now) } },
    CELFixtureRule(name: "recent", expression: "now - this.created < duration('24h')") { user, now in CELOutcome { try cel_recent(user, now: now) } },
    CELFixtureRule(name: "after2024", expression: "this.created >= timestamp('2024-01-01T00:00:00Z')") { user, now in CELOutcome { try cel_after2024(user, now: now) } },
    CELFixtureRule(name: "limitOptional", expression: "this.limit == null || this.limit > 0") { user, now in CELOutcome { try cel_limitOptional(user, now: now) } },
    CELFixtureRule(name: "limitOver5", expression: "this.limit > 5") { user, now in CELOutcome { try cel_limitOver5(user, now: now) } },
    CELFixtureRule(name: "ageText", expression: "string(this.age) + 'y' == '30y'") { user, now in CELOutcome { try cel_ageText(user, now: now) } },
    CELFixtureRule(name: "scoreTruncated", expression: "int(this.score) > 0") { user, now in CELOutcome { try cel_scoreTruncated(user, now: now) } },
    CELFixtureRule(name: "balanceUnsigned", expression: "uint(this.balance) > 0u") { user, now in CELOutcome { try cel_balanceUnsigned(user, now: now) } },
    CELFixtureRule(name: "bigAsDouble", expression: "double(this.big) > 1e3") { user, now in CELOutcome { try cel_bigAsDouble(user, now: now) } },
    CELFixtureRule(name: "adult", expression: "this.age < 18 ? 'too young' : ''") { user, now in CELOutcome { try cel_adult(user, now: now) } },
    CELFixtureRule(name: "negatedBalance", expression: "-this.balance <= 0") { user, now in CELOutcome { try cel_negatedBalance(user, now: now) } },
    CELFixtureRule(name: "evenBalance", expression: "this.balance % 2 == 0") { user, now in CELOutcome { try cel_evenBalance(user, now: now) } },
    CELFixtureRule(name: "smallDecrement", expression: "this.small - 1u >= 0u") { user, now in CELOutcome { try cel_smallDecrement(user, now: now) } },
    CELFixtureRule(name: "dataHeader", expression: "size(this.data) <= 4 && this.data.startsWith(b'\\x01')") { user, now in CELOutcome { try cel_dataHeader(user, now: now) } },
    CELFixtureRule(name: "createdWeekday", expression: "this.created.getFullYear() >= 2024 && this.created.getDayOfWeek() != 0") { user, now in CELOutcome { try cel_createdWeekday(user, now: now) } },
    CELFixtureRule(name: "tagsPlusX", expression: "this.tags + ['x'] == ['a', 'x']") { user, now in CELOutcome { try cel_tagsPlusX(user, now: now) } },
    CELFixtureRule(name: "ratioHalf", expression: "this.ratio > 0.5") { user, now in CELOutcome { try cel_ratioHalf(user, now: now) } },
    CELFixtureRule(name: "firstSku", expression: "this.items[0].sku != ''") { user, now in CELOutcome { try cel_firstSku(user, now: now) } },
    CELFixtureRule(name: "scoreText", expression: "string(this.score) == '1.5'") { user, now in CELOutcome { try cel_scoreText(user, now: now) } },
    CELFixtureRule(name: "bigOver5", expression: "this.big > 5u && this.small < this.age") { user, now in CELOutcome { try cel_bigOver5(user, now: now) } },
    CELFixtureRule(name: "bigEqualsBalance", expression: "this.big == this.balance || this.score == this.age") { user, now in CELOutcome { try cel_bigEqualsBalance(user, now: now) } },
    CELFixtureRule(name: "ratioIsHalf", expression: "this.ratio == 0.5") { user, now in CELOutcome { try cel_ratioIsHalf(user, now: now) } },
    CELFixtureRule(name: "nameBeforeB", expression: "this.name < 'b' && this.name >= ''") { user, now in CELOutcome { try cel_nameBeforeB(user, now: now) } },
    CELFixtureRule(name: "notFlag", expression: "!this.flag || this.data.size() > 0") { user, now in CELOutcome { try cel_notFlag(user, now: now) } },
    CELFixtureRule(name: "oneBig", expression: "this.counts.exists_one(c, 100 / c > 10)") { user, now in CELOutcome { try cel_oneBig(user, now: now) } },
    CELFixtureRule(name: "positiveTagged", expression: "this.tags.map(t, t.size() > 0, t + '!').all(t, t.endsWith('!'))") { user, now in CELOutcome { try cel_positiveTagged(user, now: now) } },
    CELFixtureRule(name: "sumFirstTwo", expression: "size(this.counts) < 2 || this.counts[0] + this.counts[1] > 0") { user, now in CELOutcome { try cel_sumFirstTwo(user, now: now) } },
    CELFixtureRule(name: "ttlText", expression: "string(this.ttl) == '60s' || string(this.created) == '2024-01-01T00:00:00Z'") { user, now in CELOutcome { try cel_ttlText(user, now: now) } },
    CELFixtureRule(name: "createdSeconds", expression: "int(this.created) < 1704067200 ? 'before 2024' : ''") { user, now in CELOutcome { try cel_createdSeconds(user, now: now) } },
    CELFixtureRule(name: "parsedNumbers", expression: "this.name.size() == 0 || uint(this.name) > 1u || double(this.name) > 1.5") { user, now in CELOutcome { try cel_parsedNumbers(user, now: now) } },
    CELFixtureRule(name: "dataText", expression: "string(this.data) == '' || bytes(this.name) + this.data != b''") { user, now in CELOutcome { try cel_dataText(user, now: now) } },
    CELFixtureRule(name: "ttlHours", expression: "this.ttl.getHours() >= 1 || this.ttl.getMinutes() > 0 || this.ttl.getSeconds() != 0") { user, now in CELOutcome { try cel_ttlHours(user, now: now) } },
    CELFixtureRule(name: "createdMonth", expression: "this.created.getMonth() == 0 && this.created.getDate() == 1 && this.created.getHours() == 0") { user, now in CELOutcome { try cel_createdMonth(user, now: now) } },
    CELFixtureRule(name: "hasLabelK", expression: "has(this.labels.k) ? this.labels.k.size() > 0 : true") { user, now in CELOutcome { try cel_hasLabelK(user, now: now) } },
    CELFixtureRule(name: "stockValue", expression: "!(1 in this.stock) || this.stock[1] > 0") { user, now in CELOutcome { try cel_stockValue(user, now: now) } },
    CELFixtureRule(name: "ttlBetween", expression: "this.expires - this.created > this.ttl") { user, now in CELOutcome { try cel_ttlBetween(user, now: now) } },
    CELFixtureRule(name: "scoreFinite", expression: "!this.score.isNan() && !this.score.isInf()") { user, now in CELOutcome { try cel_scoreFinite(user, now: now) } },
    CELFixtureRule(name: "textTernary", expression: "this.age > 100 ? (this.balance / this.age > 1 ? 'rich elder' : '') : ''") { user, now in CELOutcome { try cel_textTernary(user, now: now) } },
    CELFixtureRule(name: "itemPrices", expression: "this.items.all(i, i.price >= 0.0 && i.sku.size() <= 3)") { user, now in CELOutcome { try cel_itemPrices(user, now: now) } },
    CELFixtureRule(name: "uniqueCounts", expression: "this.counts.unique() && this.counts.filter(c, c < 0).size() == 0") { user, now in CELOutcome { try cel_uniqueCounts(user, now: now) } },
    CELFixtureRule(name: "sameAddress", expression: "this.address == this.address && this.address.floor in [0, 3]") { user, now in CELOutcome { try cel_sameAddress(user, now: now) } },
    CELFixtureRule(name: "nestedMacros", expression: "this.items.all(i, this.tags.exists(t, t == i.sku) || i.quantity == 0)") { user, now in CELOutcome { try cel_nestedMacros(user, now: now) } },
]
