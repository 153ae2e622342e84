/// A long-lived part of a process that is not a request handler: an outbox relay, a background
/// sweeper, a cache refresher. ``ProcessHost`` runs each one next to the listener and stops it
/// after the listener has drained.
///
/// ``run()`` does the work and returns once the service has stopped. The host calls
/// ``beginGracefulShutdown()`` when the process is stopping: the service finishes what it is
/// doing (hands over the batch in hand, releases its leases) and ``run()`` returns. A service
/// that does not stop within the host's grace period is cancelled, so ``run()`` must also end
/// on task cancellation.
///
/// ```swift
/// struct Sweeper: Service {
///     let shutdown = GracefulShutdownSignal()
///
///     func run() async throws {
///         // Sweep every minute until the host stops; wake at once when it does.
///         while await !shutdown.wait(atMost: .seconds(60)) {
///             try await sweepExpiredSessions()
///         }
///     }
///
///     func beginGracefulShutdown() { shutdown.trigger() }
/// }
/// ```
///
/// Returning from ``run()`` or throwing before the host asked it to stop counts as a failure:
/// the host reports it and shuts the rest of the process down, so a relay that dies does not
/// leave a process that looks healthy but publishes nothing.
public protocol Service: Sendable {
    /// The name in reports (`outbox-relay`); by default the type's name.
    var name: String { get }

    /// Does the service's work until it is asked to stop (or cancelled), then returns.
    ///
    /// - Throws: Whatever stops the service early; the host reports it and shuts down.
    func run() async throws

    /// Asks ``run()`` to finish its current work and return. Called once, from any thread,
    /// possibly before ``run()`` has started or after it returned; it must not block.
    func beginGracefulShutdown()
}

extension Service {
    /// The type's name.
    public var name: String { String(describing: type(of: self)) }
}
