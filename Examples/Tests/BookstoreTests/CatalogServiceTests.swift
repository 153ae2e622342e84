import Bookstore
import BookstoreContracts
import CommonContracts
import RPC
import RPCHTTP2
import Testing
import Transport

@Suite("Bookstore example as a gRPC service")
struct CatalogServiceTests {
    static func book(_ isbn: String, author: String) -> Bookstore_V1_Book {
        Bookstore_V1_Book(
            isbn: isbn, title: "Title \(isbn)", authors: [author],
            price: Common_V1_Money(minorUnits: 1000, currencyCode: "EUR"), format: .hardcover)
    }

    /// Adds two books, lists them, and checks the error codes, through `client`.
    static func exercise(_ client: Bookstore_V1_CatalogService.Client) async throws {
        _ = try await client.addBook(Bookstore_V1_AddBookRequest(book: book("0131103628", author: "Ada")))
        _ = try await client.addBook(Bookstore_V1_AddBookRequest(book: book("9780262033848", author: "Grace")))
        await #expect(throws: RPCStatus(.alreadyExists, "a book with isbn 0131103628 is already on the shelf")) {
            try await client.addBook(Bookstore_V1_AddBookRequest(book: book("0131103628", author: "Ada")))
        }
        // The contract's rules: the generated client refuses these before sending them.
        let missing = try await #require(throws: RPCStatus.self) {
            try await client.addBook(Bookstore_V1_AddBookRequest())
        }
        #expect(missing.code == .invalidArgument)
        #expect(missing.fieldViolations.map(\.field) == ["book"])
        var malformed = book("12-34", author: "")
        malformed.title = ""
        let invalid = try await #require(throws: RPCStatus.self) {
            try await client.addBook(Bookstore_V1_AddBookRequest(book: malformed))
        }
        #expect(invalid.fieldViolations.map(\.field) == ["book.isbn", "book.title", "book.authors[0]"])
        #expect(invalid.fieldViolations.map(\.reason) == ["string.pattern", "string.min_len", "string.min_len"])
        let byGrace = try await client.listBooks(Bookstore_V1_ListBooksRequest(author: "Grace")) { books in
            var isbns: [String] = []
            for try await book in books { isbns.append(book.isbn) }
            return isbns
        }
        #expect(byGrace == ["9780262033848"])
    }

    @Test("in process: the generated client calls the service without sockets")
    func inProcess() async throws {
        let server = RPCServer(services: [CatalogService(name: "shelf")])
        try await Self.exercise(
            Bookstore_V1_CatalogService.Client(client: RPCClient(transport: InProcessTransport(server: server))))
    }

    @Test("over HTTP/2 on a loopback port")
    func overHTTP2() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let server = HTTPServer(
            configuration: .init(host: "127.0.0.1", port: 0),
            handler: RPCHTTPHandler(RPCServer(services: [CatalogService(name: "shelf")])),
            group: group)
        let address = try await server.start()
        let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
        try await Self.exercise(Bookstore_V1_CatalogService.Client(client: RPCClient(transport: channel)))
        channel.close()
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
    }
}
