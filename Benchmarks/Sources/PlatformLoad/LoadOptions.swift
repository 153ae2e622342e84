// The command line of PlatformLoad: a subcommand and `--name=value` flags.

/// What one run of PlatformLoad does, read from its arguments.
///
/// ```
/// PlatformLoad reserve --target=127.0.0.1:8080 --key=DATA/keys/signing.pem --seconds=10 --workers=16
/// PlatformLoad hashes --seconds=3
/// ```
struct LoadOptions: Sendable {
    /// The measurements PlatformLoad can make.
    enum Command: String, Sendable {
        /// ReserveStock then ReleaseReservation over gRPC, by concurrent workers.
        case reserve
        /// Argon2id hashes per second on one thread, with the platform's parameters.
        case hashes
    }

    /// Which measurement.
    var command: Command
    /// The gRPC target (`host:port`).
    var target = "127.0.0.1:8080"
    /// The platform's signing key (a PEM file), for the service token.
    var keyFile = ""
    /// The token's `iss`, as the platform is configured (`ROOM619_ISSUER`).
    var issuer = "room619"
    /// The token's `aud`, as the platform is configured (`ROOM619_AUDIENCE`).
    var audience = "room619"
    /// How long the measurement runs, after the warm-up.
    var seconds = 10.0
    /// How long calls run before samples are kept.
    var warmUpSeconds = 2.0
    /// Concurrent workers, each one call at a time.
    var workers = 16
    /// How many in-stock products to spread the workers over.
    var products = 1024
    /// A tag for the result line.
    var label = "platform"

    /// The usage text.
    static let usage = """
        usage: PlatformLoad reserve --target=HOST:PORT --key=PEM [--seconds=S] [--warm-up=S] [--workers=N]
                                    [--products=N] [--issuer=I] [--audience=A] [--label=L]
               PlatformLoad hashes [--seconds=S]
        """

    /// Reads `arguments` (without the program name).
    ///
    /// - Throws: ``LoadError`` naming the argument it could not read.
    init(arguments: [String]) throws(LoadError) {
        guard let first = arguments.first, let command = Command(rawValue: first) else {
            throw LoadError("name a command\n\(Self.usage)")
        }
        self.command = command
        for argument in arguments.dropFirst() {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].hasPrefix("--") else {
                throw LoadError("cannot read argument '\(argument)'\n\(Self.usage)")
            }
            try set(String(parts[0].dropFirst(2)), to: parts[1])
        }
        if command == .reserve, keyFile.isEmpty { throw LoadError("reserve needs --key=PEM") }
    }

    /// Sets the option `name` from its text.
    private mutating func set(_ name: String, to value: String) throws(LoadError) {
        switch name {
        case "target": target = value
        case "key": keyFile = value
        case "issuer": issuer = value
        case "audience": audience = value
        case "label": label = value
        case "seconds": seconds = try Self.number(value, of: name, in: 0.1...3600)
        case "warm-up": warmUpSeconds = try Self.number(value, of: name, in: 0...600)
        case "workers": workers = Int(try Self.number(value, of: name, in: 1...4096))
        case "products": products = Int(try Self.number(value, of: name, in: 1...100_000))
        default: throw LoadError("unknown option --\(name)\n\(Self.usage)")
        }
    }

    /// `text` as a number within `range`.
    private static func number(
        _ text: String, of name: String, in range: ClosedRange<Double>
    ) throws(LoadError) -> Double {
        guard let value = Double(text), range.contains(value) else {
            throw LoadError("--\(name) must be a number in \(range.lowerBound)…\(range.upperBound), got '\(text)'")
        }
        return value
    }
}
