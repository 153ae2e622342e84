internal import Foundation

/// A JSON object of the configuration file, read key by key with typed errors that name the
/// file and the key path; keys left unread are refused (a typo is an error, not a silent
/// default).
struct ConfigurationFile {
    private let object: [String: Any]
    private let path: String
    private let prefix: String
    private var read: Set<String> = []

    init(object: [String: Any], path: String, prefix: String = "") {
        self.object = object
        self.path = path
        self.prefix = prefix
    }

    private func name(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    private func wrongType(_ key: String, _ expected: String) -> ConfigurationError {
        ConfigurationError("\(path): \(name(key)) must be \(expected)")
    }

    mutating func string(_ key: String) throws(ConfigurationError) -> String? {
        read.insert(key)
        guard let value = object[key] else { return nil }
        guard let text = value as? String, !text.isEmpty else { throw wrongType(key, "a non-empty string") }
        return text
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        read.insert(key)
        guard let value = object[key] else { return nil }
        let expected = wrongType(key, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        // `true` bridges to a number: refused before the numeric casts.
        guard !(value is Bool) else { throw expected }
        let integer: Int?
        if let exact = value as? Int {
            integer = exact
        } else if let real = value as? Double {
            integer = Int(exactly: real)
        } else {
            integer = nil
        }
        guard let integer, range.contains(integer) else { throw expected }
        return integer
    }

    mutating func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        read.insert(key)
        guard let value = object[key] else { return nil }
        guard let list = value as? [Any], let strings = list as? [String], !strings.contains(where: \.isEmpty) else {
            throw wrongType(key, "an array of non-empty strings")
        }
        return strings
    }

    mutating func section(_ key: String) throws(ConfigurationError) -> ConfigurationFile? {
        read.insert(key)
        guard let value = object[key] else { return nil }
        guard let nested = value as? [String: Any] else { throw wrongType(key, "an object") }
        return ConfigurationFile(object: nested, path: path, prefix: name(key))
    }

    mutating func sections(_ key: String) throws(ConfigurationError) -> [ConfigurationFile]? {
        read.insert(key)
        guard let value = object[key] else { return nil }
        guard let list = value as? [Any], let objects = list as? [[String: Any]] else {
            throw wrongType(key, "an array of objects")
        }
        return objects.enumerated().map { ConfigurationFile(object: $1, path: path, prefix: name("\(key)[\($0)]")) }
    }

    /// Refuses keys that name secrets (their values are not repeated).
    func refuseSecrets() throws(ConfigurationError) {
        for key in object.keys.sorted() where PlatformConfiguration.secretKeys.contains(key) {
            throw ConfigurationError(
                "\(path): \(name(key)) is a secret: set it in the environment or a file the configuration names")
        }
    }

    /// Refuses keys nothing read.
    func refuseUnknown() throws(ConfigurationError) {
        if let unknown = object.keys.sorted().first(where: { !read.contains($0) }) {
            throw ConfigurationError("\(path): unknown key \(name(unknown))")
        }
    }
}
