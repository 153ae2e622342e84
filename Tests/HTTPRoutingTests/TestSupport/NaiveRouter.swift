@testable import HTTPRouting

/// The reference for the router's randomized test: the same rules written the slow, obvious way —
/// every route tried against the whole path, the most specific kept by comparing segment kinds —
/// with its own splitting, escape checking, normalizing and decoding, sharing no code with the
/// router but ``PathTemplate``.
struct NaiveRouter {
    var routes: [(method: String, template: PathTemplate)]
    var configuration: RouterConfiguration

    /// The outcome in the format of `outcome(_:_:_:)`, routes named `#index`.
    func outcome(method: String, path: String) -> String {
        var bytes = Array(path.utf8)
        if let question = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes = Array(bytes[..<question]) }
        guard bytes.first == UInt8(ascii: "/") else { return error(.notAbsolute) }
        guard bytes.count <= configuration.limits.maxPathBytes else { return error(.pathTooLong) }
        var body = Array(bytes.dropFirst())
        var significantSlash = false
        var segments: [[UInt8]] = []
        if !body.isEmpty {
            if body.last == UInt8(ascii: "/") {
                body.removeLast()
                significantSlash = configuration.trailingSlash == .significant
            }
            segments = body.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Array($0) }
        }
        for (index, segment) in segments.enumerated() {
            var position = 0
            while position < segment.count {
                guard segment[position] == UInt8(ascii: "%") else {
                    position += 1
                    continue
                }
                guard let byte = Self.escape(segment, at: position) else { return error(.malformedPercentEncoding) }
                if byte == UInt8(ascii: "/") && configuration.rejectsEncodedSlashes { return error(.encodedSlash) }
                position += 3
            }
            if segment.isEmpty { return error(.emptySegment) }
            if index >= configuration.limits.maxSegments { return error(.tooManySegments) }
            if Self.isDot(segment) { return error(.dotSegment) }
        }
        if significantSlash { return "404" }
        var readings: [(segments: [[UInt8]], verb: String)] = []
        let verbs = Set(routes.compactMap(\.template.verb))
        if let last = segments.last, let colon = last.lastIndex(of: UInt8(ascii: ":")), colon > 0,
            colon < last.count - 1,
            verbs.contains(Self.normalize(Array(last[(colon + 1)...])))
        {
            let prefix = Array(last[..<colon])
            if Self.isDot(prefix) { return error(.dotSegment) }
            readings.append((segments.dropLast() + [prefix], Self.normalize(Array(last[(colon + 1)...]))))
        }
        readings.append((segments, ""))
        for reading in readings {
            let candidates = routes.indices.filter {
                (routes[$0].method == method || routes[$0].method == "*")
                    && (routes[$0].template.verb ?? "") == reading.verb
                    && Self.matches(routes[$0].template, reading.segments)
            }
            let best = candidates.min { a, b in
                let (keyA, keyB) = (Self.key(routes[a].template), Self.key(routes[b].template))
                if keyA != keyB { return keyA.lexicographicallyPrecedes(keyB) }
                return routes[a].method != "*" && routes[b].method == "*"
            }
            if let best { return bind(best, reading.segments) }
        }
        var allowed: Set<String> = []
        for reading in readings {
            for route in routes
            where (route.template.verb ?? "") == reading.verb && Self.matches(route.template, reading.segments) {
                allowed.insert(route.method)
            }
        }
        return allowed.isEmpty ? "404" : "405 " + allowed.sorted().joined(separator: ",")
    }

    private func error(_ code: RequestPathError.Code) -> String {
        "error \(code) \(code == .pathTooLong || code == .tooManySegments ? 414 : 400)"
    }

    private func bind(_ index: Int, _ segments: [[UInt8]]) -> String {
        let template = routes[index].template
        var parts = ["#\(index)"]
        for variable in template.variables {
            let takesRest = variable.segments.upperBound == template.segments.count && template.endsWithDoubleWildcard
            let end = takesRest ? segments.count : variable.segments.upperBound
            let raw = Array(segments[variable.segments.lowerBound..<end].joined(separator: [UInt8(ascii: "/")]))
            var decoded: [UInt8] = []
            var position = 0
            while position < raw.count {
                if raw[position] == UInt8(ascii: "%"), let byte = Self.escape(raw, at: position) {
                    let keep =
                        variable.isMultiSegment
                        && (configuration.multiSegmentDecoding == .allExceptSlash
                            ? byte == UInt8(ascii: "/") : ":/?#[]@!$&'()*+,;=".utf8.contains(byte))
                    decoded += keep ? Array(raw[position..<position + 3]) : [byte]
                    position += 3
                } else {
                    decoded.append(raw[position])
                    position += 1
                }
            }
            guard let value = String(validating: decoded, as: UTF8.self) else { return error(.invalidUTF8) }
            parts.append("\(variable.fieldPathString)=\(value)")
        }
        return parts.joined(separator: " ")
    }

    private static func matches(_ template: PathTemplate, _ segments: [[UInt8]]) -> Bool {
        let fixed = template.endsWithDoubleWildcard ? template.segments.count - 1 : template.segments.count
        guard template.endsWithDoubleWildcard ? segments.count >= fixed : segments.count == fixed else { return false }
        for (index, segment) in template.segments.enumerated() {
            switch segment {
            case .literal(let literal): if normalize(segments[index]) != literal { return false }
            case .wildcard: continue
            case .doubleWildcard: return true
            }
        }
        return true
    }

    private static func key(_ template: PathTemplate) -> [Int] {
        template.segments.map {
            switch $0 {
            case .literal: 0
            case .wildcard: 1
            case .doubleWildcard: 2
            }
        }
    }

    private static func escape(_ bytes: [UInt8], at position: Int) -> UInt8? {
        guard position + 2 < bytes.count,
            let high = Int(String(decoding: bytes[position + 1...position + 2], as: UTF8.self), radix: 16),
            bytes[position + 1] != UInt8(ascii: "+"), bytes[position + 1] != UInt8(ascii: "-")
        else { return nil }
        return UInt8(high)
    }

    private static func isDot(_ segment: [UInt8]) -> Bool {
        let text = String(decoding: segment, as: UTF8.self).replacing("%2E", with: ".").replacing("%2e", with: ".")
        return text == "." || text == ".."
    }

    private static func normalize(_ segment: [UInt8]) -> String {
        var output: [UInt8] = []
        var position = 0
        while position < segment.count {
            if segment[position] == UInt8(ascii: "%"), let byte = escape(segment, at: position) {
                let unreserved =
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || "-._~".utf8.contains(byte)
                let hex = String(byte, radix: 16, uppercase: true)
                output += unreserved ? [byte] : Array("%\(hex.count == 1 ? "0" : "")\(hex)".utf8)
                position += 3
            } else {
                output.append(segment[position])
                position += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A small seeded generator (SplitMix64), so a failing run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension PathTemplate {
    /// The segments a request path needs at least (a final `**` takes none).
    var fixedSegmentCount: Int { segments.count - (endsWithDoubleWildcard ? 1 : 0) }
}
