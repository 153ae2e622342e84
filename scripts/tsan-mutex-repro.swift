// Does ThreadSanitizer see Synchronization.Mutex? Four threads take turns through one Mutex, a
// correct program: any report is TSan failing to see the lock (see scripts/tsan-suppressions.txt).
// scripts/sanitize.sh compiles it with -sanitize=thread and prints how many reports it got.
import Dispatch
import Synchronization

final class Shared: Sendable { let values = Mutex([Int]()) }
let shared = Shared()
let group = DispatchGroup()
for thread in 0..<4 {
    DispatchQueue.global().async(group: group) {
        for index in 0..<20_000 {
            shared.values.withLock { values in
                values.append(index + thread)
                if values.count > 64 { values.removeAll(keepingCapacity: true) }
            }
        }
    }
}
group.wait()
