/// Why a ``ProcessHost`` could not start, or what stopped it.
///
/// `description` reads `code: "message" (cause: …)`, the line an executable prints before it exits.
public struct HostError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidConfiguration, startFailed, serviceFailed, alreadyStarted
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A flag, an environment variable or a configured value is not usable; the message
        /// names it.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The event loops or the listener could not start (the port is taken, say).
        public static let startFailed = Code(.startFailed)
        /// A ``Service`` threw, or returned before it was asked to stop.
        public static let serviceFailed = Code(.serviceFailed)
        /// ``ProcessHost/run()`` was called a second time.
        public static let alreadyStarted = Code(.alreadyStarted)

        public var description: String {
            switch value {
            case .invalidConfiguration: "invalid configuration"
            case .startFailed: "start failed"
            case .serviceFailed: "service failed"
            case .alreadyStarted: "already started"
            }
        }
    }

    /// What kind of failure.
    public var code: Code
    /// A sentence saying what went wrong, naming the flag, variable or service.
    public var message: String
    /// The error underneath, if any (a ``Transport/SystemError`` from `bind`, a service's error).
    public var cause: (any Error)?

    /// An error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `code: "message" (cause: …)`.
    public var description: String {
        let text = "\(code): \"\(message)\""
        guard let cause else { return text }
        return text + " (cause: \(cause))"
    }

    // The cause takes part through its description: errors need not be Hashable.
    public static func == (lhs: HostError, rhs: HostError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
            && lhs.cause.map { "\($0)" } == rhs.cause.map { "\($0)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(cause.map { "\($0)" })
    }
}
