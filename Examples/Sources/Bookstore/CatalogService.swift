public import BookstoreContracts
public import RPC
internal import Synchronization

/// The catalog served over gRPC and REST: implement the generated protocol, nothing else. Errors
/// become status codes the client sees (gRPC codes, or HTTP statuses with a JSON status body).
public final class CatalogService: Bookstore_V1_CatalogService.ServiceProtocol {
    private let catalog: Mutex<Catalog>

    public init(name: String) {
        catalog = Mutex(Catalog(name: name))
    }

    public func addBook(
        _ request: Bookstore_V1_AddBookRequest, context: RPCServerContext
    ) async throws -> Bookstore_V1_Book {
        // The contract requires the book and checks its fields before this handler runs.
        guard let book = request.book else { throw RPCStatus(.invalidArgument, "book is required") }
        try catalog.withLock { catalog throws(RPCStatus) in
            guard !catalog.shelf.books.contains(where: { $0.isbn == book.isbn }) else {
                throw RPCStatus(.alreadyExists, "a book with isbn \(book.isbn) is already on the shelf")
            }
            do throws(Catalog.CatalogError) {
                try catalog.add(book)
            } catch {
                throw RPCStatus(.failedPrecondition, error.message)
            }
        }
        return book
    }

    public func getBook(
        _ request: Bookstore_V1_GetBookRequest, context: RPCServerContext
    ) async throws -> Bookstore_V1_Book {
        guard let book = catalog.withLock({ $0.shelf.books.first { $0.isbn == request.isbn } }) else {
            throw RPCStatus(.notFound, "no book has the isbn \(request.isbn)")
        }
        return book
    }

    public func listBooks(
        _ request: Bookstore_V1_ListBooksRequest, responses: RPCResponseWriter<Bookstore_V1_Book>,
        context: RPCServerContext
    ) async throws {
        let books = catalog.withLock { $0.shelf.books }
        for book in books where request.author.isEmpty || book.authors.contains(request.author) {
            try await responses.write(book)
        }
    }
}
