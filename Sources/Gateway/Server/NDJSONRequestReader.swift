internal import Bytes
internal import Synchronization
internal import Transport

/// Reads a request body as newline-delimited JSON, one line at a time as it arrives (client and
/// bidirectional streaming over REST): each non-blank line is one request message. A line
/// longer than the limit is refused (413) without buffering the rest of it.
final class NDJSONRequestReader: Sendable {
    private struct State {
        var pending = ByteBuffer()
        var isFinished = false
    }
    private let body: HTTPBody
    private let maxLineBytes: Int
    private let state = Mutex(State())

    init(body: HTTPBody, maxLineBytes: Int) {
        self.body = body
        self.maxLineBytes = maxLineBytes
    }

    /// The next line (without its newline), or `nil` at the end of the body. Called by one
    /// reader at a time (the call engine receives messages in order).
    /// - Throws: ``HTTPFailure``: 413 for a line over the limit, 400 when the body fails.
    nonisolated(nonsending) func nextLine() async throws(HTTPFailure) -> ByteBuffer? {
        while true {
            let step = state.withLock { state -> (line: ByteBuffer?, finished: Bool, pendingBytes: Int) in
                if let line = Self.takeLine(&state.pending) { return (line, false, 0) }
                if state.isFinished {
                    let rest = state.pending
                    state.pending = ByteBuffer()
                    return (Self.isBlank(rest) ? nil : rest, true, 0)
                }
                return (nil, false, state.pending.readableBytes)
            }
            if let line = step.line {
                guard line.readableBytes <= maxLineBytes else {
                    throw HTTPFailure(httpStatus: 413, message: "a request line exceeds \(maxLineBytes) bytes")
                }
                return line
            }
            if step.finished { return nil }
            guard step.pendingBytes <= maxLineBytes else {
                throw HTTPFailure(httpStatus: 413, message: "a request line exceeds \(maxLineBytes) bytes")
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                throw HTTPFailure(httpStatus: 400, message: "the request body could not be read: \(error)")
            }
            state.withLock { state in
                if let chunk { state.pending.writeBuffer(chunk) } else { state.isFinished = true }
            }
        }
    }

    /// Removes and returns the first non-blank line ending in `\n`, skipping blank ones.
    private static func takeLine(_ pending: inout ByteBuffer) -> ByteBuffer? {
        while true {
            let newline = pending.withUnsafeReadableBytes { $0.firstIndex(of: UInt8(ascii: "\n")) }
            guard let newline else { return nil }
            guard let line = pending.readSlice(length: newline) else { return nil }
            _ = pending.moveReaderIndex(forwardBy: 1)
            if !isBlank(line) { return line }
        }
    }

    private static func isBlank(_ bytes: ByteBuffer) -> Bool {
        bytes.withUnsafeReadableBytes { raw in
            raw.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        }
    }
}
