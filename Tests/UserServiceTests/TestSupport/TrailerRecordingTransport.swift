import ProtoRuntime
import RPC
import Synchronization

/// The in-process transport, remembering the trailing metadata of every call that ends, which
/// the generated client does not show for a failed call.
final class TrailerRecordingTransport: RPCClientTransport {
    let base: InProcessTransport
    private let recorded = Mutex<[Metadata]>([])

    init(server: RPCServer) {
        base = InProcessTransport(server: server)
    }

    /// The trailers of the last call that ended.
    var lastTrailers: Metadata? { recorded.withLock { $0.last } }

    func record(_ trailers: Metadata) {
        recorded.withLock { $0.append(trailers) }
    }

    nonisolated(nonsending) func openStream(
        _ request: RPCClientStreamRequest
    ) async throws(RPCStatus) -> any RPCClientStream {
        RecordingStream(base: try await base.openStream(request), transport: self)
    }
}

private struct RecordingStream: RPCClientStream {
    let base: any RPCClientStream
    let transport: TrailerRecordingTransport

    func prepare<M: Message>(_ message: M) throws(RPCStatus) -> RPCOutgoingMessage { try base.prepare(message) }

    nonisolated(nonsending) func send(_ message: RPCOutgoingMessage, compressed: Bool) async throws(RPCStatus) {
        try await base.send(message, compressed: compressed)
    }

    nonisolated(nonsending) func finishSending() async throws(RPCStatus) { try await base.finishSending() }

    nonisolated(nonsending) func receiveHeaders() async throws(RPCStatus) -> Metadata {
        do {
            return try await base.receiveHeaders()
        } catch {
            // A trailers-only answer (every error before a response): its trailers are recorded.
            transport.record(await base.receiveStatus().trailers)
            throw error
        }
    }

    nonisolated(nonsending) func receiveMessage<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        try await base.receiveMessage(type)
    }

    nonisolated(nonsending) func receiveStatus() async -> (status: RPCStatus, trailers: Metadata) {
        let ended = await base.receiveStatus()
        transport.record(ended.trailers)
        return ended
    }

    func cancel() { base.cancel() }
}
