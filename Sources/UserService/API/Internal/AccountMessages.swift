internal import Foundation
internal import ProtoRuntime
internal import UserContracts

// Domain values ⇄ contract messages: the API layer's one mapping.

extension UserAccount {
    /// The account as `user.v1.User` shows it (no email key, no password hash).
    var message: User_V1_User {
        User_V1_User(
            id: id, email: email, displayName: displayName, status: status.message,
            roles: roles.map(\.message).sorted { $0.rawValue < $1.rawValue }, createdAt: .init(milliseconds: createdAt),
            updatedAt: .init(milliseconds: updatedAt), labels: labels)
    }
}

extension AccountStatus {
    /// The contract's value.
    var message: User_V1_UserStatus {
        switch self {
        case .pending: .pending
        case .active: .active
        case .suspended: .suspended
        }
    }

    /// The status a request names; `nil` for `USER_STATUS_UNSPECIFIED` and unknown numbers.
    init?(_ message: User_V1_UserStatus) {
        switch message {
        case .pending: self = .pending
        case .active: self = .active
        case .suspended: self = .suspended
        case .unspecified, .unrecognized: return nil
        }
    }
}

extension AccountRole {
    /// The contract's value.
    var message: User_V1_Role {
        switch self {
        case .customer: .customer
        case .admin: .admin
        }
    }

    /// The role a request names; `nil` for `ROLE_UNSPECIFIED` and unknown numbers.
    init?(_ message: User_V1_Role) {
        switch message {
        case .customer: self = .customer
        case .admin: self = .admin
        case .unspecified, .unrecognized: return nil
        }
    }
}

extension Google_Protobuf_Timestamp {
    /// The instant `milliseconds` after 1970.
    init(milliseconds: Int64) {
        let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let borrow: Int64 = remainder < 0 ? 1 : 0
        self.init(seconds: seconds - borrow, nanos: Int32((remainder + borrow * 1000) * 1_000_000))
    }
}

/// Server-assigned identifiers.
enum Identifiers {
    /// A random (version 4) UUID, lower-case (`Foundation.UUID`, from the system's CSPRNG).
    static func uuid() -> String {
        UUID().uuidString.lowercased()
    }
}
