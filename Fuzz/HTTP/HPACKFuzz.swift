// libFuzzer target: the HPACK decoder (RFC 7541). Compiled into the Transport module by
// Fuzz/build-http.sh, so it reaches the internal decoder directly.
//
// The input is split into header blocks at each 0xFF 0x00 pair (so the dynamic table carries
// state from block to block, as on a connection). Every block must decode or throw a typed
// HPACKError, never trap; a block that decodes must survive a round trip through our encoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func hpackFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    var decoder = HPACKDecoder(maxTableSize: 4096, maxHeaderListSize: 16 * 1024)
    var encoder = HPACKEncoder()
    var checker = HPACKDecoder(maxTableSize: 4096, maxHeaderListSize: 1 << 20)
    var start = 0
    var index = 0
    while index <= input.count {
        let atSplit = index + 1 < input.count && input[index] == 0xFF && input[index + 1] == 0x00
        if atSplit || index == input.count {
            let block = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[start..<index]))
            do throws(HPACKError) {
                let fields = try decoder.decode(block)
                var encoded: [UInt8] = []
                encoder.encode(fields, into: &encoded)
                let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: encoded.count, alignment: 1)
                defer { copy.deallocate() }
                copy.copyBytes(from: encoded)
                let decoded = try checker.decode(UnsafeRawBufferPointer(copy))
                precondition(
                    decoded.map { $0.name } == fields.map { $0.name }
                        && decoded.map { $0.value } == fields.map { $0.value },
                    "HPACK round trip changed the fields")
            } catch {
                // A header list over the limit is refused but the table stays in step; anything
                // else is a connection error, and the connection would end here.
                if error.kind == .compression { return 0 }
            }
            index += 2
            start = index
            continue
        }
        index += 1
    }
    return 0
}
