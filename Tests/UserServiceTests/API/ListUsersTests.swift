import CommonContracts
import Foundation
import GoogleContracts
import ProtoRuntime
import RPC
import Testing
import UserContracts
import UserService

@Suite("ListUsers: administrators page through accounts newest first, on SQLite and PostgreSQL")
struct ListUsersTests {
    /// Signs up `count` accounts, one per millisecond (two in the same one, to exercise the id
    /// tie-break), and returns them newest first as the list orders them.
    func populate(_ harness: UserServiceHarness, count: Int) async throws -> [User_V1_User] {
        var users: [User_V1_User] = []
        for index in 0..<count {
            if index != 3 { harness.clock.advance(by: .milliseconds(1)) }
            users.append(try await harness.signUp("member\(index)@example.com"))
        }
        return users.sorted {
            ($0.createdAt?.nanos ?? 0, $0.id) > ($1.createdAt?.nanos ?? 0, $1.id)
        }
    }

    func list(
        _ harness: UserServiceHarness, _ token: String, size: Int32 = 0, after: String = "",
        status: User_V1_UserStatus? = nil
    ) async throws -> User_V1_ListUsersResponse {
        try await harness.client.listUsers(
            User_V1_ListUsersRequest(page: .init(pageSize: size, pageToken: after), status: status),
            options: harness.options(token: token))
    }

    @Test("pages follow each other without gaps or repeats, newest first", arguments: Driver.allCases)
    func pages(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (admin, root) = try await harness.administrator()
            let expected = try await populate(harness, count: 7) + [admin]
            var seen: [User_V1_User] = []
            var token = ""
            repeat {
                let page = try await list(harness, root, size: 3, after: token)
                #expect(page.users.count <= 3)
                #expect(page.page?.totalSize == 8)
                seen += page.users
                token = page.page?.nextPageToken ?? ""
                #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
            } while !token.isEmpty
            #expect(seen.map(\.id) == expected.map(\.id))
            // Accounts created between pages neither repeat nor shift the rest.
            let first = try await list(harness, root, size: 2)
            harness.clock.advance(by: .seconds(1))
            try await harness.signUp("latecomer@example.com")
            let second = try await list(harness, root, size: 2, after: first.page?.nextPageToken ?? "")
            #expect((first.users + second.users).map(\.id) == Array(expected.prefix(4)).map(\.id))
        }
    }

    @Test("filters by status; UNSPECIFIED means any", arguments: Driver.allCases)
    func statusFilter(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (_, root) = try await harness.administrator()
            let users = try await populate(harness, count: 5)
            try await harness.service.setStatus(of: users[1].id, to: .suspended)
            try await harness.service.setStatus(of: users[3].id, to: .suspended)
            let suspended = try await list(harness, root, status: .suspended)
            #expect(suspended.users.map(\.id) == [users[1].id, users[3].id])
            #expect(suspended.page?.totalSize == 2)
            #expect(suspended.page?.nextPageToken == "")
            #expect(try await list(harness, root, status: .active).users.count == 4)
            #expect(try await list(harness, root, status: .pending).users.isEmpty)
            #expect(try await list(harness, root, status: .unspecified).users.count == 6)
        }
    }

    @Test("page sizes: 0 is the default, past the maximum is clamped", arguments: Driver.allCases)
    func pageSizes(driver: Driver) async throws {
        let configure: (inout UserServiceConfiguration) -> Void = {
            $0.paging.defaultPageSize = 2
            $0.paging.maxPageSize = 4
        }
        try await UserServiceHarness.with(driver, configure: configure) { harness in
            let (_, root) = try await harness.administrator()
            _ = try await populate(harness, count: 6)
            #expect(try await list(harness, root).users.count == 2)
            #expect(try await list(harness, root, size: 1000).users.count == 4)
            #expect(try await list(harness, root, size: 3).users.count == 3)
        }
    }

    @Test("a page token this service did not make is INVALID_ARGUMENT naming it", arguments: Driver.allCases)
    func badToken(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (_, root) = try await harness.administrator()
            for token in ["garbage!", "dTE6eDp5", "b2Zmc2V0OjQ", "' OR 1=1 --"] {
                let status = await expectStatus(.invalidArgument, "page.page_token") {
                    try await list(harness, root, after: token)
                }
                #expect(status?.fieldViolations.map(\.field) == ["page.page_token"])
            }
        }
    }

    @Test("a customer may not list accounts", arguments: Driver.allCases)
    func customersMayNot(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (_, token) = try await harness.signedIn("zed@example.com")
            await expectStatus(.permissionDenied) { try await list(harness, token) }
            await expectStatus(.unauthenticated) { try await harness.client.listUsers(User_V1_ListUsersRequest()) }
        }
    }
}
