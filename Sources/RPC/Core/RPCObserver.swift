/// Which end of a call an event comes from.
public enum RPCCallSide: String, Sendable, Hashable {
    case client
    case server
}

/// Receives call events from servers and clients; telemetry implements it (metrics, traces,
/// access logs) without the RPC layer knowing about it. `callStarted` is called on the call's
/// task and must return quickly; what it returns is the call's own handle, told exactly once
/// how the call ended, whatever ends it (the handler, a deadline, cancellation, an interceptor).
///
/// ```swift
/// struct Timing: RPCObserver {
///     func callStarted(_ method: RPCMethodDescriptor, side: RPCCallSide, peer: String) -> (any RPCCallObservation)? {
///         Span(name: method.description)  // a final class conforming to RPCCallObservation
///     }
/// }
/// ```
public protocol RPCObserver: Sendable {
    /// A call started (a server routed it to a method, or a client began it). Returns the
    /// handle that sees it end, or `nil` when this observer keeps nothing per call.
    func callStarted(_ method: RPCMethodDescriptor, side: RPCCallSide, peer: String) -> (any RPCCallObservation)?
}

/// One call, as an ``RPCObserver`` follows it: what it opened when the call started (a span, a
/// timer, an in-flight gauge) is closed here.
public protocol RPCCallObservation: Sendable {
    /// The call ended with `status` after `duration`. Called exactly once per call.
    func callFinished(status: RPCStatus, duration: Duration)
}
