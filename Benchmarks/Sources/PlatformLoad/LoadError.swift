// Why PlatformLoad could not measure: a message with the cause it came from.

/// A failure of the load driver itself (bad arguments, an unreadable key, a platform that
/// does not answer the setup calls), as opposed to a call that failed under load, which is
/// counted and reported.
struct LoadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the context the driver had.
    var message: String
    /// The error it came from, if any.
    var cause: (any Error)?

    /// An error saying `message`, caused by `cause`.
    init(_ message: String, cause: (any Error)? = nil) {
        self.message = message
        self.cause = cause
    }

    /// `message`, then the cause in parentheses.
    var description: String {
        guard let cause else { return message }
        return "\(message) (cause: \(cause))"
    }
}
