/// Which end of a call an event comes from.
public enum RPCCallSide: String, Sendable, Hashable {
    case client
    case server
}

/// Receives call events from servers and channels; telemetry implements it (metrics, traces,
/// access logs) without the RPC layer knowing about it. Methods are called on the call's task
/// and must return quickly. Every call reported started is reported finished exactly once.
public protocol RPCObserver: Sendable {
    /// A call started (a server routed it to a method, or a client began it).
    func callStarted(_ method: RPCMethodDescriptor, side: RPCCallSide, peer: String)
    /// A call ended with `status` after `duration`.
    func callFinished(_ method: RPCMethodDescriptor, side: RPCCallSide, status: RPCStatus, duration: Duration)
}

extension RPCObserver {
    public func callStarted(_ method: RPCMethodDescriptor, side: RPCCallSide, peer: String) {}
    public func callFinished(_ method: RPCMethodDescriptor, side: RPCCallSide, status: RPCStatus, duration: Duration) {}
}
