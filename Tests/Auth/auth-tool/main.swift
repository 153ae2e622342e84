// auth-tool: drives Auth from the Python peer tests (Tests/Auth). Reads its input on stdin,
// writes the result on stdout; a refusal prints `{"error":"<code>"}` and exits 1.
//
//   keygen ALG [--kid K]                          private key PEM (HS256: the secret, base64url)
//   sign --key FILE --alg ALG [--kid K]           stdin claims JSON → token
//   verify --key FILE --alg ALG [--kid K] [--public] [--iss I] [--aud A] [--now N] [--skew S]
//                                                 stdin token → claims JSON
//   jwks --key FILE:KID [--key FILE:KID …]        the JWKS of private keys' public halves
//   verify-jwks --jwks FILE [--iss I] [--aud A] [--now N]   stdin token → claims JSON
//   hash-password [--m KIB --t N --p N]           stdin password → PHC string
//   verify-password --hash PHC                    stdin password → true | false
//   bench [--n N]                                 sign/verify per second per algorithm, hashes/s
import Auth
import Foundation

struct Fixed: AuthClock {
    let seconds: Int64
    func now() -> Int64 { seconds }
}

func fail(_ code: String) -> Never {
    print(#"{"error":"\#(code)"}"#)
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
func options(_ name: String) -> [String] {
    arguments.indices.filter { arguments[$0] == "--\(name)" && $0 + 1 < arguments.count }.map { arguments[$0 + 1] }
}
func stdin() -> String {
    String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
}
/// The password exactly as given (no trimming).
func rawStdin() -> String {
    String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
}
func file(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}
func algorithm() -> JWTAlgorithm {
    guard let name = option("alg"), let algorithm = JWTAlgorithm(name: name) else { fail("usage") }
    return algorithm
}
func secret(_ path: String) -> [UInt8] {
    Base64URL.decode(file(path).trimmingCharacters(in: .whitespacesAndNewlines)) ?? []
}
func validation() throws(AuthError) -> JWTValidationOptions {
    try JWTValidationOptions.defaults { options in
        options.issuer = option("iss")
        options.audience = option("aud")
        if let skew = option("skew").flatMap(Int64.init) { options.clockSkew = .seconds(skew) }
    }
}
func clock() -> any AuthClock {
    option("now").flatMap(Int64.init).map { Fixed(seconds: $0) as any AuthClock } ?? SystemClock()
}
func printClaims(_ token: VerifiedToken) {
    print(String(decoding: token.claims.jsonBytes, as: UTF8.self))
}

func run() async throws(AuthError) {
    switch arguments.first {
    case "keygen":
        guard arguments.count > 1, let algorithm = JWTAlgorithm(name: arguments[1]) else { fail("usage") }
        if algorithm == .hs256 {
            print(Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255) }))
        } else {
            print(try SigningKey.generate(algorithm, keyID: option("kid")).privateKeyPEM() ?? "", terminator: "")
        }
    case "sign":
        guard let path = option("key") else { fail("usage") }
        let algorithm = algorithm()
        let key =
            algorithm == .hs256
            ? try SigningKey(hmacSecret: secret(path), keyID: option("kid") ?? "hs")
            : try SigningKey(privateKeyPEM: file(path), keyID: option("kid"), algorithm: algorithm)
        print(try key.sign(JWTClaims(json: Array(stdin().utf8))))
    case "verify":
        guard let path = option("key") else { fail("usage") }
        let algorithm = algorithm()
        let key: VerificationKey
        if algorithm == .hs256 {
            key = try VerificationKey(hmacSecret: secret(path), keyID: option("kid") ?? "hs")
        } else if arguments.contains("--public") {
            key = try VerificationKey(publicKeyPEM: file(path), keyID: option("kid"), algorithm: algorithm)
        } else {
            key = try SigningKey(privateKeyPEM: file(path), keyID: option("kid"), algorithm: algorithm).verificationKey
        }
        let keys = try KeySet(active: SigningKey.generate(.hs256, keyID: "unused-\(UUID())")).adding(key)
        printClaims(try await JWTVerifier(keys: keys, options: validation(), clock: clock()).verify(stdin()))
    case "jwks":
        var keys: [JWK] = []
        for spec in options("key") {
            let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
            let key = try SigningKey(privateKeyPEM: file(parts[0]), keyID: parts.count > 1 ? parts[1] : nil)
            if let jwk = try key.verificationKey.jwk() { keys.append(jwk) }
        }
        print(JWKS(keys: keys).jsonText)
    case "verify-jwks":
        guard let path = option("jwks") else { fail("usage") }
        var keys = try KeySet(active: SigningKey.generate(.hs256, keyID: "unused-\(UUID())"))
        for key in try JWKS(json: Array(file(path).utf8)).verificationKeys().keys.values {
            keys = try keys.adding(key)
        }
        printClaims(try await JWTVerifier(keys: keys, options: validation(), clock: clock()).verify(stdin()))
    case "hash-password":
        var configuration = PasswordHasher.Configuration()
        if let m = option("m").flatMap(UInt32.init) { configuration.parameters.memoryKiB = m }
        if let t = option("t").flatMap(UInt32.init) { configuration.parameters.iterations = t }
        if let p = option("p").flatMap(UInt32.init) { configuration.parameters.parallelism = p }
        configuration.threadCount = 1
        print(try await PasswordHasher(configuration: configuration).hash(rawStdin()))
    case "verify-password":
        guard let stored = option("hash") else { fail("usage") }
        var configuration = PasswordHasher.Configuration()
        configuration.threadCount = 1
        print(try await PasswordHasher(configuration: configuration).verify(rawStdin(), against: stored))
    case "bench":
        try await bench(count: option("n").flatMap(Int.init) ?? 20_000)
    default:
        fail("usage")
    }
}

do {
    try await run()
} catch {
    fail("\(error.code)")
}

/// Measures once (not a test): sign and verify rates per algorithm on one thread, then
/// Argon2id hashes per second with the default parameters on the hasher's two threads.
func bench(count: Int) async throws(AuthError) {
    func rate(_ operations: Int, since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Int(Double(operations) / seconds)
    }
    for algorithm in JWTAlgorithm.all {
        let key = try SigningKey.generate(algorithm, keyID: "bench")
        let verifier = try JWTVerifier(keys: KeySet(active: key))
        let now = SystemClock().now()
        let claims = JWTClaims(
            subject: "user-42", issuer: "room619", audience: ["room619"], expiresAt: now + 900, issuedAt: now,
            tokenID: "0123456789abcdef", roles: ["admin"])
        let n = algorithm == .rs256 ? count / 10 : count
        var token = ""
        var start = ContinuousClock.now
        for _ in 0..<n { token = try key.sign(claims) }
        let signing = rate(n, since: start)
        start = ContinuousClock.now
        for _ in 0..<n { _ = try await verifier.verify(token) }
        print("\(algorithm): sign \(signing)/s, verify \(rate(n, since: start))/s (\(token.utf8.count)-byte token)")
    }
    let hasher = try PasswordHasher()
    let hashes = 40
    let start = ContinuousClock.now
    let failures = await withTaskGroup(of: Bool.self, returning: Int.self) { group in
        for index in 0..<hashes { group.addTask { (try? await hasher.hash("password-\(index)")) == nil } }
        return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    print("Argon2id m=19456,t=2,p=1: \(rate(hashes, since: start)) hashes/s on 2 threads (\(failures) failed)")
}
