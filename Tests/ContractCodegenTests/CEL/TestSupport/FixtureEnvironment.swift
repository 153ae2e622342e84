@testable import ContractCodegen

/// The messages of the CEL tests, as the generator would describe them: `test.v1.User` with a
/// field of every shape and kind, `test.v1.Address` and `test.v1.Item`. Their Swift twins
/// (`FixtureUser`, …) are hand-written in `Tests/ValidationTests/CEL/TestSupport`.
struct FixtureEnvironment: CELTypeEnvironment {
    static let messages: [String: (swift: String, fields: [String: CELFieldInfo])] = [
        "test.v1.User": (
            "FixtureUser",
            [
                "name": CELFieldInfo(kind: .string, shape: .single, swiftAccessor: "name"),
                "email": CELFieldInfo(kind: .string, shape: .single, swiftAccessor: "email"),
                "age": CELFieldInfo(kind: .int32, shape: .single, swiftAccessor: "age"),
                "balance": CELFieldInfo(kind: .int64, shape: .single, swiftAccessor: "balance"),
                "score": CELFieldInfo(kind: .double, shape: .single, swiftAccessor: "score"),
                "ratio": CELFieldInfo(kind: .float, shape: .single, swiftAccessor: "ratio"),
                "big": CELFieldInfo(kind: .uint64, shape: .single, swiftAccessor: "big"),
                "small": CELFieldInfo(kind: .uint32, shape: .single, swiftAccessor: "small"),
                "flag": CELFieldInfo(kind: .bool, shape: .single, swiftAccessor: "flag"),
                "data": CELFieldInfo(kind: .bytes, shape: .single, swiftAccessor: "data"),
                "nickname": CELFieldInfo(kind: .string, shape: .optional, swiftAccessor: "nickname"),
                "tags": CELFieldInfo(kind: .string, shape: .repeated, swiftAccessor: "tags"),
                "counts": CELFieldInfo(kind: .int32, shape: .repeated, swiftAccessor: "counts"),
                "labels": CELFieldInfo(kind: .string, shape: .map(key: .string), swiftAccessor: "labels"),
                "stock": CELFieldInfo(kind: .int64, shape: .map(key: .int32), swiftAccessor: "stock"),
                "address": CELFieldInfo(kind: .message("test.v1.Address"), shape: .optional, swiftAccessor: "address"),
                "items": CELFieldInfo(kind: .message("test.v1.Item"), shape: .repeated, swiftAccessor: "items"),
                "status": CELFieldInfo(kind: .enumeration("test.v1.Status"), shape: .single, swiftAccessor: "status"),
                "created": CELFieldInfo(kind: .timestamp, shape: .optional, swiftAccessor: "created"),
                "expires": CELFieldInfo(kind: .timestamp, shape: .optional, swiftAccessor: "expires"),
                "ttl": CELFieldInfo(kind: .duration, shape: .optional, swiftAccessor: "ttl"),
                "limit": CELFieldInfo(kind: .wrapper(.int32), shape: .optional, swiftAccessor: "limit"),
            ]
        ),
        "test.v1.Address": (
            "FixtureAddress",
            [
                "city": CELFieldInfo(kind: .string, shape: .single, swiftAccessor: "city"),
                "zip": CELFieldInfo(kind: .string, shape: .single, swiftAccessor: "zip"),
                "floor": CELFieldInfo(kind: .int32, shape: .optional, swiftAccessor: "floor"),
            ]
        ),
        "test.v1.Item": (
            "FixtureItem",
            [
                "sku": CELFieldInfo(kind: .string, shape: .single, swiftAccessor: "sku"),
                "quantity": CELFieldInfo(kind: .int32, shape: .single, swiftAccessor: "quantity"),
                "price": CELFieldInfo(kind: .double, shape: .single, swiftAccessor: "price"),
            ]
        ),
    ]

    func field(_ name: String, of message: String) -> CELFieldInfo? { Self.messages[message]?.fields[name] }

    func swiftTypeName(ofMessage message: String) -> String? { Self.messages[message]?.swift }
}

extension CELCompiler {
    /// A compiler over ``FixtureEnvironment`` that rejects patterns containing `(?<` (a stand-in
    /// for the RE2 check the generator will plug in).
    static var fixture: CELCompiler {
        CELCompiler(
            environment: FixtureEnvironment(),
            validatePattern: { $0.contains("(?<") ? "named groups need (?P<name>…)" : nil })
    }

    /// Compiles `expression` with `this` as a `test.v1.User` held in `this`.
    func compileOnUser(_ expression: String) throws(CELCompileError) -> CELCompiled {
        try compile(expression, bindings: CELBindings(this: .message("test.v1.User", swift: "this")))
    }
}
