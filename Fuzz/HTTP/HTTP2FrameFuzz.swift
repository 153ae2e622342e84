internal import Bytes

// libFuzzer target: the HTTP/2 frame decoder, with padding, SETTINGS parsing and the request
// header validation it feeds. Compiled into the Transport module by Fuzz/build-http.sh.
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
        var fedRest = split >= input.count
        while true {
            do throws(HTTP2ConnectionError) {
                guard let frame = try HTTP2Frame.read(from: &buffer, maxFrameSize: 16_384) else {
                    guard !fedRest else { return seen }
                    buffer.writeBytes(input[split...])
                    fedRest = true
                    continue
                }
                var summary = "\(frame.type)/\(frame.flags)/\(frame.streamID)/\(frame.payload.readableBytes)"
                if frame.kind == .data || frame.kind == .headers {
                    let unpadded = try HTTP2Frame.unpadded(frame)
                    summary += "/\(unpadded.readableBytes)"
                    if frame.kind == .headers {
                        var decoder = HPACKDecoder()
                        let fields = unpadded.withUnsafeReadableBytes { raw in
                            try? decoder.decode(raw)
                        }
                        if let fields { _ = HTTP2ServerConnection.requestHead(fields) }
                    }
                }
                seen.append(summary)
            } catch {
                seen.append("error \(error.code)")
                return seen
            }
        }
    }
    let split = input.isEmpty ? 0 : Int(input[0]) % (input.count + 1)
    precondition(frames(split: input.count) == frames(split: split), "frames depend on how bytes arrive")
    return 0
}
