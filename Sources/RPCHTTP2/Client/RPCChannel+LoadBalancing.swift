internal import RPC
internal import Synchronization
internal import Transport

extension RPCChannel {
    /// The connection of the ready address the balancer picks for `call`, if any.
    func readyPick(_ call: RPCPickInfo) -> (HTTP2ClientConnection, Subchannel)? {
        let subchannels = state.withLock { $0.subchannels }
        var ready: [(endpoint: RPCEndpoint, connection: HTTP2ClientConnection, subchannel: Subchannel)] = []
        for subchannel in subchannels {
            let (endpoint, connection) = endpoint(of: subchannel)
            if let connection { ready.append((endpoint, connection, subchannel)) }
        }
        guard !ready.isEmpty, let id = balancer.pick(call, among: ready.map(\.endpoint)),
            let picked = ready.first(where: { $0.endpoint.id == id })
        else { return nil }
        return (picked.connection, picked.subchannel)
    }

    /// The subchannel as the balancer sees it, with its connection when that is ready. When its
    /// state differs from what the balancer last heard, the balancer is told (here, outside the
    /// lock: a connection that went away is noticed the next time anyone looks).
    func endpoint(of subchannel: Subchannel) -> (endpoint: RPCEndpoint, connection: HTTP2ClientConnection?) {
        let (endpoint, connection, changed) = subchannel.state.withLock { state in
            let connection = state.connection.flatMap { $0.isAvailable ? $0 : nil }
            let current: RPCConnectivityState =
                if connection != nil {
                    .ready
                } else if state.connecting != nil {
                    .connecting
                } else if state.lastError != nil {
                    .transientFailure
                } else {
                    .idle
                }
            let changed = current != state.reportedState
            state.reportedState = current
            let endpoint = RPCEndpoint(id: subchannel.id, state: current, inFlightCalls: state.inFlightCalls)
            return (endpoint, connection, changed)
        }
        if changed { balancer.endpointStateChanged(endpoint) }
        return (endpoint, connection)
    }

    /// The subchannels a connection plan names, in its order (unknown names are skipped).
    static func subchannels(_ ids: [RPCEndpoint.ID], in subchannels: [Subchannel]) -> [Subchannel] {
        ids.compactMap { id in subchannels.first { $0.id == id } }
    }

    /// Counts one call on a subchannel while it runs, and tells the balancer how it ended: once,
    /// whichever of the stream's end or a failed open comes first.
    final class CallTracker: Sendable {
        let subchannel: Subchannel
        let balancer: any RPCLoadBalancer
        let started = ContinuousClock.now
        private let ended = Atomic(false)

        init(subchannel: Subchannel, balancer: any RPCLoadBalancer) {
            self.subchannel = subchannel
            self.balancer = balancer
            subchannel.state.withLock { $0.inFlightCalls += 1 }
        }

        @Sendable func end(_ status: RPCStatus) {
            guard !ended.exchange(true, ordering: .relaxed) else { return }
            subchannel.state.withLock { $0.inFlightCalls -= 1 }
            balancer.callFinished(
                RPCCallOutcome(endpoint: subchannel.id, status: status, duration: started.duration(to: .now)))
        }
    }
}
