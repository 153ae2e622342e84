import ProtoRuntime

/// Hand-written twins of what the generator emits for the CEL test messages (`test.v1.User`,
/// `Address`, `Item`, `Status`): the Swift shapes the compiled expressions in
/// `CELEmittedRules.swift` read. Presence fields are optionals, as in generated code.
struct FixtureUser {
    var name = ""
    var email = ""
    var age: Int32 = 0
    var balance: Int64 = 0
    var score: Double = 0
    var ratio: Float = 0
    var big: UInt64 = 0
    var small: UInt32 = 0
    var flag = false
    var data = ByteBuffer()
    var nickname: String?
    var tags: [String] = []
    var counts: [Int32] = []
    var labels: [String: String] = [:]
    var stock: [Int32: Int64] = [:]
    var address: FixtureAddress?
    var items: [FixtureItem] = []
    var status: FixtureStatus = .unspecified
    var created: Google_Protobuf_Timestamp?
    var expires: Google_Protobuf_Timestamp?
    var ttl: Google_Protobuf_Duration?
    var limit: Google_Protobuf_Int32Value?
}

struct FixtureAddress: Hashable {
    var city = ""
    var zip = ""
    var floor: Int32?
}

struct FixtureItem: Hashable {
    var sku = ""
    var quantity: Int32 = 0
    var price: Double = 0
}

/// An open proto3 enum, as generated: known cases plus `unrecognized`.
enum FixtureStatus: Hashable {
    case unspecified, active, banned
    case unrecognized(Int32)

    var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .active: 1
        case .banned: 2
        case .unrecognized(let value): value
        }
    }
}
