import Auth
import Foundation
import RPC
import Testing
import UserContracts
import UserService

@Suite("Failed sign-ins are limited per account and per client address")
struct LoginLimitTests {
    @Test(
        "the sixth attempt on an account within 15 minutes is RESOURCE_EXHAUSTED with retry-after",
        arguments: Driver.allCases)
    func perAccount(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            try await harness.signUp("lee@example.com")
            for attempt in 0..<5 {
                harness.clock.advance(by: .seconds(10))
                await expectStatus(.unauthenticated) {
                    try await harness.login(
                        "lee@example.com", password: "guess \(attempt)", peer: "10.0.0.\(attempt):4000")
                }
            }
            // Locked, even with the right password and in another case, from any address.
            let refused = await expectStatus(.resourceExhausted, "for this account") {
                try await harness.login("LEE@example.com", peer: "192.0.2.1:1")
            }
            // The first failure (40 s ago) leaves the window in 860 s.
            #expect(refused?.message.contains("try again in 860 s") == true)
            #expect(refused?.retryDelay == .seconds(860))
            #expect(harness.transport.lastTrailers?["retry-after"] == "860")
            // An email with no account is limited the same way: the limit says nothing about existence.
            for _ in 0..<5 {
                await expectStatus(.unauthenticated) { try await harness.login("ghost@example.com", password: "x") }
            }
            await expectStatus(.resourceExhausted, "for this account") { try await harness.login("ghost@example.com") }

            harness.clock.advance(by: .seconds(860))
            #expect(try await harness.login("lee@example.com").user?.email == "lee@example.com")
        }
    }

    @Test("a successful sign-in clears the account's failures", arguments: Driver.allCases)
    func successResets(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            try await harness.signUp("max@example.com")
            for round in 0..<3 {
                for attempt in 0..<4 {
                    await expectStatus(.unauthenticated) {
                        try await harness.login("max@example.com", password: "guess \(round).\(attempt)")
                    }
                }
                _ = try await harness.login("max@example.com")
            }
        }
    }

    @Test(
        "the 21st failure from one address within 15 minutes is refused, whatever the port",
        arguments: Driver.allCases)
    func perAddress(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            try await harness.signUp("ned@example.com")
            for index in 0..<20 {
                await expectStatus(.unauthenticated) {
                    try await harness.login(
                        "user\(index)@example.com", password: "guess", peer: "198.51.100.7:\(5000 + index)")
                }
            }
            await expectStatus(.resourceExhausted, "from this address") {
                try await harness.login("ned@example.com", peer: "198.51.100.7:6000")
            }
            #expect(harness.transport.lastTrailers?["retry-after"] == "900")
            // IPv6 peers are counted by address too; another address is not affected.
            _ = try await harness.login("ned@example.com", peer: "[2001:db8::1]:443")
        }
    }

    @Test("an unknown email takes about as long as a wrong password (OWASP parameters)")
    func uniformTiming() async throws {
        let configure: (inout UserServiceConfiguration) -> Void = { $0.loginLimits.accountFailures = 100 }
        try await UserServiceHarness.with(.sqlite, parameters: .owasp, configure: configure) { harness in
            try await harness.signUp("oz@example.com")
            func time(_ email: String, _ attempt: Int) async -> Duration {
                let start = ContinuousClock.now
                _ = try? await harness.login(email, password: "wrong \(attempt)", peer: "203.0.113.\(attempt):1")
                return ContinuousClock.now - start
            }
            // Interleaved, so that load from tests running alongside falls on both alike.
            var unknown: [Duration] = []
            var wrong: [Duration] = []
            for attempt in 0..<7 {
                unknown.append(await time("nobody-\(attempt)@example.com", attempt))
                wrong.append(await time("oz@example.com", attempt))
            }
            let ratio = unknown.sorted()[3] / wrong.sorted()[3]
            print(
                "login timing: unknown email \(unknown.sorted()[3]), wrong password \(wrong.sorted()[3]), ratio \(ratio)"
            )
            // Both verify one Argon2id hash (~20-30 ms here); without the decoy an unknown email
            // would answer in well under a millisecond (a ratio near 0.02).
            #expect(ratio > 0.4 && ratio < 2.5)
            #expect(unknown.sorted()[3] > .milliseconds(5))
        }
    }
}
