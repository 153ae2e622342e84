internal import Glibc

/// A system call that failed: which one, on what, and `errno`.
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call, such as `bind`.
    public var call: String
    /// The `errno` value.
    public var code: Int32
    /// What the call was about (`127.0.0.1:8080`), if anything.
    public var context: String

    /// Creates an error.
    public init(call: String, code: Int32, context: String = "") {
        self.call = call
        self.code = code
        self.context = context
    }

    /// The error from the current `errno`.
    static func last(_ call: String, _ context: String = "") -> SystemError {
        SystemError(call: call, code: errno, context: context)
    }

    /// `bind(127.0.0.1:8080): Address already in use (errno 98)`.
    public var description: String {
        let reason = String(cString: strerror(code))
        return context.isEmpty
            ? "\(call): \(reason) (errno \(code))" : "\(call)(\(context)): \(reason) (errno \(code))"
    }
}
