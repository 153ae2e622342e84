import Foundation
import ProtoRuntime
import Validation

/// `FixtureUser` as the proto JSON of `test.v1.User`, for protovalidate's side of the cross-check.
enum CELUserJSON {
    static func object(_ user: FixtureUser) -> [String: Any] {
        var json: [String: Any] = [
            "name": user.name, "email": user.email, "age": user.age, "balance": String(user.balance),
            "score": double(user.score), "ratio": double(Double(user.ratio)), "big": String(user.big),
            "small": user.small, "flag": user.flag, "data": Data(user.data.readableBytesArray).base64EncodedString(),
            "tags": user.tags, "counts": user.counts, "labels": user.labels,
            "stock": Dictionary(uniqueKeysWithValues: user.stock.map { (String($0.key), String($0.value)) }),
            "items": user.items.map { ["sku": $0.sku, "quantity": $0.quantity, "price": double($0.price)] },
            "status": user.status.rawValue,
        ]
        if let nickname = user.nickname { json["nickname"] = nickname }
        if let address = user.address {
            var fields: [String: Any] = ["city": address.city, "zip": address.zip]
            if let floor = address.floor { fields["floor"] = floor }
            json["address"] = fields
        }
        if let created = user.created { json["created"] = _CELRuntime.string(created) }
        if let expires = user.expires { json["expires"] = _CELRuntime.string(expires) }
        if let ttl = user.ttl { json["ttl"] = _CELRuntime.string(ttl) }
        if let limit = user.limit { json["limit"] = limit.value }
        return json
    }

    /// Proto JSON's spelling of a double: a number, or "NaN" / "Infinity" / "-Infinity".
    static func double(_ value: Double) -> Any {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return value
    }

    /// One line of JSON, for failure messages.
    static func text(_ user: FixtureUser) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object(user), options: [.sortedKeys]) else {
            return "?"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
