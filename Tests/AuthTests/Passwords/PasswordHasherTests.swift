import Testing

@testable import Auth

@Suite("Argon2id password hashes")
struct PasswordHasherTests {
    /// Small parameters keep the suite fast; the defaults get one test of their own.
    static func fastHasher(threads: Int = 2, queue: Int = 64) throws -> PasswordHasher {
        var configuration = PasswordHasher.Configuration()
        configuration.parameters = PasswordHashParameters(memoryKiB: 1024, iterations: 1, parallelism: 1)
        configuration.threadCount = threads
        configuration.maxQueuedJobs = queue
        return try PasswordHasher(configuration: configuration)
    }

    @Test("the default is OWASP's m=19 MiB, t=2, p=1, in PHC form with a 16-byte salt")
    func defaults() async throws {
        let hasher = try PasswordHasher()
        let stored = try await hasher.hash("correct horse battery staple")
        #expect(stored.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        let parts = stored.split(separator: "$")
        #expect(parts[3].count == 22)  // 16 bytes, unpadded base64
        #expect(parts[4].count == 43)  // 32 bytes
        #expect(try await hasher.verify("correct horse battery staple", against: stored))
        #expect(try await !hasher.verify("correct horse battery stapler", against: stored))
        #expect(!hasher.needsRehash(stored))
    }

    @Test("verify, mismatch, salts differ, Unicode passwords as their UTF-8 bytes")
    func basics() async throws {
        let hasher = try Self.fastHasher()
        let first = try await hasher.hash("pässwörd ✓")
        let second = try await hasher.hash("pässwörd ✓")
        #expect(first != second)
        #expect(try await hasher.verify("pässwörd ✓", against: second))
        #expect(try await !hasher.verify("passwörd ✓", against: first))
        #expect(try await !hasher.verify("", against: first))
        #expect(try hasher.verifyBlocking("pässwörd ✓", against: try hasher.hashBlocking("pässwörd ✓")))
        #expect(try await !hasher.verifyUnknownAccount("anything"))
    }

    @Test("needsRehash when the parameters change or the string is foreign")
    func rehash() throws {
        let hasher = try Self.fastHasher()
        let stored = try hasher.hashBlocking("pw")
        #expect(!hasher.needsRehash(stored))
        let stronger = try PasswordHasher()
        #expect(stronger.needsRehash(stored))
        #expect(stronger.needsRehash("$2b$12$abcdefghijklmnopqrstuv"))
        // A hash with the old parameters still verifies under the new configuration.
        #expect(try stronger.verifyBlocking("pw", against: stored))
    }

    @Test(
        "unreadable or out-of-range stored hashes are refused before any hashing",
        arguments: [
            "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=16$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1024,t=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1024,t=1,p=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$",
        ])
    func badStored(stored: String) async throws {
        let hasher = try Self.fastHasher()
        await #expect { _ = try await hasher.verify("pw", against: stored) } throws: {
            ($0 as? AuthError)?.code == .invalidPasswordHash
        }
    }

    @Test("too-long passwords and out-of-range configurations are refused")
    func limits() async throws {
        let hasher = try Self.fastHasher()
        await #expect { _ = try await hasher.hash(String(repeating: "x", count: 1025)) } throws: {
            ($0 as? AuthError)?.code == .passwordTooLong
        }
        var configuration = PasswordHasher.Configuration()
        configuration.parameters.iterations = 0
        #expect(throws: AuthError.self) { _ = try PasswordHasher(configuration: configuration) }
        configuration = PasswordHasher.Configuration()
        configuration.threadCount = 0
        #expect(throws: AuthError.self) { _ = try PasswordHasher(configuration: configuration) }
    }

    @Test("a full queue refuses at once with overloaded; every accepted hash completes")
    func overload() async throws {
        let hasher = try Self.fastHasher(threads: 1, queue: 2)
        let results = await withTaskGroup(of: AuthError.Code?.self, returning: [AuthError.Code?].self) { group in
            for index in 0..<40 {
                group.addTask {
                    do throws(AuthError) {
                        _ = try await hasher.hash("pw\(index)")
                        return nil
                    } catch {
                        return error.code
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let refused = results.filter { $0 == .overloaded }.count
        let done = results.filter { $0 == nil }.count
        #expect(refused + done == 40)
        #expect(refused > 0)
        #expect(done >= 2)
    }

    @Test("a task cancelled while queued is not hashed")
    func cancellation() async throws {
        let hasher = try Self.fastHasher(threads: 1, queue: 64)
        let blocker = Task { for index in 0..<8 { _ = try? await hasher.hash("busy\(index)") } }
        let cancelled = Task { () -> AuthError.Code? in
            do throws(AuthError) {
                _ = try await hasher.hash("late")
                return nil
            } catch {
                return error.code
            }
        }
        cancelled.cancel()
        let code = await cancelled.value
        #expect(code == .cancelled || code == nil)
        await blocker.value
    }
}
