/// A protobuf enum, generated as a Swift enum whose raw value is the enum number.
///
/// Open (proto3) enums keep numbers they do not know in an `unrecognized(Int32)` case and
/// write them back; closed (proto2) enums fail `init(rawValue:)` for unknown numbers, and the
/// decoder keeps such values as unknown fields.
public protocol ProtoEnum: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == Int32 {
    /// The default value: the first value declared (proto3 requires it to be 0).
    init()

    /// The fully qualified protobuf name, such as `bench.v1.Status`.
    static var protoEnumName: String { get }

    /// The name of this value in the `.proto` file, or `nil` for an unrecognized number.
    var protoName: String? { get }

    /// The value named `protoName` in the `.proto` file (any alias), or `nil`.
    init?(protoName: String)

    /// Whether this is `google.protobuf.NullValue`, written as JSON `null`.
    static var _protoIsJSONNull: Bool { get }
}

extension ProtoEnum {
    /// Only `google.protobuf.NullValue` is JSON `null`.
    public static var _protoIsJSONNull: Bool { false }
}
