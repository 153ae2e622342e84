/// The changes an UpdateUser call makes: which of the fields an owner may change it sets, and to
/// what, resolved from the update mask and checked.
struct AccountChanges: Sendable, Hashable {
    /// The fields UpdateUser may change, by `.proto` name.
    static let updatableFields = ["display_name", "email", "labels"]
    /// Fields of `user.v1.User` that exist but only the service (or SetRoles) changes.
    static let serviceOwnedFields = ["id", "status", "roles", "created_at", "updated_at"]

    var email: String?
    var displayName: String?
    var labels: [String: String]?

    /// Whether nothing changes.
    var isEmpty: Bool { email == nil && displayName == nil && labels == nil }

    /// The changes `maskPaths` ask for, to the sent values.
    ///
    /// An empty mask means every updatable field the request populates (proto3 cannot tell a
    /// field sent as its default from one not sent; a REST PATCH gets its mask from the body's
    /// keys, so clearing labels works there, and over gRPC with a mask).
    ///
    /// - Throws: `INVALID_ARGUMENT` for a path that is not an updatable field (naming it, and
    ///   saying who changes it when it is a field of the user), an empty email or display name,
    ///   or labels the service cannot keep.
    init(maskPaths: [String], email: String, displayName: String, labels: [String: String]) throws(UserServiceError) {
        let paths: [String]
        if maskPaths.isEmpty {
            paths = [
                email.isEmpty ? nil : "email", displayName.isEmpty ? nil : "display_name",
                labels.isEmpty ? nil : "labels",
            ].compactMap { $0 }
        } else {
            for path in maskPaths where !Self.updatableFields.contains(path) { throw Self.refusal(of: path) }
            paths = maskPaths
        }
        if paths.contains("email") {
            guard !email.isEmpty else {
                throw UserServiceError(.invalidArgument, "user.email cannot be empty", field: "user.email")
            }
            self.email = email
        }
        if paths.contains("display_name") {
            try AccountRules.checkDisplayName(displayName, field: "user.display_name")
            self.displayName = displayName
        }
        if paths.contains("labels") {
            try AccountRules.checkLabels(labels, field: "user.labels")
            self.labels = labels
        }
    }

    /// `account` with these changes, stamped `now`.
    func applied(to account: UserAccount, now: Int64) -> UserAccount {
        var changed = account
        if let email {
            changed.email = email
            changed.emailKey = EmailAddress.key(of: email)
        }
        if let displayName { changed.displayName = displayName }
        if let labels { changed.labels = labels }
        changed.updatedAt = now
        return changed
    }

    private static func refusal(of path: String) -> UserServiceError {
        let updatable = updatableFields.joined(separator: ", ")
        let message =
            serviceOwnedFields.contains(path)
            ? "update_mask names \"\(path)\", which UpdateUser cannot change (roles change through SetRoles; "
                + "the others are the service's); updatable: \(updatable)"
            : "update_mask names \"\(path)\", which is not an updatable field of user.v1.User; updatable: \(updatable)"
        return UserServiceError(.invalidArgument, message, field: "update_mask")
    }
}
