internal import COpenSSL

extension EVPKey {
    /// Signs `message`: Ed25519 (PureEdDSA, no digest), ECDSA P-256 with SHA-256 (returned in
    /// JWS's raw r‖s form, RFC 7518 §3.4), or RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    func sign(_ message: UnsafeRawBufferPointer) throws(AuthError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, digest, nil, pointer) == 1 else {
            throw OpenSSL.failure("EVP_DigestSignInit")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message.baseAddress, message.count) == 1 else {
            throw OpenSSL.failure("EVP_DigestSign")
        }
        var signature = [UInt8](repeating: 0, count: length)
        let status = signature.withUnsafeMutableBufferPointer {
            EVP_DigestSign(context, $0.baseAddress, &length, message.baseAddress, message.count)
        }
        guard status == 1 else { throw OpenSSL.failure("EVP_DigestSign") }
        signature.removeSubrange(length...)
        guard family == .p256 else { return signature }
        return try ECDSASignature.raw(fromDER: signature)
    }

    /// Whether `signature` is this key's signature of `message` (ES256 signatures in raw r‖s
    /// form: anything but 64 bytes is refused before OpenSSL sees it).
    func verify(_ signature: [UInt8], of message: UnsafeRawBufferPointer) -> Bool {
        var signature = signature
        if family == .p256 {
            guard let der = ECDSASignature.der(fromRaw: signature) else { return false }
            signature = der
        }
        guard let context = EVP_MD_CTX_new() else {
            _ = OpenSSL.drainErrors()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, digest, nil, pointer) == 1 else {
            _ = OpenSSL.drainErrors()
            return false
        }
        let status = signature.withUnsafeBufferPointer {
            EVP_DigestVerify(context, $0.baseAddress, $0.count, message.baseAddress, message.count)
        }
        // A failed verification leaves reasons on this thread's error queue: drop them.
        if status != 1 { _ = OpenSSL.drainErrors() }
        return status == 1
    }

    /// SHA-256 for ECDSA and RSA; none for Ed25519 (PureEdDSA hashes internally).
    private var digest: OpaquePointer? {
        family == .ed25519 ? nil : EVP_sha256()
    }
}

/// ECDSA signatures between OpenSSL's DER `ECDSA-Sig-Value` and JWS's fixed-width r‖s
/// (RFC 7518 §3.4), through OpenSSL's own ASN.1 and big-number code.
enum ECDSASignature {
    /// Bytes per coordinate for P-256.
    static let coordinateBytes = 32

    /// r‖s, each left-padded to 32 bytes, from a DER signature.
    static func raw(fromDER der: [UInt8]) throws(AuthError) -> [UInt8] {
        let parsed = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let signature = parsed else { throw OpenSSL.failure("d2i_ECDSA_SIG") }
        defer { ECDSA_SIG_free(signature) }
        var r: OpaquePointer?
        var s: OpaquePointer?
        ECDSA_SIG_get0(signature, &r, &s)
        var output = [UInt8](repeating: 0, count: 2 * coordinateBytes)
        let written = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return BN_bn2binpad(r, base, Int32(coordinateBytes)) == coordinateBytes
                && BN_bn2binpad(s, base + coordinateBytes, Int32(coordinateBytes)) == coordinateBytes
        }
        guard written else { throw OpenSSL.failure("BN_bn2binpad") }
        return output
    }

    /// The DER signature of r‖s, or `nil` if `raw` is not exactly 64 bytes.
    static func der(fromRaw raw: [UInt8]) -> [UInt8]? {
        guard raw.count == 2 * coordinateBytes else { return nil }
        guard let signature = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(signature) }
        let (r, s) = raw.withUnsafeBufferPointer { buffer in
            (
                BN_bin2bn(buffer.baseAddress, Int32(coordinateBytes), nil),
                BN_bin2bn(buffer.baseAddress.map { $0 + coordinateBytes }, Int32(coordinateBytes), nil)
            )
        }
        // ECDSA_SIG_set0 takes ownership of both numbers when it succeeds.
        guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        let length = i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_ECDSA_SIG(signature, &cursor)
        }
        return written == length ? der : nil
    }
}
