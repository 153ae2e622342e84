import Storage
import Testing

@testable import UserService

@Suite("The user store's schema and SQL, on SQLite and PostgreSQL")
struct SQLUserRepositoryTests {
    func account(_ id: String, email: String, at time: Int64 = 1_000) -> UserAccount {
        UserAccount(
            id: id, email: email, emailKey: EmailAddress.key(of: email), displayName: "Name of \(id)",
            status: .active, roles: [.customer], passwordHash: "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            createdAt: time, updatedAt: time, labels: [:])
    }

    func token(_ id: String, user: String, hash: UInt8, family: String = "f1") -> RefreshTokenRecord {
        RefreshTokenRecord(
            id: id, userID: user, tokenHash: [UInt8](repeating: hash, count: 32), familyID: family, expiresAt: 5_000,
            createdAt: 1_000)
    }

    @Test("migrations apply once, in order, and are recorded", arguments: Driver.allCases)
    func migrations(driver: Driver) async throws {
        try await withTestDatabase(driver) { database in
            let first = try await database.migrate(UserMigrations.all)
            #expect(first == MigrationReport(applied: [1, 2], version: 2))
            let again = try await database.migrate(UserMigrations.all)
            #expect(again == MigrationReport(applied: [], version: 2))
            // An older build (only migration 1) refuses the newer schema instead of running on it.
            await #expect(throws: StorageError.self) { try await database.migrate([UserMigrations.users]) }
        }
    }

    @Test("accounts round-trip; the email key is unique whatever the case", arguments: Driver.allCases)
    func accounts(driver: Driver) async throws {
        try await withTestDatabase(driver) { database in
            try await database.migrate(UserMigrations.all)
            let repository = SQLUserRepository(database: database)
            var ada = account("u1", email: "Ada@Example.com")
            ada.labels = ["quote'": "\"; DROP TABLE users; --", "emoji": "\u{1F600}"]
            ada.roles = [.customer, .admin]
            try await repository.insert(ada)
            #expect(try await repository.account(id: "u1") == AccountRoles.sorted(ada))
            #expect(try await repository.account(emailKey: "ada@example.com")?.id == "u1")
            do throws(StorageError) {
                try await repository.insert(account("u2", email: "ADA@example.COM"))
                Issue.record("a second account with the same email key was stored")
            } catch {
                #expect(error.kind == .uniqueViolation)
                #expect(error.constraint?.contains("email_key") == true, "\(error)")
            }
            #expect(try await repository.account(id: "u2") == nil)
        }
    }

    @Test("deleting an account deletes its refresh tokens (the foreign key cascades)", arguments: Driver.allCases)
    func cascade(driver: Driver) async throws {
        try await withTestDatabase(driver) { database in
            try await database.migrate(UserMigrations.all)
            let repository = SQLUserRepository(database: database)
            try await repository.insert(account("u1", email: "a@example.com"))
            try await repository.insert(account("u2", email: "b@example.com"))
            try await repository.insert(token("t1", user: "u1", hash: 1), rehash: nil)
            try await repository.insert(token("t2", user: "u2", hash: 2, family: "f2"), rehash: nil)
            // Through plain SQL, so the schema's own cascade is what is tested.
            try await database.write { connection throws(StorageError) in
                try connection.execute("DELETE FROM users WHERE id = 'u1'")
            }
            let left = try await database.query("SELECT id FROM refresh_tokens")
            #expect(try left.map { (row) throws -> String in try row["id"] } == ["t2"])
            // A token for an account that does not exist is refused.
            await #expect(throws: StorageError.self) {
                try await repository.insert(token("t3", user: "nobody", hash: 3), rehash: nil)
            }
        }
    }

    @Test(
        "rotation marks the token used once, inherits family and expiry, and revokes on reuse",
        arguments: Driver.allCases)
    func rotation(driver: Driver) async throws {
        try await withTestDatabase(driver) { database in
            try await database.migrate(UserMigrations.all)
            let repository = SQLUserRepository(database: database)
            try await repository.insert(account("u1", email: "a@example.com"))
            try await repository.insert(token("t1", user: "u1", hash: 1), rehash: nil)
            let next = RefreshTokenRecord(
                id: "t2", userID: "", tokenHash: [UInt8](repeating: 2, count: 32), familyID: "", expiresAt: 0,
                createdAt: 2_000)
            let outcome = try await repository.rotate(
                presentedHash: [UInt8](repeating: 1, count: 32), next: next, now: 2_000)
            guard case .rotated(let owner, let expiresAt) = outcome else {
                Issue.record("expected a rotation, got \(outcome)")
                return
            }
            #expect(owner.id == "u1" && expiresAt == 5_000)
            let rows = try await database.query("SELECT \(AccountRows.tokenColumns) FROM refresh_tokens ORDER BY id")
            let tokens = try rows.map { (row) throws -> RefreshTokenRecord in try AccountRows.token(from: row) }
            #expect(tokens.map(\.familyID) == ["f1", "f1"] && tokens.map(\.expiresAt) == [5_000, 5_000])
            #expect(tokens.map(\.usedAt) == [2_000, nil] && tokens.map(\.userID) == ["u1", "u1"])

            var again = next
            again.id = "t3"
            again.tokenHash = [UInt8](repeating: 3, count: 32)
            let replay = try await repository.rotate(
                presentedHash: [UInt8](repeating: 1, count: 32), next: again, now: 3_000)
            #expect(replay == .refused(.reused))
            let revoked = try await database.query("SELECT revoked_at FROM refresh_tokens ORDER BY id")
            #expect(try revoked.map { (row) throws -> Int64? in try row["revoked_at"] } == [3_000, 3_000])
            #expect(try await database.query("SELECT id FROM refresh_tokens WHERE id = 't3'").isEmpty)
        }
    }
}

/// An account as the store returns it: roles sorted.
private enum AccountRoles {
    static func sorted(_ account: UserAccount) -> UserAccount {
        var copy = account
        copy.roles = AccountRole.normalized(account.roles)
        return copy
    }
}
