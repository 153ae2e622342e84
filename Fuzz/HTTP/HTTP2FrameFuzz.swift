internal import Bytes

// libFuzzer target: the HTTP/2 frame decoder, with what both connections (server and client)
// build on it: padding, SETTINGS, WINDOW_UPDATE, header-block assembly over CONTINUATION
// frames, HPACK, and the request and response head checks. Compiled into the Transport module
// by Fuzz/build-http.sh.
//
// The input is read as a stream of frames (in two arrivals, split where the first byte says);
// every frame must parse, or the stream end with a typed connection error, never a trap; the
// frames must be the same however the bytes arrive.
@_cdecl("LLVMFuzzerTestOneInput")
public func http2FrameFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    func frames(split: Int) -> [String] {
        var buffer = ByteBuffer(bytes: input[0..<min(split, input.count)])
        var seen: [String] = []
        var settings = HTTP2PeerSettings()
        var blocks = HTTP2HeaderBlockReader(maxFrames: 8, maxBytes: 32 * 1024)
        var decoder = HPACKDecoder()
        var fedRest = split >= input.count
        while true {
            do throws(HTTPError) {
                guard let frame = try HTTP2Frame.read(from: &buffer, maxFrameSize: 16_384) else {
                    guard !fedRest else { return seen }
                    buffer.writeBytes(input[split...])
                    fedRest = true
                    continue
                }
                var summary = "\(frame.type)/\(frame.flags)/\(frame.streamID)/\(frame.payload.readableBytes)"
                try blocks.check(frame)
                var block: HTTP2HeaderBlockReader.Block?
                switch frame.kind {
                case .data:
                    summary += "/\(try HTTP2Frame.unpadded(frame).readableBytes)"
                case .headers:
                    block = try blocks.headers(frame)
                case .continuation:
                    block = try blocks.continuation(frame)
                case .settings:
                    if let change = try settings.apply(frame) {
                        summary += "/w\(change.windowDelta)/t\(change.headerTableSize ?? -1)"
                    }
                case .windowUpdate:
                    summary += "/+\(try HTTP2Frame.windowIncrement(frame))"
                default:
                    break
                }
                if let block {
                    summary += "/block \(block.streamID) \(block.bytes.count) \(block.endStream)"
                    let fields = block.bytes.withUnsafeBytes { raw in try? decoder.decode(raw) }
                    if let fields {
                        summary += "/\(fields.count) fields"
                        _ = HTTP2ServerConnection.requestHead(fields)
                        _ = HTTP2ClientConnection.responseHead(fields)
                    }
                }
                seen.append(summary)
            } catch {
                seen.append("error \(error.goAwayCode)")
                return seen
            }
        }
    }
    let split = input.isEmpty ? 0 : Int(input[0]) % (input.count + 1)
    precondition(frames(split: input.count) == frames(split: split), "frames depend on how bytes arrive")
    return 0
}
