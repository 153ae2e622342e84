import ProtoRuntime

/// Values for every field of `AllTypes`, including edge values.
enum Fixtures {
    static func nested(_ a: Int32, _ b: String) -> Room619_Testing_V1_AllTypes.Nested {
        Room619_Testing_V1_AllTypes.Nested(a: a, b: b)
    }

    /// Sets every proto3 `optional` field to its type's default: present, so still written.
    static func setOptionalsToDefaults(_ m: inout Room619_Testing_V1_AllTypes) {
        m.oInt32 = 0
        m.oInt64 = 0
        m.oUint32 = 0
        m.oUint64 = 0
        m.oSint32 = 0
        m.oSint64 = 0
        m.oFixed32 = 0
        m.oFixed64 = 0
        m.oSfixed32 = 0
        m.oSfixed64 = 0
        m.oFloat = 0
        m.oDouble = 0
        m.oBool = false
        m.oString = ""
        m.oBytes = ByteBuffer()
        m.oEnum = .unspecified
        m.oNested = Room619_Testing_V1_AllTypes.Nested()
    }

    static var fullAllTypes: Room619_Testing_V1_AllTypes {
        var m = Room619_Testing_V1_AllTypes()
        m.fInt32 = -123
        m.fInt64 = .min
        m.fUint32 = .max
        m.fUint64 = .max
        m.fSint32 = .min
        m.fSint64 = -9_000_000_000
        m.fFixed32 = 0xDEAD_BEEF
        m.fFixed64 = .max
        m.fSfixed32 = -5
        m.fSfixed64 = .min
        m.fFloat = -0.0
        m.fDouble = .infinity
        m.fBool = true
        m.fString = "héllo, 世界 🌍"
        m.fBytes = [0x00, 0xFF, 0x7F, 0x80]
        m.fEnum = .blue
        m.fNested = nested(7, "seven")
        m.fMood = .happy
        m.fTimestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 999_999_999)
        setOptionalsToDefaults(&m)
        m.rInt32 = [0, -1, .max, .min]
        m.rInt64 = [0, -1, .max, .min]
        m.rUint32 = [0, 1, .max]
        m.rUint64 = [0, 1, .max]
        m.rSint32 = [0, -1, 1, .min, .max]
        m.rSint64 = [0, -1, 1, .min, .max]
        m.rFixed32 = [0, .max]
        m.rFixed64 = [0, .max]
        m.rSfixed32 = [.min, .max]
        m.rSfixed64 = [.min, .max]
        m.rFloat = [1.5, -.infinity, .greatestFiniteMagnitude]
        m.rDouble = [-1e300, .leastNonzeroMagnitude]
        m.rBool = [true, false, true]
        m.rString = ["", "a", String(repeating: "z", count: 300)]
        m.rBytes = [ByteBuffer(), [1, 2, 3]]
        m.rEnum = [.red, .green, .negative, .unrecognized(42)]
        m.rNested = [nested(1, "one"), Room619_Testing_V1_AllTypes.Nested(), nested(-2, "two")]
        m.rUnpackedInt32 = [1, 200, -3]
        m.rUnpackedEnum = [.blue, .red]
        m.mInt32String = [0: "zero", -1: "minus one", .max: "max"]
        m.mInt64Int64 = [.min: .max, 0: 0]
        m.mUint32Uint32 = [.max: 1]
        m.mUint64Bytes = [.max: [0xAB], 0: ByteBuffer()]
        m.mSint32Sint32 = [-5: -6]
        m.mSint64Sint64 = [.min: .min]
        m.mFixed32Fixed32 = [1: 2]
        m.mFixed64Fixed64 = [3: 4]
        m.mSfixed32Sfixed32 = [-7: -8]
        m.mSfixed64Sfixed64 = [-9: -10]
        m.mBoolBool = [true: false, false: true]
        m.mStringString = ["": "", "key": "välue"]
        m.mStringNested = ["a": nested(1, "x"), "empty": Room619_Testing_V1_AllTypes.Nested()]
        m.mStringEnum = ["r": .red, "u": .unrecognized(99)]
        m.mInt32Float = [1: -0.5]
        m.mInt32Double = [2: 1e-10]
        m.choice = .cNested(nested(3, "choice"))
        m.`default` = 1
        m.`class` = "class"
        m.self_p = true
        m.type = 2
        m.description_p = "description"
        m.hashValue_p = 3
        m.unknownFields_p = "unknown"
        m.orderID = 4
        m.httpURL = "https://example.com"
        m.fLast = "last"
        return m
    }
}
