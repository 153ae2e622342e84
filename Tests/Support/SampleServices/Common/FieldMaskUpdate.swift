// Which fields an Update call changes (AIP-134): the paths of its `update_mask`, or, when the mask
// is empty, every updatable field the request populates.
public import ProtoRuntime
public import RPC

/// The fields an update names, checked against the fields a resource lets clients change.
///
/// ```swift
/// let update = try FieldMaskUpdate(mask: request.updateMask, updatable: ["display_name", "email"],
///                                  populated: ["display_name"])
/// if update.contains("email") { … }
/// ```
///
/// proto3 cannot tell a field sent as its default from one not sent, so with an empty mask a field
/// counts as sent when it is populated (not its default). A REST PATCH gets its mask from the
/// body's keys in the gateway, so clearing a field over REST works; over gRPC it needs a mask.
public struct FieldMaskUpdate: Sendable, Hashable {
    /// The field paths to change, in the order the mask names them, each once.
    public private(set) var paths: [String]

    /// The update `mask` asks for, or the `populated` fields when it is empty or absent.
    /// - Parameters:
    ///   - mask: The request's `update_mask`.
    ///   - updatable: The proto names of the fields a client may change.
    ///   - populated: The updatable fields the sent resource populates.
    /// - Throws: `INVALID_ARGUMENT` naming a path that is not an updatable field.
    public init(mask: Google_Protobuf_FieldMask?, updatable: [String], populated: [String]) throws(RPCStatus) {
        let requested = mask?.paths ?? []
        guard !requested.isEmpty else {
            paths = updatable.filter(populated.contains)
            return
        }
        paths = []
        for path in requested where !paths.contains(path) {
            guard updatable.contains(path) else {
                throw RPCStatus(
                    .invalidArgument,
                    "update_mask names \"\(path)\", which is not an updatable field (updatable: "
                        + "\(updatable.joined(separator: ", ")))")
            }
            paths.append(path)
        }
    }

    /// Whether the update changes the field `path` as a whole.
    public func contains(_ path: String) -> Bool {
        paths.contains(path)
    }

    /// Whether the update changes the field `path` or part of it (`price` for `price.minor_units`).
    public func touches(_ path: String) -> Bool {
        paths.contains { $0 == path || $0.hasPrefix(path + ".") }
    }
}
