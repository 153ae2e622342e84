internal import Bytes

// libFuzzer target: the HTTP/1.1 request parser and the chunked-body decoder. Compiled into the
// Transport module by Fuzz/build-http.sh.
//
// The input is a request head (up to the blank line) then a body. The head must parse or be
// refused with a 4xx/5xx status; the body is fed to the chunked decoder in two pieces split at
// a point the first byte chooses, and must decode to the same bytes as in one piece.
@_cdecl("LLVMFuzzerTestOneInput")
public func http1Fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var limits = HTTPServerLimits()
    limits.maxBodyBytes = 1 << 16
    let end = HTTP1Parser.headEnd(input, from: 0) ?? size
    let head = UnsafeRawBufferPointer(rebasing: input[0..<end])
    do throws(HTTP1ParseError) {
        let (parsed, _) = try HTTP1Parser.parseHead(head, limits: limits)
        precondition(!parsed.method.isEmpty && !parsed.target.isEmpty, "an accepted head has a method and target")
    } catch {
        precondition((400..<600).contains(error.status), "a refusal is a 4xx or 5xx")
    }
    _ = try? HTTP1Parser.parseResponseHead(head)

    let body = Array(input[end...])
    func decode(split: Int) -> (bytes: [UInt8], done: Bool)? {
        var decoder = ChunkedDecoder(maxBytes: 1 << 16)
        var buffer = ByteBuffer(bytes: body[0..<split])
        var output: [UInt8] = []
        do throws(HTTP1ParseError) {
            var done = try decoder.decode(&buffer) { output += $0.readableBytesArray }
            if !done {
                buffer.writeBytes(body[split...])
                done = try decoder.decode(&buffer) { output += $0.readableBytesArray }
            }
            return (output, done)
        } catch {
            return nil
        }
    }
    let split = body.isEmpty ? 0 : Int(body[0]) % (body.count + 1)
    let whole = decode(split: body.count)
    let pieces = decode(split: split)
    if let whole, let pieces, whole.done {
        precondition(pieces.done && pieces.bytes == whole.bytes, "chunked decoding depends on how bytes arrive")
    }
    return 0
}
