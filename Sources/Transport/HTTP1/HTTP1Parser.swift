internal import Bytes

/// Limits every HTTP server connection enforces.
public struct HTTPServerLimits: Sendable {
    /// The largest request head (request line and headers); larger gets `431`. Default 16 KiB.
    public var maxHeadBytes = 16 * 1024
    /// The most header fields; more gets `431`. Default 100.
    public var maxHeaderCount = 100
    /// The largest request body; larger gets `413`. Default 8 MiB.
    public var maxBodyBytes = 8 * 1024 * 1024
    /// How long a connection may wait for its next request. Default 60 s.
    public var idleTimeout: Duration = .seconds(60)
    /// How long a started request head may take to arrive (slowloris). Default 10 s.
    public var headTimeout: Duration = .seconds(10)

    /// The defaults above.
    public init() {}
}

/// How a request body is delimited.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}

/// A request that cannot be served, and the answer it gets.
struct HTTP1ParseError: Error, Equatable {
    var status: Int
    var reason: String
}

/// Parses HTTP/1.1 request heads (RFC 9112) from raw bytes, strictly: CRLF line ends, token
/// method and header names, no obsolete line folding, one body framing.
enum HTTP1Parser {
    /// The end of the head (index just past `\r\n\r\n`) in `bytes`, or `nil` if it has not arrived.
    static func headEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = max(0, start - 3)
        while index + 3 < bytes.count {
            if bytes[index + 3] != 0x0A {
                // Skip ahead: the byte at index+3 is not LF, so no match can end before index+4.
                index += bytes[index + 3] == 0x0D ? 1 : 4
                continue
            }
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D { return index + 4 }
            index += 1
        }
        return nil
    }

    /// Whether `bytes`, the start of a head that has not fully arrived, could still begin a
    /// request line: a method (token bytes, at most 32 of them) and then a space.
    static func canStartRequestLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: " ") { return index > 0 }
            guard index < 32, isTokenByte(byte) else { return false }
        }
        return true
    }

    /// Parses a complete head (`bytes` ends with the blank line).
    static func parseHead(
        _ bytes: UnsafeRawBufferPointer, limits: HTTPServerLimits
    ) throws(HTTP1ParseError) -> (HTTPRequestHead, BodyFraming) {
        var lines = LineReader(bytes: bytes)
        guard let requestLine = lines.next(), !requestLine.isEmpty else {
            throw HTTP1ParseError(status: 400, reason: "missing request line")
        }
        let (method, target, version) = try parseRequestLine(bytes, requestLine)
        var headers = HTTPHeaders()
        while let line = lines.next(), !line.isEmpty {
            guard headers.count < limits.maxHeaderCount else {
                throw HTTP1ParseError(status: 431, reason: "more than \(limits.maxHeaderCount) header fields")
            }
            let (name, value) = try parseField(bytes, line)
            headers.addLowercased(name: name, value: value)
        }
        guard !lines.sawBareLF else { throw HTTP1ParseError(status: 400, reason: "line ends must be CRLF") }
        var head = HTTPRequestHead(method: method, target: target, version: version, headers: headers)
        let hosts = headers.values(of: "host")
        if version == .http1_1 && hosts.count != 1 {
            throw HTTP1ParseError(
                status: 400, reason: hosts.isEmpty ? "missing Host header" : "more than one Host header")
        }
        head.authority = hosts.first
        return (head, try framing(of: headers, limits: limits))
    }

    private static func framing(
        of headers: HTTPHeaders, limits: HTTPServerLimits
    ) throws(HTTP1ParseError)
        -> BodyFraming
    {
        let encodings = headers.values(of: "transfer-encoding")
        let lengths = headers.values(of: "content-length")
        if !encodings.isEmpty {
            // Both framings at once is how requests get smuggled (RFC 9112 §6.1): refuse.
            guard lengths.isEmpty else {
                throw HTTP1ParseError(status: 400, reason: "both Transfer-Encoding and Content-Length")
            }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map {
                HTTPHeaders.lowercased($0.trimmingWhitespace())
            }
            guard codings == ["chunked"] else {
                throw HTTP1ParseError(
                    status: 501, reason: "unsupported transfer coding \(codings.joined(separator: ", "))")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var length: Int?
        for text in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(trimmed)
            else { throw HTTP1ParseError(status: 400, reason: "invalid Content-Length") }
            if let length, length != value { throw HTTP1ParseError(status: 400, reason: "conflicting Content-Length") }
            length = value
        }
        guard let length else { return .none }
        guard length <= limits.maxBodyBytes else {
            throw HTTP1ParseError(status: 413, reason: "body of \(length) bytes exceeds \(limits.maxBodyBytes)")
        }
        return length == 0 ? .none : .length(length)
    }

    private static func parseRequestLine(
        _ bytes: UnsafeRawBufferPointer, _ line: Range<Int>
    ) throws(HTTP1ParseError) -> (String, String, HTTPVersion) {
        guard let firstSpace = bytes[line].firstIndex(of: 0x20) else {
            throw HTTP1ParseError(status: 400, reason: "malformed request line")
        }
        let methodRange = line.lowerBound..<firstSpace
        guard !methodRange.isEmpty, bytes[methodRange].allSatisfy(isTokenByte) else {
            throw HTTP1ParseError(status: 400, reason: "malformed method")
        }
        guard let secondSpace = bytes[(firstSpace + 1)..<line.upperBound].firstIndex(of: 0x20) else {
            throw HTTP1ParseError(status: 400, reason: "malformed request line")
        }
        let targetRange = (firstSpace + 1)..<secondSpace
        guard !targetRange.isEmpty, bytes[targetRange].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTP1ParseError(status: 400, reason: "malformed request target")
        }
        let versionRange = (secondSpace + 1)..<line.upperBound
        let version: HTTPVersion
        if bytes[versionRange].elementsEqual("HTTP/1.1".utf8) {
            version = .http1_1
        } else if bytes[versionRange].elementsEqual("HTTP/1.0".utf8) {
            version = .http1_0
        } else if versionRange.count == 8, bytes[versionRange].starts(with: "HTTP/".utf8) {
            throw HTTP1ParseError(status: 505, reason: "unsupported HTTP version")
        } else {
            throw HTTP1ParseError(status: 400, reason: "malformed HTTP version")
        }
        return (string(bytes, methodRange), string(bytes, targetRange), version)
    }

    static func parseField(
        _ bytes: UnsafeRawBufferPointer, _ line: Range<Int>
    ) throws(HTTP1ParseError) -> (String, String) {
        guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else {
            if let first = bytes[line].first, first == 0x20 || first == 0x09 {
                throw HTTP1ParseError(status: 400, reason: "obsolete header line folding")
            }
            throw HTTP1ParseError(status: 400, reason: "header line without a colon")
        }
        let nameRange = line.lowerBound..<colon
        guard !nameRange.isEmpty, bytes[nameRange].allSatisfy(isTokenByte) else {
            throw HTTP1ParseError(status: 400, reason: "malformed header name")
        }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd && (bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09) { valueStart += 1 }
        while valueEnd > valueStart && (bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09) { valueEnd -= 1 }
        // Field values: visible characters, spaces, tabs and obs-text; never CR, LF or NUL.
        guard bytes[valueStart..<valueEnd].allSatisfy({ $0 >= 0x20 || $0 == 0x09 }),
            !bytes[valueStart..<valueEnd].contains(0x7F)
        else { throw HTTP1ParseError(status: 400, reason: "invalid character in a header value") }
        let name =
            bytes[nameRange].contains { $0 >= 0x41 && $0 <= 0x5A }
            ? string(bytes, nameRange).lowercased() : string(bytes, nameRange)
        return (name, string(bytes, valueStart..<valueEnd))
    }

    /// Parses a complete response head: status and headers.
    static func parseResponseHead(_ bytes: UnsafeRawBufferPointer) throws(HTTP1ParseError) -> (Int, HTTPHeaders) {
        var lines = LineReader(bytes: bytes)
        guard let statusLine = lines.next(), statusLine.count >= 12,
            bytes[statusLine].starts(with: "HTTP/1.".utf8), bytes[statusLine.lowerBound + 8] == 0x20
        else { throw HTTP1ParseError(status: 502, reason: "malformed status line") }
        let digits = bytes[(statusLine.lowerBound + 9)..<(statusLine.lowerBound + 12)]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let status = Int(string(bytes, digits.indices))
        else { throw HTTP1ParseError(status: 502, reason: "malformed status code") }
        var headers = HTTPHeaders()
        while let line = lines.next(), !line.isEmpty {
            let (name, value) = try parseField(bytes, line)
            headers.addLowercased(name: name, value: value)
        }
        return (status, headers)
    }

    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}

/// Splits a head into lines at CRLF (noting bare LFs, which the parser rejects).
struct LineReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    var sawBareLF = false

    /// The next line's range, without its line end.
    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        while position < bytes.count {
            if bytes[position] == 0x0A {
                let end = position > start && bytes[position - 1] == 0x0D ? position - 1 : position
                if end == position { sawBareLF = true }
                position += 1
                return start..<end
            }
            position += 1
        }
        return start..<position
    }
}

/// Decodes a chunked body (RFC 9112 §7.1) incrementally; trailers are read and dropped.
struct ChunkedDecoder {
    enum State: Equatable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers
        case done
    }

    var state = State.size
    var total = 0
    let maxBytes: Int

    /// Consumes what it can from `buffer`, passing each data piece to `emit` (as slices of
    /// `buffer`). Returns `true` once the body ended.
    mutating func decode(_ buffer: inout ByteBuffer, emit: (ByteBuffer) -> Void) throws(HTTP1ParseError) -> Bool {
        while true {
            switch state {
            case .done:
                return true
            case .size:
                guard let line = try readLine(&buffer, limit: 1024) else { return false }
                // chunk-size [ chunk-ext ]: hex digits, then extensions we ignore.
                let sizeText = line.prefix { $0 != UInt8(ascii: ";") }.trimmingWhitespaceBytes()
                guard !sizeText.isEmpty, sizeText.count <= 15,
                    let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16), size >= 0
                else { throw HTTP1ParseError(status: 400, reason: "malformed chunk size") }
                if size == 0 {
                    state = .trailers
                } else {
                    total += size
                    guard total <= maxBytes else {
                        throw HTTP1ParseError(status: 413, reason: "body exceeds \(maxBytes) bytes")
                    }
                    state = .data(remaining: size)
                }
            case .data(let remaining):
                let available = min(remaining, buffer.readableBytes)
                guard available > 0, let piece = buffer.readSlice(length: available) else { return false }
                emit(piece)
                state = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard buffer.readableBytes >= 2 else { return false }
                guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
                    throw HTTP1ParseError(status: 400, reason: "chunk data not followed by CRLF")
                }
                state = .size
            case .trailers:
                guard let line = try readLine(&buffer, limit: 8192) else { return false }
                if line.isEmpty { state = .done }
            }
        }
    }

    private func readLine(_ buffer: inout ByteBuffer, limit: Int) throws(HTTP1ParseError) -> [UInt8]? {
        let found: Int? = buffer.withUnsafeReadableBytes { raw in
            guard let lf = raw.firstIndex(of: 0x0A) else { return nil }
            return lf
        }
        guard let lf = found else {
            if buffer.readableBytes > limit { throw HTTP1ParseError(status: 400, reason: "chunk line too long") }
            return nil
        }
        guard lf > 0, lf <= limit, let bytes = buffer.readBytes(length: lf + 1), bytes[lf - 1] == 0x0D else {
            throw HTTP1ParseError(status: 400, reason: "malformed chunk line")
        }
        return Array(bytes[0..<(lf - 1)])
    }
}

extension Collection<UInt8> {
    func trimmingWhitespaceBytes() -> [UInt8] {
        var bytes = Array(self)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        return bytes
    }
}
