// PlatformLoad: load for the platform benchmark (Scripts/platform-bench.sh) that wrk cannot make.
//
//   PlatformLoad reserve --target=127.0.0.1:8080 --key=DATA/keys/signing.pem --seconds=10 --workers=16
//       ReserveStock then ReleaseReservation over gRPC with the generated ProductService client,
//       signed as a service with the platform's key; one RESULT line per RPC.
//   PlatformLoad hashes --seconds=3
//       Argon2id hashes per second on one thread with the platform's parameters.
//
// Prints `RESULT scenario=… requests=… seconds=… per_s=… p50_ms=… p99_ms=… max_ms=… errors=…
// statuses=…` lines; exits 1 (with the reason on stderr) when it cannot measure.
internal import Foundation

/// Runs the command the arguments name; the exit status.
func main() async -> Int32 {
    do throws(LoadError) {
        let options = try LoadOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        let lines: [String]
        switch options.command {
        case .reserve: lines = try await ReserveReleaseLoad.run(options)
        case .hashes: lines = try await HashRate.run(seconds: options.seconds)
        }
        for line in lines { print("\(line) label=\(options.label)") }
        return 0
    } catch {
        FileHandle.standardError.write(Data("PlatformLoad: \(error)\n".utf8))
        return 1
    }
}

exit(await main())
