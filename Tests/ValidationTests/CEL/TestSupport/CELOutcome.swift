import ProtoRuntime
import Validation

/// What one compiled rule said about one message, in the terms protovalidate reports.
enum CELOutcome: Equatable, CustomStringConvertible {
    case pass
    /// Failed; the message is the rule's string result (empty for a bool rule).
    case violation(String)
    /// Could not be evaluated.
    case error(String)

    /// The outcome of a bool rule.
    init(_ body: () throws -> Bool) {
        do {
            self = try body() ? .pass : .violation("")
        } catch {
            self = .error("\(error)")
        }
    }

    /// The outcome of a string rule.
    init(_ body: () throws -> String) {
        do {
            let message = try body()
            self = message.isEmpty ? .pass : .violation(message)
        } catch {
            self = .error("\(error)")
        }
    }

    var description: String {
        switch self {
        case .pass: "pass"
        case .violation(let message): "violation(\(message))"
        case .error(let reason): "error(\(reason))"
        }
    }
}

/// A compiled rule of the emitted fixture, with its CEL text.
struct CELFixtureRule: Sendable {
    var name: String
    var expression: String
    var evaluate: @Sendable (FixtureUser, Google_Protobuf_Timestamp) -> CELOutcome
}
