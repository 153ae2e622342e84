internal import COpenSSL

/// Small OpenSSL calls the rest of the target shares: randomness, SHA-256, constant-time
/// comparison, and the error queue turned into a message.
enum OpenSSL {
    /// `count` bytes from OpenSSL's CSPRNG (RAND_bytes).
    static func randomBytes(_ count: Int) throws(AuthError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        guard status == 1 else { throw failure("RAND_bytes") }
        return bytes
    }

    /// SHA-256 of `bytes` (EVP_Digest).
    static func sha256(_ bytes: some Collection<UInt8>) throws(AuthError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        let status = Array(bytes).withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, nil, EVP_sha256(), nil)
            }
        }
        guard status == 1 else { throw failure("EVP_Digest") }
        return digest
    }

    /// Whether `a` and `b` are equal, in time that depends on their length only (CRYPTO_memcmp).
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
        }
    }

    /// A ``AuthError/Code/cryptoFailure`` naming `operation` and OpenSSL's reason, after which
    /// the thread's error queue is empty.
    static func failure(_ operation: String, code: AuthError.Code = .cryptoFailure) -> AuthError {
        AuthError(code, "\(operation) failed\(drainErrors())")
    }

    /// OpenSSL's queued errors as `: reason; reason`, or empty; clears the queue.
    static func drainErrors() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            guard code != 0 else { break }
            var buffer = [CChar](repeating: 0, count: 256)
            buffer.withUnsafeMutableBufferPointer { ERR_error_string_n(code, $0.baseAddress, $0.count) }
            let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            if reasons.count < 4 { reasons.append(String(decoding: text, as: UTF8.self)) }
        }
        return reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")
    }
}
