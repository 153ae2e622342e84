import Foundation
import HTTPRouting
import ProtoRuntime
import Testing

@testable import ContractCodegen

/// The planner on `Golden/rest.proto`: what each binding resolves to, and which request fields
/// are left for the query string.
@Suite("REST routes: the route planner")
struct HTTPRoutePlannerTests {
    /// The plans of `rest.proto`, which has no errors.
    static func plans() async throws -> [HTTPRoutePlan] {
        let request = try await Protoc.request("rest.proto", parameter: "access=public")
        let symbols = SymbolTable(files: request.protoFile, options: GeneratorOptions())
        let file = try #require(request.protoFile.first { $0.name == "rest.proto" })
        let (routes, diagnostics) = HTTPRoutePlanner.plan(file: file, symbols: symbols)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return routes
    }

    static func plan(_ method: String, binding: Int = 0, in plans: [HTTPRoutePlan]) throws -> HTTPRoutePlan {
        try #require(plans.first { $0.methodName == method && $0.bindingIndex == binding })
    }

    @Test(
        "query fields: every leaf the path, body and headers leave, dotted, in declaration order",
        arguments: [
            // Scalars, an enum, a nested message walked into, repeated scalars and enums, a Timestamp
            // and a wrapper; the map `labels` and the repeated message `pages` are not query-settable.
            ("GetBook", 0, ["view", "page.size", "page.token", "tags", "read_time", "min_id", "views"]),
            // `parent` is bound; `filter.and` is a Filter inside a Filter (the walk stops), `filter.labels` a map.
            (
                "ListBooks", 0,
                ["page_size", "page_token", "filter.author", "filter.page.size", "filter.page.token", "filter.after"]
            ),
            // The body is `book`, the path binds `parent`, the header binds `idempotency_key`.
            ("CreateBook", 0, []),
            // The path binds `book.name` inside the body field `book`: only the mask is left.
            ("UpdateBook", 0, ["update_mask"]),
            // body "*": nothing comes from the query.
            ("UpdateBook", 1, []),
            ("DeleteBook", 0, ["force"]),
            // The path binds `shelf.key.id`: its sibling `shelf.key.region` is still a query field.
            ("GetShelf", 0, ["shelf.key.region", "view"]),
            ("ListEvents", 0, ["kind"]),
        ])
    func queryFields(method: String, binding: Int, expected: [String]) async throws {
        let plan = try Self.plan(method, binding: binding, in: try await Self.plans())
        #expect(plan.queryFields.map(\.protoPath) == expected)
    }

    @Test("query fields carry their descriptors, JSON names and kinds")
    func queryFieldDescriptors() async throws {
        let plan = try Self.plan("GetBook", in: try await Self.plans())
        let byPath = Dictionary(uniqueKeysWithValues: plan.queryFields.map { ($0.protoPath, $0) })
        let pageSize = try #require(byPath["page.size"])
        #expect(pageSize.jsonPath == "page.size")
        #expect(pageSize.leaf.type == .int32)
        #expect(pageSize.leafOwner == ".golden.rest.v1.Page")
        #expect(pageSize.fields.map(\.name) == ["page", "size"])
        #expect(byPath["read_time"]?.jsonPath == "readTime")
        #expect(byPath["read_time"]?.kind == .scalarWellKnownType)
        #expect(byPath["view"]?.kind == .enumeration)
        #expect(byPath["tags"]?.isRepeated == true)
        #expect(byPath["views"]?.isRepeated == true)
        #expect(byPath["views"]?.kind == .enumeration)
    }

    @Test("a plan holds the binding: method, template, variables, body, status, errors, headers, comments")
    func planContents() async throws {
        let plans = try await Self.plans()
        let get = try Self.plan("GetBook", in: plans)
        #expect(get.serviceName == "golden.rest.v1.Library")
        #expect(get.httpMethod == "GET" && get.pathText == "/v1/{name=shelves/*/books/*}")
        #expect(get.pathVariables.map(\.field.protoPath) == ["name"])
        #expect(get.pathVariables.first?.variable.isMultiSegment == true)
        #expect(get.declaredErrors == [HTTPRoutePlan.DeclaredError(code: .notFound, description: "no such book")])
        #expect(get.comment.contains("Gets a book."))
        #expect(get.serviceComment.contains("A library of shelves and books."))
        #expect(get.sourceLocation.hasPrefix("rest.proto:"))
        #expect(!get.isAdditionalBinding)
        let getByName = try Self.plan("GetBook", binding: 1, in: plans)
        #expect(getByName.isAdditionalBinding && getByName.pathText == "/v1/books/{name}")
        #expect(getByName.declaredErrors == get.declaredErrors)

        let create = try Self.plan("CreateBook", in: plans)
        guard case .field(let body) = create.body else {
            Issue.record("CreateBook's body is \(create.body)")
            return
        }
        #expect(body.protoPath == "book" && body.kind == .message)
        #expect(create.successStatus == 201 && create.location == "/v1/books/{id}")
        #expect(create.locationFields.map(\.protoPath) == ["id"])
        #expect(create.headers.map(\.lowercasedName) == ["idempotency-key"])
        #expect(create.headers.map(\.field.protoPath) == ["idempotency_key"])
        #expect(create.declaredErrors.map(\.code) == [.alreadyExists, .invalidArgument])

        #expect(try Self.plan("UpdateBook", binding: 1, in: plans).body == .whole)
        #expect(try Self.plan("DeleteBook", in: plans).successStatus == 204)
        #expect(try Self.plan("ArchiveBook", in: plans).template.verb == "archive")
        #expect(try Self.plan("GetBookTitle", in: plans).responseBody?.protoPath == "title")
        #expect(try Self.plan("WatchBooks", in: plans).streaming == .serverStreaming)
        #expect(try Self.plan("UploadBooks", in: plans).streaming == .clientStreaming)
        #expect(try Self.plan("ReadFile", in: plans).template.endsWithDoubleWildcard)
        #expect(try Self.plan("ListEvents", in: plans).httpMethod == "*")
        let shelf = try Self.plan("GetShelf", in: plans)
        #expect(shelf.pathVariables.first?.field.path == ["shelf", "key", "id"])
        #expect(shelf.pathVariables.first?.field.leaf.type == .int64)
    }

    @Test("plans come in contract order: services, methods, a rule before its additional bindings")
    func order() async throws {
        let plans = try await Self.plans()
        let keys = plans.map {
            "\($0.serviceName.split(separator: ".").last ?? "").\($0.methodName)#\($0.bindingIndex)"
        }
        #expect(keys.first == "Library.GetBook#0")
        #expect(keys.dropFirst().first == "Library.GetBook#1")
        #expect(keys.last == "Shelves.GetShelf#0")
        #expect(!keys.contains { $0.hasPrefix("Library.Internal") })
        #expect(plans.count == 17)
    }

    @Test("one service alone is planned by index")
    func oneService() async throws {
        let request = try await Protoc.request("rest.proto", parameter: "access=public")
        let symbols = SymbolTable(files: request.protoFile, options: GeneratorOptions())
        let file = try #require(request.protoFile.first { $0.name == "rest.proto" })
        let (routes, diagnostics) = HTTPRoutePlanner.plan(service: 1, file: file, symbols: symbols)
        #expect(diagnostics.isEmpty)
        #expect(routes.map(\.methodName) == ["GetShelf"])
        #expect(HTTPRoutePlanner.plan(service: 7, file: file, symbols: symbols).routes.isEmpty)
    }
}
