internal import Bytes

extension HTTP2ConnectionStateMachine {
    /// What the owner must do after a frame, besides writing the output (ACKs, WINDOW_UPDATEs,
    /// RST_STREAMs and GOAWAY are already in it).
    enum Action {
        /// Nothing more.
        case none
        /// Server: the client opened stream `streamID` with this request (§8.3.1); `endStream`:
        /// no body follows. The owner takes it with ``accept(_:streamID:endStream:)``.
        case requestReceived(streamID: UInt32, head: HTTPRequestHead, endStream: Bool)
        /// Client: the final response head of a stream (§8.3.2). `isStreamClosed`: both sides
        /// have now ended it, and it left the table.
        case responseReceived(
            Context, streamID: UInt32, head: HTTPResponseHead, endStream: Bool, isStreamClosed: Bool)
        /// A piece of body (padding removed, §6.1); `endStream`: the peer's last.
        case data(Context, streamID: UInt32, data: ByteBuffer, endStream: Bool, isStreamClosed: Bool)
        /// Trailers ended the peer's side (§8.1); `nil` when they were over the header list
        /// limit (server).
        case trailers(Context, streamID: UInt32, HTTPHeaders?, isStreamClosed: Bool)
        /// The peer reset the stream with `code` (§6.4); it is closed. `wasRemoteClosed`: the
        /// peer had ended its side first.
        case streamReset(Context, streamID: UInt32, code: HTTP2ErrorCode, wasRemoteClosed: Bool)
        /// We reset the stream with `code` for what the peer did (a stream error, §5.4.2); it is
        /// closed, and `error` says why.
        case streamFailed(Context, streamID: UInt32, code: HTTP2ErrorCode, error: HTTPError)
        /// We answered a frame for a stream we do not hold with RST_STREAM `code` (a refused
        /// stream, DATA on a closed one, a bad PRIORITY). `protocolError`: a violation to report.
        case streamRejected(streamID: UInt32, code: HTTP2ErrorCode, protocolError: String?)
        /// A WINDOW_UPDATE gave the stream room to send.
        case streamWindowOpened(Context, streamID: UInt32)
        /// The connection window grew: every stream may have room to send.
        case windowsOpened
        /// The peer's SETTINGS now apply (its stream limit may have changed); `windowsGrew`: a
        /// larger INITIAL_WINDOW_SIZE gave every stream room.
        case settingsChanged(windowsGrew: Bool)
        /// The peer sent GOAWAY (§6.8): no new streams. `unprocessed`: our streams above
        /// `lastStreamID`, which it never processed; they are closed and safe to retry.
        case goAwayReceived(lastStreamID: UInt32, code: HTTP2ErrorCode, debug: String, unprocessed: [Context])
        /// A connection error (§5.4.1): GOAWAY is in the output; flush it and close with `error`.
        case closeConnection(HTTPError)
    }
}
