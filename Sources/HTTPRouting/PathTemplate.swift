/// A parsed `google.api.http` path template: literal segments, wildcards, variables and an
/// optional trailing verb.
///
/// The grammar is the one `google/api/http.proto` gives for `HttpRule`:
///
/// ```
/// Template = "/" Segments [ Verb ] ;
/// Segments = Segment { "/" Segment } ;
/// Segment  = "*" | "**" | LITERAL | Variable ;
/// Variable = "{" FieldPath [ "=" Segments ] "}" ;
/// FieldPath = IDENT { "." IDENT } ;
/// Verb     = ":" LITERAL ;
/// ```
///
/// `*` matches one segment and `**` zero or more, and only as the last segment (before the
/// verb). `{var}` is `{var=*}`. A literal is RFC 3986 `pchar`s and escapes, stored in its RFC 3986
/// §6.2.2 normal form (escapes of unreserved characters decoded, other escapes in uppercase hex),
/// so `%7e` and `~` are the same literal. The verb is the text after the last `:` of the last
/// segment outside braces, as grpc-gateway reads it: `/v1/a:b:c` is the literal `a:b` with the
/// verb `c`.
///
/// ```swift
/// let template = try PathTemplate("/v1/{name=shelves/*/books/*}:publish")
/// template.variables[0].fieldPath   // ["name"]
/// template.variables[0].segments    // 1..<5
/// template.verb                     // "publish"
/// ```
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One segment of a template, variables flattened into the segments they span.
    public enum Segment: Sendable, Hashable {
        /// Matches a segment with this normal form.
        case literal(String)
        /// `*`: matches any one segment.
        case wildcard
        /// `**`: matches zero or more segments; only ever the last segment.
        case doubleWildcard
    }

    /// A variable: the request field it binds and the segments it spans.
    public struct Variable: Sendable, Hashable {
        /// The field path, one identifier per element: `{sub.subfield}` is `["sub", "subfield"]`.
        public var fieldPath: [String]
        /// The indices in ``PathTemplate/segments`` the variable captures. When the last one is
        /// `**`, the capture runs to the end of the request path.
        public var segments: Range<Int>
        /// Whether the value is a multi-segment ("reserved") expansion: its template has more than
        /// one segment or a `**` (`{name=shelves/*}`, `{path=**}`). Such values keep an encoded
        /// `/` encoded when decoded; single-segment values (`{id}`, `{id=*}`) decode everything.
        public var isMultiSegment: Bool

        /// The field path with dots: `sub.subfield`.
        public var fieldPathString: String { fieldPath.joined(separator: ".") }
    }

    /// The segments, in order, with variables replaced by what they match.
    public let segments: [Segment]
    /// The verb after the final `:`, without the colon, or `nil`.
    public let verb: String?
    /// The variables, in template order.
    public let variables: [Variable]

    /// Parses a template.
    ///
    /// - Throws: ``PathTemplateError`` naming the problem and its UTF-8 byte offset in `text`.
    public init(_ text: String) throws(PathTemplateError) {
        let parsed = try PathTemplateParser.parse(text)
        self.segments = parsed.segments
        self.verb = parsed.verb
        self.variables = parsed.variables
    }

    /// Whether the last segment is `**`.
    public var endsWithDoubleWildcard: Bool { segments.last == .doubleWildcard }

    /// The template in canonical form: literals in normal form, `{a}` for a variable over one `*`
    /// and `{a=…}` otherwise. Parsing the canonical form gives an equal template.
    public var canonical: String { render(withVariables: true) }

    /// The template with its variables erased (`/v1/*/books/**:verb`): a key for comparing
    /// templates, not always a template itself (`/v1/{x=a:b}` has the shape `/v1/a:b`, which would
    /// parse as a verb). Two templates with the same shape match exactly the same request paths,
    /// which is how the router finds routes that could never both be reached.
    public var routingShape: String { render(withVariables: false) }

    /// The canonical form.
    public var description: String { canonical }

    private func render(withVariables: Bool) -> String {
        var parts: [String] = []
        var index = 0
        while index < segments.count {
            if withVariables, let variable = variables.first(where: { $0.segments.lowerBound == index }) {
                let inner = variable.segments.map { Self.text(of: segments[$0]) }.joined(separator: "/")
                let name = variable.fieldPathString
                parts.append(inner == "*" ? "{\(name)}" : "{\(name)=\(inner)}")
                index = max(variable.segments.upperBound, index + 1)
            } else {
                parts.append(Self.text(of: segments[index]))
                index += 1
            }
        }
        return "/" + parts.joined(separator: "/") + (verb.map { ":" + $0 } ?? "")
    }

    private static func text(of segment: Segment) -> String {
        switch segment {
        case .literal(let literal): literal
        case .wildcard: "*"
        case .doubleWildcard: "**"
        }
    }
}
