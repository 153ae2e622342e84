/// A loop's timers: a binary min-heap by deadline. Cancelled timers stay in the heap, marked,
/// until they reach the top (cancelling is O(1); idle timeouts are cancelled far more often
/// than they fire).
struct TimerHeap {
    /// Identifies a scheduled timer, for cancelling it.
    struct Handle: Hashable {
        let id: UInt64
    }

    private struct Entry {
        var deadline: UInt64
        var id: UInt64
        var work: () -> Void
    }

    private var heap: [Entry] = []
    private var cancelled: Set<UInt64> = []
    private var nextID: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func schedule(at deadline: UInt64, _ work: @escaping () -> Void) -> Handle {
        nextID &+= 1
        heap.append(Entry(deadline: deadline, id: nextID, work: work))
        siftUp(heap.count - 1)
        return Handle(id: nextID)
    }

    mutating func cancel(_ handle: Handle) {
        cancelled.insert(handle.id)
    }

    /// How long `epoll_wait` may sleep: -1 (forever) without timers, at least 1 ms otherwise
    /// unless one is due.
    mutating func millisecondsUntilNext(now: UInt64) -> Int32 {
        dropCancelledTop()
        guard let first = heap.first else { return -1 }
        guard first.deadline > now else { return 0 }
        let milliseconds = (first.deadline - now + 999_999) / 1_000_000
        return Int32(min(milliseconds, 60_000))
    }

    /// Removes the next timer due at `now` and returns its work, or `nil` when none is due.
    /// The caller runs the work after this mutation ends: work may schedule or cancel timers,
    /// which running it inside `fire` would make an overlapping access to the heap.
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        while let first = heap.first, first.deadline <= now {
            let entry = popFirst()
            if cancelled.remove(entry.id) == nil { return entry.work }
        }
        return nil
    }

    private mutating func dropCancelledTop() {
        while let first = heap.first, cancelled.contains(first.id) {
            cancelled.remove(first.id)
            _ = popFirst()
        }
    }

    private mutating func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
