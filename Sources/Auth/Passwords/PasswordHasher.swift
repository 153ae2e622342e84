internal import CArgon2
internal import Synchronization

/// Hashes and verifies passwords with Argon2id (libargon2, RFC 9106), stored as PHC strings
/// that carry their own parameters.
///
/// A hash takes tens of milliseconds and ``PasswordHashParameters/memoryKiB`` of memory, so
/// the async methods run it on a small dedicated thread pool (``Configuration/threadCount``
/// threads, a bounded queue) and never on an event loop or the cooperative pool. The
/// `…Blocking` methods are the synchronous core, for tools and tests.
///
/// ```swift
/// let hasher = try PasswordHasher()
/// let stored = try await hasher.hash(password)                 // at sign-up
/// guard try await hasher.verify(password, against: stored) else { throw … }
/// if hasher.needsRehash(stored) { store(try await hasher.hash(password)) }
/// ```
///
/// Passwords are hashed as their UTF-8 bytes, without Unicode normalization (as argon2-cffi
/// and most libraries do): normalize before hashing if clients may send either form.
public final class PasswordHasher: Sendable {
    /// Parameters, threads and limits.
    public struct Configuration: Sendable {
        /// The parameters new hashes get. Default ``PasswordHashParameters/owasp``.
        public var parameters = PasswordHashParameters.owasp
        /// Hashing threads. Default 2 (each hash in flight holds `memoryKiB`).
        public var threadCount = 2
        /// Hashes that may wait for a thread before more are refused. Default 64.
        public var maxQueuedJobs = 64
        /// The longest password accepted, in UTF-8 bytes. Default 1024.
        public var maxPasswordBytes = 1024

        /// The defaults above.
        public init() {}
    }

    /// The configuration.
    public let configuration: Configuration
    private let pool: HashingThreadPool
    /// A hash of a random password with the configured parameters, made on first need.
    private let decoy = Mutex<String?>(nil)

    /// A hasher with its thread pool.
    /// - Throws: ``AuthError/Code/invalidConfiguration``.
    public init(configuration: Configuration = Configuration()) throws(AuthError) {
        try configuration.parameters.validate()
        guard (1...64).contains(configuration.threadCount), configuration.maxQueuedJobs >= 1,
            configuration.maxPasswordBytes >= 1
        else {
            throw AuthError(.invalidConfiguration, "threadCount must be 1…64, the queue and password limits positive")
        }
        self.configuration = configuration
        self.pool = HashingThreadPool(
            threadCount: configuration.threadCount, maxQueuedJobs: configuration.maxQueuedJobs, name: "room619-argon2")
    }

    /// The PHC string of `password` with a fresh 16-byte salt, hashed on the pool.
    /// - Throws: ``AuthError/Code/passwordTooLong``, ``AuthError/Code/overloaded``,
    ///   ``AuthError/Code/cancelled``.
    public func hash(_ password: String) async throws(AuthError) -> String {
        let bytes = try checked(password)
        let parameters = configuration.parameters
        return try await pool.run { Result { () throws(AuthError) in try Self.hash(bytes, parameters) } }
    }

    /// Whether `password` matches the PHC string `stored`, checked on the pool in constant
    /// time (libargon2 recomputes and compares every byte).
    /// - Throws: ``AuthError/Code/invalidPasswordHash`` if `stored` is not an Argon2id hash
    ///   within range, and the pool's errors.
    public func verify(_ password: String, against stored: String) async throws(AuthError) -> Bool {
        let bytes = try checked(password)
        _ = try PasswordHashParameters(phc: stored)
        return try await pool.run { Result { () throws(AuthError) in try Self.verify(bytes, stored) } }
    }

    /// Verifies `password` against a hash of a random password, and returns `false`: call it
    /// when a login names an account that does not exist, so that answer takes as long as a
    /// wrong password for an account that does.
    public func verifyUnknownAccount(_ password: String) async throws(AuthError) -> Bool {
        let stored: String
        if let existing = decoy.withLock({ $0 }) {
            stored = existing
        } else {
            let random = Base64URL.encode(try OpenSSL.randomBytes(24))
            stored = try await hash(random)
            decoy.withLock { $0 = $0 ?? stored }
        }
        _ = try await verify(password, against: stored)
        return false
    }

    /// The synchronous ``hash(_:)``: blocks the calling thread for the whole hash.
    public func hashBlocking(_ password: String) throws(AuthError) -> String {
        try Self.hash(try checked(password), configuration.parameters)
    }

    /// The synchronous ``verify(_:against:)``: blocks the calling thread.
    public func verifyBlocking(_ password: String, against stored: String) throws(AuthError) -> Bool {
        let bytes = try checked(password)
        _ = try PasswordHashParameters(phc: stored)
        return try Self.verify(bytes, stored)
    }

    /// Whether `stored` was made with other parameters than the configured ones (or is not
    /// readable): hash the password again after a successful login and store the new string.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parameters = try? PasswordHashParameters(phc: stored) else { return true }
        return parameters != configuration.parameters
    }

    private func checked(_ password: String) throws(AuthError) -> [UInt8] {
        let bytes = Array(password.utf8)
        guard bytes.count <= configuration.maxPasswordBytes else {
            throw AuthError(.passwordTooLong, "passwords are limited to \(configuration.maxPasswordBytes) bytes")
        }
        return bytes
    }

    static func hash(_ password: [UInt8], _ parameters: PasswordHashParameters) throws(AuthError) -> String {
        let salt = try OpenSSL.randomBytes(parameters.saltBytes)
        let length = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism, UInt32(parameters.saltBytes),
            UInt32(parameters.hashBytes), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length + 1)
        let status = encoded.withUnsafeMutableBufferPointer { output in
            argon2id_hash_encoded(
                parameters.iterations, parameters.memoryKiB, parameters.parallelism, password, password.count, salt,
                salt.count, parameters.hashBytes, output.baseAddress, output.count)
        }
        guard status == ARGON2_OK.rawValue else { throw argon2Failure("argon2id_hash_encoded", status) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func verify(_ password: [UInt8], _ stored: String) throws(AuthError) -> Bool {
        let status = argon2id_verify(stored, password, password.count)
        if status == ARGON2_OK.rawValue { return true }
        if status == ARGON2_VERIFY_MISMATCH.rawValue { return false }
        throw argon2Failure("argon2id_verify", status)
    }

    private static func argon2Failure(_ call: String, _ status: Int32) -> AuthError {
        let reason = argon2_error_message(status).map { String(cString: $0) } ?? "error \(status)"
        let code: AuthError.Code = call == "argon2id_verify" ? .invalidPasswordHash : .cryptoFailure
        return AuthError(code, "\(call) failed: \(reason)")
    }
}
