/// What the service checks about account fields beyond the contract's validation rules (which
/// ran before any handler): what only the service knows, such as what its database can store.
enum AccountRules {
    /// The most labels an account may have.
    static let maxLabels = 32
    /// The longest label key, in characters.
    static let maxLabelKeyLength = 63
    /// The longest label value, in characters.
    static let maxLabelValueLength = 256

    /// Checks a display name: not empty (`user.v1.User` itself allows it, but sign-up requires
    /// one, so an update may not clear it) and storable.
    static func checkDisplayName(_ name: String, field: String) throws(UserServiceError) {
        guard !name.isEmpty else { throw UserServiceError(.invalidArgument, "\(field) cannot be empty", field: field) }
        try checkStorable(name, field: field)
    }

    /// Checks labels: at most ``maxLabels``, keys of 1 to ``maxLabelKeyLength`` characters,
    /// values of at most ``maxLabelValueLength``, all storable.
    static func checkLabels(_ labels: [String: String], field: String) throws(UserServiceError) {
        guard labels.count <= maxLabels else {
            throw UserServiceError(
                .invalidArgument, "\(field) has \(labels.count) entries; at most \(maxLabels) are allowed", field: field
            )
        }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            guard !key.isEmpty, key.count <= maxLabelKeyLength else {
                throw UserServiceError(
                    .invalidArgument, "\(field) keys must have 1 to \(maxLabelKeyLength) characters", field: field)
            }
            guard value.count <= maxLabelValueLength else {
                throw UserServiceError(
                    .invalidArgument, "\(field)[\(key)] is longer than \(maxLabelValueLength) characters",
                    field: "\(field)[\(key)]")
            }
            try checkStorable(key, field: field)
            try checkStorable(value, field: "\(field)[\(key)]")
        }
    }

    /// Refuses text with a NUL character, which neither database stores as text.
    static func checkStorable(_ text: String, field: String) throws(UserServiceError) {
        guard !text.utf8.contains(0) else {
            throw UserServiceError(.invalidArgument, "\(field) must not contain NUL characters", field: field)
        }
    }
}
