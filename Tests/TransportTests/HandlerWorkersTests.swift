import Bytes
import Glibc
import Synchronization
import Testing

@testable import Transport

/// Handler tasks are kept between requests (``HandlerWorkers``): what a handler may observe of
/// that must be exactly what a fresh task per request would give it.
@Suite("Handler tasks reused between requests")
struct HandlerWorkersTests {
    /// The identity of the task a handler runs on, and whether it was cancelled on entry.
    struct Sighting: Sendable, Equatable {
        var task: Int
        var cancelledOnEntry: Bool
    }

    @Test("sequential requests on a connection run on one reused task, never a cancelled one")
    func reuseAndCancellation() async throws {
        let sightings = Mutex<[String: [Sighting]]>([:])
        let blocked = Mutex(false)
        try await withTestServer(handler: { request, response in
            let task = withUnsafeCurrentTask { $0.map { $0.hashValue } } ?? 0
            let sighting = Sighting(task: task, cancelledOnEntry: Task.isCancelled)
            sightings.withLock { $0[String(request.head.path), default: []].append(sighting) }
            if request.head.path == "/hang" {
                blocked.withLock { $0 = true }
                // Until the client goes away and the connection cancels this task.
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
                return
            }
            try await response.respond(status: 200, body: .init(string: "ok"))
        }) { server in
            let first = try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                var statuses: [Int] = []
                for _ in 0..<5 {
                    try client.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n")
                    statuses.append(try client.readResponse().status)
                }
                return statuses
            }
            #expect(first == [200, 200, 200, 200, 200])
            // A request whose client leaves mid-handler: its task is cancelled.
            try await onBlockingThread {
                let client = try RawHTTPClient(port: server.port)
                try client.send("GET /hang HTTP/1.1\r\nHost: a\r\n\r\n")
                while !blocked.withLock({ $0 }) { usleep(1000) }
                client.reset()
            }
            try await server.waitUntilNoConnections()
            // Four connections one after another, so each of the server's loops (connections
            // are dealt round-robin) serves some, from its pool of idle tasks.
            let after = try await onBlockingThread {
                var statuses: [Int] = []
                for _ in 0..<4 {
                    let client = try RawHTTPClient(port: server.port)
                    for _ in 0..<5 {
                        try client.send("GET /after HTTP/1.1\r\nHost: a\r\n\r\n")
                        statuses.append(try client.readResponse().status)
                    }
                    client.close()
                }
                return statuses
            }
            #expect(after == Array(repeating: 200, count: 20))
        }
        let seen = sightings.withLock { $0 }
        let fast = seen["/fast"] ?? []
        let hang = seen["/hang"] ?? []
        let later = seen["/after"] ?? []
        #expect(fast.count == 5 && hang.count == 1 && later.count == 20)
        // One connection's sequential requests run on one task (the worker went back to its
        // loop's pool and came out again), and none of them starts cancelled.
        #expect(Set(fast.map(\.task)).count == 1, "\(fast)")
        #expect(!fast.contains { $0.cancelledOnEntry } && !later.contains { $0.cancelledOnEntry })
        // The cancelled task never serves again: a request that came after it would start
        // cancelled. (Task identities are not compared here: a new task may reuse a freed
        // task's address.)
        #expect(hang.count == 1 && !later.contains { $0.cancelledOnEntry }, "a cancelled handler task was reused")
    }

    @Test("concurrent requests each get a task of their own")
    func concurrentRequestsDoNotShare() async throws {
        let running = Mutex<Set<Int>>([])
        let overlap = Mutex(false)
        try await withTestServer(handler: { _, response in
            let task = withUnsafeCurrentTask { $0.map { $0.hashValue } } ?? 0
            let shared = running.withLock { !$0.insert(task).inserted }
            if shared { overlap.withLock { $0 = true } }
            try? await Task.sleep(for: .milliseconds(20))
            _ = running.withLock { $0.remove(task) }
            try await response.respond(status: 200)
        }) { server in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await onBlockingThread {
                            let client = try RawHTTPClient(port: server.port)
                            var ok = 0
                            for _ in 0..<4 {
                                try client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
                                if try client.readResponse().status == 200 { ok += 1 }
                            }
                            return ok
                        }
                    }
                }
                var total = 0
                for try await ok in group { total += ok }
                #expect(total == 64)
            }
        }
        #expect(!overlap.withLock { $0 }, "two requests ran on one task at the same time")
    }
}
