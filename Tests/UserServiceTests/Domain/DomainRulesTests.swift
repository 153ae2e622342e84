import Testing

@testable import UserService

@Suite("The service's rules, without a database")
struct DomainRulesTests {
    @Test("email keys fold case and Unicode normalization forms together")
    func emailKeys() {
        #expect(EmailAddress.key(of: "Ada@Example.COM") == "ada@example.com")
        // U+00C9 (É, composed) and E + U+0301 (decomposed), in either case.
        #expect(EmailAddress.key(of: "\u{00C9}lise@example.com") == EmailAddress.key(of: "e\u{0301}lise@example.com"))
        #expect(EmailAddress.key(of: "E\u{0301}LISE@example.com").unicodeScalars.first == "\u{00E9}")
        #expect(EmailAddress.key(of: "ada@example.com") != EmailAddress.key(of: "ada@example.org"))
    }

    @Test("ownership: one's own account, or any for an administrator")
    func ownership() {
        let user = Caller(userID: "u1", isAdmin: false)
        let admin = Caller(userID: "a1", isAdmin: true)
        #expect(user.mayAccess(account: "u1") && !user.mayAccess(account: "u2"))
        #expect(admin.mayAccess(account: "u2") && admin.isSelf("a1") && !admin.isSelf("u2"))
    }

    @Test("refresh decisions: revoked and expired first, then reuse, then the account")
    func refreshDecisions() {
        let fresh = RefreshTokenRecord(
            id: "t", userID: "u", tokenHash: [1], familyID: "f", expiresAt: 1000, createdAt: 0)
        var used = fresh
        used.usedAt = 10
        var revoked = used
        revoked.revokedAt = 20
        #expect(RefreshDecision.decide(nil, accountMaySignIn: true, now: 0) == .refuse(.unknown))
        #expect(RefreshDecision.decide(fresh, accountMaySignIn: true, now: 999) == .rotate)
        #expect(RefreshDecision.decide(fresh, accountMaySignIn: true, now: 1000) == .refuse(.expired))
        #expect(RefreshDecision.decide(used, accountMaySignIn: true, now: 500) == .refuseRevokingFamily(.reused))
        #expect(RefreshDecision.decide(used, accountMaySignIn: true, now: 1000) == .refuse(.expired))
        #expect(RefreshDecision.decide(revoked, accountMaySignIn: true, now: 500) == .refuse(.revoked))
        #expect(
            RefreshDecision.decide(fresh, accountMaySignIn: false, now: 500) == .refuseRevokingFamily(.accountSuspended)
        )
    }

    @Test("list cursors round-trip through opaque base64url tokens; others are refused")
    func cursors() throws {
        let account = UserAccount(
            id: "0a1b-…", email: "e", emailKey: "e", displayName: "d", status: .active, roles: [.customer],
            passwordHash: "h", createdAt: 1_800_000_000_123, updatedAt: 0, labels: [:])
        let cursor = UserListCursor(after: account)
        #expect(try UserListCursor(token: cursor.token) == cursor)
        #expect(cursor.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        for token in ["", "!!", "dTE6MTIzOg", "dTE6eDpp", "dTI6MTp4", "dTE6MTp4AHk"] {
            #expect(throws: UserServiceError.self, "\(token)") { try UserListCursor(token: token) }
        }
    }

    @Test("update masks resolve to the fields an owner may change")
    func masks() throws {
        let populated = try AccountChanges(maskPaths: [], email: "", displayName: "New", labels: ["k": "v"])
        #expect(populated.email == nil && populated.displayName == "New" && populated.labels == ["k": "v"])
        #expect(try AccountChanges(maskPaths: [], email: "", displayName: "", labels: [:]).isEmpty)
        let cleared = try AccountChanges(maskPaths: ["labels", "labels"], email: "x@y.z", displayName: "", labels: [:])
        #expect(cleared.email == nil && cleared.displayName == nil && cleared.labels == [:])
        for path in ["roles", "password_hash", "displayName", "user.email", ""] {
            #expect(throws: UserServiceError.self, "\(path)") {
                try AccountChanges(maskPaths: [path], email: "x@y.z", displayName: "n", labels: [:])
            }
        }
        #expect(throws: UserServiceError.self) {
            try AccountChanges(
                maskPaths: ["labels"], email: "", displayName: "", labels: ["k": String(repeating: "v", count: 257)])
        }
        #expect(throws: UserServiceError.self) {
            try AccountChanges(maskPaths: ["display_name"], email: "", displayName: "a\u{0}", labels: [:])
        }
    }

    @Test("peer addresses lose their port, IPv6 brackets included")
    func peers() {
        #expect(PeerAddress.host(of: "127.0.0.1:50312") == "127.0.0.1")
        #expect(PeerAddress.host(of: "[::1]:443") == "::1")
        #expect(PeerAddress.host(of: "[2001:db8::7]:1") == "2001:db8::7")
        #expect(PeerAddress.host(of: "in-process") == "in-process")
        #expect(PeerAddress.host(of: "2001:db8::7") == "2001:db8::7")
    }

    @Test("configurations out of range are refused, naming the value")
    func configuration() throws {
        _ = try UserServiceConfiguration.defaults { _ in }
        let refusals: [(inout UserServiceConfiguration) -> Void] = [
            { $0.adminRole = "" }, { $0.customerRole = $0.adminRole }, { $0.refreshTokenLifetime = .seconds(1) },
            { $0.loginLimits.accountFailures = 0 }, { $0.loginLimits.window = .zero },
            { $0.paging.defaultPageSize = 500 }, { $0.paging.maxPageSize = 5000 },
        ]
        for change in refusals {
            #expect(throws: UserServiceError.self) { try UserServiceConfiguration.defaults { change(&$0) } }
        }
    }
}
