/// The last few stream IDs a server reset, oldest forgotten first: enough for the frames in
/// flight when a reset goes out (RFC 9113 §5.1 lets an endpoint bound how long it ignores them).
struct RecentStreamIDs: Sendable {
    private static let capacity = 32
    private var ids: [UInt32] = []
    private var next = 0

    /// Remembers `id`, forgetting the oldest once full.
    mutating func insert(_ id: UInt32) {
        if ids.count < Self.capacity {
            ids.append(id)
        } else {
            ids[next] = id
            next = (next + 1) % Self.capacity
        }
    }

    /// Whether `id` was reset lately.
    func contains(_ id: UInt32) -> Bool { ids.contains(id) }
}
