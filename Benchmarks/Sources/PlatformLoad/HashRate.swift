// Argon2id hashes per second with the platform's parameters: the ceiling of register and login
// on one core, since each of them computes one hash.
internal import Auth
internal import Foundation

/// Hashes passwords one after another on one hashing thread for a while, with the parameters
/// the user service uses (``Auth/PasswordHashParameters/owasp``), and reports the rate.
///
/// Run it pinned to the server's core (`taskset -c 0`) while the platform is idle: a login
/// verifies one hash and a sign-up computes one, so on one core neither can go faster.
enum HashRate {
    /// Measures for `seconds` (after one hash to warm up) and returns the result line
    /// (`RESULT scenario=argon2id-hash …`).
    ///
    /// - Throws: ``LoadError`` when a hash fails.
    static func run(seconds: Double) async throws(LoadError) -> [String] {
        let hasher: PasswordHasher
        do {
            var configuration = PasswordHasher.Configuration()
            configuration.threadCount = 1
            hasher = try PasswordHasher(configuration: configuration)
            _ = try await hasher.hash("warm-up password")
        } catch {
            throw LoadError("could not start the password hasher", cause: error)
        }
        var samples: [Int64] = []
        let start = ContinuousClock.now
        let end = start.advanced(by: .seconds(seconds))
        while ContinuousClock.now < end {
            let began = ContinuousClock.now
            do {
                _ = try await hasher.hash("password number \(samples.count)")
            } catch {
                throw LoadError("hash \(samples.count + 1) failed", cause: error)
            }
            samples.append(began.duration(to: .now).nanoseconds)
        }
        let elapsed = start.duration(to: .now).seconds
        let summary = LatencySummary(nanoseconds: samples, seconds: elapsed)
        let parameters = hasher.configuration.parameters
        return [
            "RESULT scenario=argon2id-hash requests=\(summary.count) "
                + String(
                    format: "seconds=%.1f per_s=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f ", elapsed, summary.perSecond,
                    summary.p50Milliseconds, summary.p99Milliseconds, summary.maxMilliseconds)
                + "errors=0 statuses=- params=m=\(parameters.memoryKiB)KiB,t=\(parameters.iterations),"
                + "p=\(parameters.parallelism)"
        ]
    }
}
