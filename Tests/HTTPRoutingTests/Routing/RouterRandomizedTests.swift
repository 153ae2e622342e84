import Testing

@testable import HTTPRouting

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Router: random route tables and paths agree with a naive reference matcher")
struct RouterRandomizedTests {
    static let literals = ["v1", "a", "b", "me", "x~", "%7E", "c%2Fd", "items"]
    static let requestSegments = [
        "v1", "a", "b", "me", "x~", "x%7e", "%7E", "~", "c%2Fd", "c%2fd", "c/d", "%41", "%C3%A9", "a:run", "a:do",
        "a:zz",
        ":run", "7", "items", "..:run", "%3A", "...",
    ]
    static let badSegments = ["%FF", "%zz", "%", "..", ".", "%2E", "", "%2E%2E", "%C3"]

    /// The seed: `GATEWAY_ROUTER_SEED` to replay a run, else a fresh one (printed either way).
    static var seed: UInt64 {
        if let text = getenv("GATEWAY_ROUTER_SEED"), let seed = UInt64(String(cString: text)) { return seed }
        return UInt64.random(in: 0...UInt64.max)
    }

    @Test("400 random tables × 150 random requests")
    func agreesWithNaiveMatcher() throws {
        let seed = Self.seed
        print("RouterRandomizedTests seed \(seed) (replay with GATEWAY_ROUTER_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        var mismatches = 0
        var conflictTables = 0
        var kinds: [String: Int] = [:]
        for _ in 0..<400 {
            let configuration = Self.configuration(&random)
            var naive = NaiveRouter(routes: Self.routes(&random), configuration: configuration)
            // Build errors come in route order: the first route that is too long or repeats an
            // earlier one; drop it and build again until the table builds.
            while let (index, code) = Self.firstBuildError(naive.routes, configuration) {
                conflictTables += code == .conflictingRoutes ? 1 : 0
                let entries = naive.routes.enumerated().map {
                    (method: $1.method, template: $1.template, route: "#\($0)")
                }
                let error = try #require(Self.buildError(entries, configuration))
                #expect(error.code == code && error.routeIndices.last == index, "\(error)")
                naive.routes.remove(at: index)
            }
            let router = try Router(
                routes: naive.routes.enumerated().map { (method: $1.method, template: $1.template, route: "#\($0)") },
                configuration: configuration)
            for _ in 0..<150 {
                let method = ["GET", "POST", "PUT"].randomElement(using: &random) ?? "GET"
                let path =
                    Bool.random(using: &random) ? Self.path(&random) : Self.path(fitting: naive.routes, &random)
                let expected = naive.outcome(method: method, path: path)
                let actual = outcome(router, method, path)
                kinds[Self.kind(of: actual), default: 0] += 1
                if actual != expected {
                    mismatches += 1
                    if mismatches <= 10 {
                        let table = naive.routes.map { "\($0.method) \($0.template.canonical)" }
                        Issue.record(
                            "seed \(seed): \(method) \(path): router \(actual), reference \(expected); routes \(table); \(configuration)"
                        )
                    }
                }
            }
        }
        print("RouterRandomizedTests outcomes: \(kinds.sorted { $0.key < $1.key })")
        #expect(mismatches == 0)
        for kind in ["matched", "405", "404", "error"] {
            #expect(kinds[kind, default: 0] >= 1000, "too few \(kind) outcomes to compare: \(kinds)")
        }
        #expect(conflictTables > 0, "the generator should produce some conflicting routes")
    }

    /// The index and code of the first route the router must refuse, if any.
    static func firstBuildError(
        _ routes: [(method: String, template: PathTemplate)], _ configuration: RouterConfiguration
    ) -> (Int, RouterError.Code)? {
        var seen: Set<String> = []
        for (index, route) in routes.enumerated() {
            if route.template.fixedSegmentCount > configuration.limits.maxSegments { return (index, .unmatchableRoute) }
            if !seen.insert("\(route.method) \(route.template.routingShape)").inserted {
                return (index, .conflictingRoutes)
            }
        }
        return nil
    }

    /// `matched`, `405`, `404` or `error`.
    static func kind(of outcome: String) -> String {
        if outcome.hasPrefix("#") { return "matched" }
        if outcome.hasPrefix("error") { return "error" }
        return outcome.hasPrefix("405") ? "405" : "404"
    }

    static func buildError(
        _ entries: [(method: String, template: PathTemplate, route: String)], _ configuration: RouterConfiguration
    ) -> RouterError? {
        do {
            _ = try Router(routes: entries, configuration: configuration)
            return nil
        } catch {
            return error
        }
    }

    static func configuration(_ random: inout SplitMix64) -> RouterConfiguration {
        RouterConfiguration.defaults {
            $0.trailingSlash = Bool.random(using: &random) ? .ignored : .significant
            $0.multiSegmentDecoding = Bool.random(using: &random) ? .allExceptSlash : .allExceptReserved
            $0.rejectsEncodedSlashes = Int.random(in: 0..<4, using: &random) == 0
            $0.limits.maxSegments = Int.random(in: 0..<4, using: &random) == 0 ? 5 : 128
            $0.limits.maxPathBytes = Int.random(in: 0..<4, using: &random) == 0 ? 24 : 8192
        }
    }

    static func routes(_ random: inout SplitMix64) -> [(method: String, template: PathTemplate)] {
        var routes: [(method: String, template: PathTemplate)] = []
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let text = template(&random)
            guard let template = try? PathTemplate(text) else {
                Issue.record("generated an invalid template \(text)")
                continue
            }
            routes.append((["GET", "POST", "*"].randomElement(using: &random) ?? "GET", template))
        }
        return routes
    }

    static func template(_ random: inout SplitMix64) -> String {
        var parts: [String] = []
        var variable = 0
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            variable += 1
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<10: parts.append(literals.randomElement(using: &random) ?? "v1")
            case 10..<14: parts.append("*")
            case 14..<18: parts.append("{f\(variable)}")
            default: parts.append("{f\(variable)=\(literals.randomElement(using: &random) ?? "v1")/*}")
            }
        }
        switch Int.random(in: 0..<10, using: &random) {
        case 0: parts.append("**")
        case 1: parts.append("{rest.path=**}")
        default: if parts.isEmpty { parts.append(literals.randomElement(using: &random) ?? "v1") }
        }
        let verb = [":run", ":do", "", "", "", ""].randomElement(using: &random) ?? ""
        return "/" + parts.joined(separator: "/") + verb
    }

    /// A path built from one of the templates (so it often matches), with random segments for
    /// its wildcards and now and then a random extra.
    static func path(fitting routes: [(method: String, template: PathTemplate)], _ random: inout SplitMix64) -> String {
        guard let route = routes.randomElement(using: &random) else { return path(&random) }
        var segments: [String] = []
        for segment in route.template.segments {
            switch segment {
            case .literal(let literal): segments.append(literal)
            case .wildcard: segments.append(requestSegments.randomElement(using: &random) ?? "a")
            case .doubleWildcard:
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    segments.append(requestSegments.randomElement(using: &random) ?? "a")
                }
            }
        }
        if Int.random(in: 0..<10, using: &random) == 0 {
            segments.append(badSegments.randomElement(using: &random) ?? "")
        }
        var path = "/" + segments.joined(separator: "/")
        if let verb = route.template.verb { path += ":" + verb }
        if Int.random(in: 0..<6, using: &random) == 0 { path += "/" }
        return path
    }

    static func path(_ random: inout SplitMix64) -> String {
        var segments: [String] = []
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let pool = Int.random(in: 0..<12, using: &random) == 0 ? badSegments : requestSegments
            segments.append(pool.randomElement(using: &random) ?? "a")
        }
        var path = "/" + segments.joined(separator: "/")
        if Int.random(in: 0..<5, using: &random) == 0 { path += ":run" }
        if Int.random(in: 0..<6, using: &random) == 0 { path += "/" }
        if Int.random(in: 0..<8, using: &random) == 0 { path += "?q=1/2" }
        if Int.random(in: 0..<40, using: &random) == 0 { path = String(path.dropFirst()) }
        return path
    }
}
