import ProtoRuntime

/// Random `FixtureUser`s whose fields are drawn from values at or near the fixture rules'
/// boundaries (limits of each integer type, NaN and infinities, code-point edge cases, empty and
/// missing submessages), from a seeded SplitMix64 so a failing run can be replayed.
struct CELUserGenerator {
    var state: UInt64
    let now: Google_Protobuf_Timestamp

    init(seed: UInt64, now: Google_Protobuf_Timestamp) {
        self.state = seed
        self.now = now
    }

    mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(nextRandom() % UInt64(choices.count))] }

    static let jan2024 = Google_Protobuf_Timestamp(seconds: 1_704_067_200)

    mutating func next() -> FixtureUser {
        var user = FixtureUser()
        user.name = pick(["", "a", "ab", "ann", "bob", "héllo", "e\u{301}", "\u{E9}", "👩‍👩‍👧", "abcdef", "xyz"])
        user.email = pick(["", "a@example.com", "x@other.org", "@example.com", "b@example.co"])
        user.age = pick([0, 1, 2, 17, 18, 30, 149, 150, -1, .max, .min])
        user.balance = pick([0, 1, -1, 2, 3, 10, 100, .max, .min, .max - 1, .min + 1])
        user.score = pick([0, 1.5, -1.5, 0.5, 1.9, -1.9, .nan, .infinity, -.infinity, 1e300, 9.3e18, 3, 10])
        user.ratio = pick([0, 0.5, 0.75, 0.5000001, .nan, -1])
        user.big = pick([0, 1, 5, 10, 1001, .max, UInt64(Int64.max), UInt64(Int64.max) + 1])
        user.small = pick([0, 1, 2, .max])
        user.flag = pick([false, true])
        user.data = ByteBuffer(bytes: pick([[], [1], [1, 2], [0, 1], [1, 2, 3, 4], [1, 2, 3, 4, 5]] as [[UInt8]]))
        user.nickname = pick([nil, "", "x", "xavier", "bob"])
        user.tags = pick([[], ["a"], ["a", "a"], ["a", ""], ["x"], ["a", "b"], ["e\u{301}", "\u{E9}"]])
        user.counts = pick([[], [0], [0, 1], [0, 0], [49, -5], [50], [11], [2, -4], [1, 2], [.max], [.min, 3]])
        user.labels = pick([[:], ["k": "v"], ["k": ""], ["missing": "x"], ["k": "w"], ["k": "v", "missing": ""]])
        user.stock = pick([[:], [1: 5], [2: 5], [-1: 3], [1: 0, 2: 1], [0: 1]])
        user.address = pick([
            nil, FixtureAddress(), FixtureAddress(city: "Paris", zip: "750"),
            FixtureAddress(city: "x", zip: "12345", floor: 0),
            FixtureAddress(city: "", zip: "1234", floor: 3),
        ])
        user.items = pick([
            [], [FixtureItem(sku: "s", quantity: 1)], [FixtureItem()],
            [FixtureItem(sku: "a", quantity: 1), FixtureItem(quantity: 0)],
        ])
        user.status = pick([.unspecified, .active, .banned, .unrecognized(7), .unrecognized(-1)])
        let times: [Google_Protobuf_Timestamp?] = [
            nil, Self.jan2024, Google_Protobuf_Timestamp(seconds: Self.jan2024.seconds - 1),
            Google_Protobuf_Timestamp(seconds: now.seconds - 3600), Google_Protobuf_Timestamp(seconds: 253_402_300_799),
            Google_Protobuf_Timestamp(seconds: -62_135_596_800),
            Google_Protobuf_Timestamp(seconds: 1_735_603_200, nanos: 5),
        ]
        user.created = pick(times)
        user.expires = pick(times)
        user.ttl = pick([
            nil, Google_Protobuf_Duration(seconds: 60), Google_Protobuf_Duration(seconds: 59, nanos: 999_999_999),
            Google_Protobuf_Duration(seconds: 5400), Google_Protobuf_Duration(seconds: 5400, nanos: 1),
            Google_Protobuf_Duration(seconds: -10), Google_Protobuf_Duration(seconds: 1),
        ])
        user.limit = pick([
            nil, Google_Protobuf_Int32Value(value: 0), Google_Protobuf_Int32Value(value: 6),
            Google_Protobuf_Int32Value(value: -1),
        ])
        return user
    }

    /// Hand-picked messages: defaults, and each rule's failing or erroring case.
    static func edgeCases(now: Google_Protobuf_Timestamp) -> [FixtureUser] {
        var users: [FixtureUser] = [FixtureUser()]
        func add(_ configure: (inout FixtureUser) -> Void) {
            var user = FixtureUser()
            configure(&user)
            users.append(user)
        }
        add { ($0.balance, $0.age) = (.max, 1) }
        add { ($0.balance, $0.age) = (.min, -1) }
        add { ($0.big, $0.balance, $0.score) = (.max, -1, -1.5) }
        add { ($0.score, $0.name) = (.nan, "héllo") }
        add { ($0.score, $0.ratio) = (1.5, 0.75) }
        add { ($0.created, $0.ttl, $0.expires) = (jan2024, Google_Protobuf_Duration(seconds: 10), jan2024) }
        add {
            ($0.created, $0.ttl) = (
                Google_Protobuf_Timestamp(seconds: 253_402_300_799), Google_Protobuf_Duration(seconds: 1)
            )
        }
        add { $0.created = Google_Protobuf_Timestamp(seconds: now.seconds - 3600) }
        add { ($0.labels, $0.stock) = (["k": "v"], [1: 5, 2: 0]) }
        add { $0.counts = [Int32.max, 1] }
        return users
    }
}
