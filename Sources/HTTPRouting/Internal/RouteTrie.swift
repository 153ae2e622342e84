/// The router's segment trie: one node per distinct template prefix, edges by literal (a hash
/// lookup), one `*` edge, and terminals for templates that end at the node or continue with `**`.
///
/// Nodes live in one array and refer to each other by index, so the trie is a plain value:
/// `Sendable`, no reference counting per edge, nothing to lock.
struct RouteTrie: Sendable {
    /// One node: the templates that share a prefix of segments.
    struct Node: Sendable {
        /// Children by the normal form of a literal segment.
        var literals: [String: Int] = [:]
        /// The child for `*` (and single-segment variables).
        var wildcard: Int?
        /// Templates that end here.
        var end = Terminal()
        /// Templates that end here with `**`: they take every remaining segment, or none.
        var rest = Terminal()
    }

    /// The routes that end at one place in the trie, by verb and method.
    struct Terminal: Sendable {
        /// Verb (`""` for none) → method → route index.
        var byVerb: [String: [String: Int]] = [:]

        /// The route for this verb and method, or for this verb and any method (`*`).
        @inline(__always)
        func route(verb: String, method: String) -> Int? {
            guard let methods = byVerb[verb] else { return nil }
            return methods[method] ?? methods["*"]
        }
    }

    /// The nodes; the root is at index 0.
    private(set) var nodes: [Node] = [Node()]
    /// Every verb some template has: a request's last segment is split at its last `:` only when
    /// what follows is one of these.
    private(set) var verbs: Set<String> = []

    /// Adds a route. Returns the index of an existing route with the same method, verb and path
    /// shape, which the new one would never be able to shadow or be reached past; nothing is
    /// changed then.
    mutating func insert(_ template: PathTemplate, method: String, route: Int) -> Int? {
        var node = 0
        for segment in template.segments {
            switch segment {
            case .literal(let literal):
                if let child = nodes[node].literals[literal] {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].literals[literal] = nodes.count - 1
                    node = nodes.count - 1
                }
            case .wildcard:
                if let child = nodes[node].wildcard {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].wildcard = nodes.count - 1
                    node = nodes.count - 1
                }
            case .doubleWildcard:
                break
            }
        }
        let verb = template.verb ?? ""
        let isRest = template.endsWithDoubleWildcard
        let terminal = isRest ? nodes[node].rest : nodes[node].end
        if let existing = terminal.byVerb[verb]?[method] { return existing }
        if isRest {
            nodes[node].rest.byVerb[verb, default: [:]][method] = route
        } else {
            nodes[node].end.byVerb[verb, default: [:]][method] = route
        }
        if let templateVerb = template.verb { verbs.insert(templateVerb) }
        return nil
    }
}

/// One walk of the trie for one request: depth first, a literal edge before the `*` edge before
/// a `**` terminal at every node, so the first route found is the most specific (leftmost
/// segment first). Each node is entered at most once per walk (the trie is a tree and a node's
/// depth fixes the segment it reads), so a walk costs at most the size of the trie, and in the
/// common case one node per segment.
struct RouteSearch {
    private let trie: RouteTrie
    private let path: UnsafeBufferPointer<UInt8>
    private let segments: [Range<Int>]
    private let verb: String

    /// A walk over `segments` of `path`, for routes with `verb` (`""` for none).
    init(trie: RouteTrie, path: UnsafeBufferPointer<UInt8>, segments: [Range<Int>], verb: String) {
        self.trie = trie
        self.path = path
        self.segments = segments
        self.verb = verb
    }

    /// The normal form of segment `index`. Not cached: a segment is looked up once per node
    /// visited at its depth, which is once unless the walk backtracks, and a cache would cost
    /// an allocation on every request.
    private func key(_ index: Int) -> String {
        PercentEncoding.normalizedSegment(path, range: segments[index])
    }

    /// The most specific route for `method` (or `*`), if any.
    mutating func find(method: String) -> Int? { find(method: method, node: 0, at: 0) }

    private mutating func find(method: String, node: Int, at index: Int) -> Int? {
        if index == segments.count {
            if let route = trie.nodes[node].end.route(verb: verb, method: method) { return route }
        } else {
            if !trie.nodes[node].literals.isEmpty, let child = trie.nodes[node].literals[key(index)],
                let route = find(method: method, node: child, at: index + 1)
            {
                return route
            }
            if let child = trie.nodes[node].wildcard, let route = find(method: method, node: child, at: index + 1) {
                return route
            }
        }
        return trie.nodes[node].rest.route(verb: verb, method: method)
    }

    /// Adds the methods of every route that matches, under any method, to `methods`.
    mutating func collectMethods(into methods: inout Set<String>) { collect(node: 0, at: 0, into: &methods) }

    private mutating func collect(node: Int, at index: Int, into methods: inout Set<String>) {
        if index == segments.count {
            if let routes = trie.nodes[node].end.byVerb[verb] { methods.formUnion(routes.keys) }
        } else {
            if !trie.nodes[node].literals.isEmpty, let child = trie.nodes[node].literals[key(index)] {
                collect(node: child, at: index + 1, into: &methods)
            }
            if let child = trie.nodes[node].wildcard { collect(node: child, at: index + 1, into: &methods) }
        }
        if let routes = trie.nodes[node].rest.byVerb[verb] { methods.formUnion(routes.keys) }
    }
}
