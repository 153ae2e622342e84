/// Splits a request path into segments and refuses what no route should see: the checks run over
/// the whole path before any route is looked at, so the answer never depends on which template
/// came closest. One pass, no allocation but the segment list, and it stops at the first limit.
enum RequestPathLexer {
    /// A path split into segments.
    struct Segments {
        /// The byte ranges of the segments, in order; empty for `/`.
        var ranges: [Range<Int>]
        /// Whether the path ended in a `/` that ``RouterConfiguration/TrailingSlash/significant``
        /// keeps, so no template can match it.
        var hasSignificantTrailingSlash: Bool
    }

    /// Splits `path` (without its query).
    static func split(
        _ path: UnsafeBufferPointer<UInt8>, configuration: RouterConfiguration
    ) -> Result<Segments, RequestPathError> {
        guard path.first == UInt8(ascii: "/") else {
            return .failure(RequestPathError(code: .notAbsolute, offset: 0, message: "the path must start with '/'"))
        }
        let limits = configuration.limits
        guard path.count <= limits.maxPathBytes else {
            return .failure(
                RequestPathError(
                    code: .pathTooLong,
                    message: "the path is \(path.count) bytes long; the limit is \(limits.maxPathBytes)"))
        }
        guard path.count > 1 else { return .success(Segments(ranges: [], hasSignificantTrailingSlash: false)) }
        var end = path.count
        var trailingSlash = false
        if path[end - 1] == UInt8(ascii: "/") {
            end -= 1
            trailingSlash = configuration.trailingSlash == .significant
        }
        var ranges: [Range<Int>] = []
        // One allocation for the usual path (the array would otherwise grow 1, 2, 4, 8).
        ranges.reserveCapacity(8)
        var start = 1
        var index = 1
        while index <= end {
            if index == end || path[index] == UInt8(ascii: "/") {
                if let error = check(path, segment: start..<index, count: ranges.count, limits: limits) {
                    return .failure(error)
                }
                ranges.append(start..<index)
                start = index + 1
            } else if path[index] == UInt8(ascii: "%") {
                guard let byte = PercentEncoding.escapedByte(in: path, at: index, end: end) else {
                    return .failure(
                        RequestPathError(
                            code: .malformedPercentEncoding, offset: index,
                            message: "'%' must be followed by two hex digits"))
                }
                if byte == UInt8(ascii: "/") && configuration.rejectsEncodedSlashes {
                    return .failure(
                        RequestPathError(code: .encodedSlash, offset: index, message: "'%2F' is not allowed in a path"))
                }
                index += 2
            }
            index += 1
        }
        return .success(Segments(ranges: ranges, hasSignificantTrailingSlash: trailingSlash))
    }

    private static func check(
        _ path: UnsafeBufferPointer<UInt8>, segment: Range<Int>, count: Int, limits: RouterConfiguration.Limits
    ) -> RequestPathError? {
        if segment.isEmpty {
            return RequestPathError(
                code: .emptySegment, offset: segment.lowerBound, message: "the path has an empty segment")
        }
        if count >= limits.maxSegments {
            return RequestPathError(
                code: .tooManySegments, offset: segment.lowerBound,
                message: "the path has more than \(limits.maxSegments) segments")
        }
        if isDotSegment(path, segment) {
            return dotSegmentError(at: segment.lowerBound)
        }
        return nil
    }

    /// The error for a `.` or `..` segment at `offset`.
    static func dotSegmentError(at offset: Int) -> RequestPathError {
        RequestPathError(code: .dotSegment, offset: offset, message: "'.' and '..' segments are not allowed")
    }

    /// Whether `segment` is `.` or `..`, each dot possibly written `%2E` or `%2e`.
    static func isDotSegment(_ path: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>) -> Bool {
        guard segment.count <= 6 else { return false }
        var dots = 0
        var index = segment.lowerBound
        while index < segment.upperBound {
            if path[index] == UInt8(ascii: ".") {
                index += 1
            } else if PercentEncoding.escapedByte(in: path, at: index, end: segment.upperBound) == UInt8(ascii: ".") {
                index += 3
            } else {
                return false
            }
            dots += 1
        }
        return dots == 1 || dots == 2
    }
}
