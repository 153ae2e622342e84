internal import Glibc

extension HostConfiguration {
    /// The configuration `defaults` amended by the environment, then by flags (a flag beats its
    /// variable); see the table on ``HostConfiguration``.
    ///
    /// Flags take the form `--name=value`. Flags the host does not know, and arguments of any
    /// other form (the program name, `--use_tls=false`, `-v`), are ignored, so test drivers can
    /// pass their usual flags. A variable is read only when its flag is absent; an empty variable
    /// counts as unset, an empty flag value is an error.
    ///
    /// - Parameters:
    ///   - arguments: The command line (`CommandLine.arguments`).
    ///   - environment: The environment (``processEnvironment()`` for this process).
    ///   - defaults: What the executable chose, before the operator's overrides.
    /// - Throws: ``HostError/Code/invalidConfiguration`` naming the flag or variable and its value.
    public init(
        arguments: [String], environment: [String: String], defaults: HostConfiguration = .defaults
    ) throws(HostError) {
        self = defaults
        var flags: [Setting: String] = [:]
        for argument in arguments {
            guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { continue }
            guard let setting = Setting.allCases.first(where: { $0.flag == argument[..<equals] }) else { continue }
            flags[setting] = String(argument[argument.index(after: equals)...])  // the last one wins
        }
        for setting in Setting.allCases {
            if let text = flags[setting] {
                try apply(setting, text, source: setting.flag)
            } else if let text = environment[setting.variable], !text.isEmpty {
                try apply(setting, text, source: setting.variable)
            }
        }
        try validate()
    }

    /// The configuration of this process: ``init(arguments:environment:defaults:)`` with
    /// `CommandLine.arguments` and the process environment.
    public static func fromProcess(defaults: HostConfiguration = .defaults) throws(HostError) -> HostConfiguration {
        try HostConfiguration(
            arguments: CommandLine.arguments, environment: processEnvironment(), defaults: defaults)
    }

    /// The process environment, read from `environ` (Foundation's `ProcessInfo` would link all
    /// of Foundation into every server for this).
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// The settings an operator can override, each with its flag and variable.
    enum Setting: CaseIterable {
        case host, port, eventLoops, shutdownGrace

        var flag: String {
            switch self {
            case .host: "--host"
            case .port: "--port"
            case .eventLoops: "--event-loops"
            case .shutdownGrace: "--shutdown-grace"
            }
        }

        var variable: String {
            switch self {
            case .host: "HOST"
            case .port: "PORT"
            case .eventLoops: "ROOM619_EVENT_LOOPS"
            case .shutdownGrace: "ROOM619_SHUTDOWN_GRACE"
            }
        }

        /// What a good value looks like, for the error message.
        var expected: String {
            switch self {
            case .host: "a host name or numeric address"
            case .port: "a port number from 0 to 65535"
            case .eventLoops: "a whole number from 1 to \(HostConfiguration.maxEventLoopCount)"
            case .shutdownGrace: "a number of seconds (0 or more, such as 5 or 0.5)"
            }
        }
    }

    /// More loops than this is a typo, not a tuning choice (each loop is a thread).
    static let maxEventLoopCount = 1024

    private mutating func apply(_ setting: Setting, _ text: String, source: String) throws(HostError) {
        let invalid = HostError(
            .invalidConfiguration, "\(source)=\"\(text)\" is not valid: expected \(setting.expected)")
        switch setting {
        case .host:
            guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { throw invalid }
            listen.host = text
        case .port:
            guard let port = Int(text), (0...65535).contains(port) else { throw invalid }
            listen.port = port
        case .eventLoops:
            guard let count = Int(text), (1...Self.maxEventLoopCount).contains(count) else { throw invalid }
            eventLoopCount = count
        case .shutdownGrace:
            guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds < 1e9 else { throw invalid }
            shutdown.gracePeriod = .milliseconds(Int64((seconds * 1000).rounded()))
        }
    }
}
