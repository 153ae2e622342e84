// The testbed's in-memory implementation of room619.testing.library.v1.Library. Its handlers
// count how often they run, so a test can prove that a request the gateway refused, or one that
// failed validation, never reached them.
internal import Bytes
public import GoogleContracts
internal import ProtoRuntime
public import RPC
internal import Synchronization

/// Serves `room619.testing.library.v1.Library` from memory, counting handler runs.
public final class LibraryService: Room619_Testing_Library_V1_Library.ServiceProtocol {
    private struct Store {
        var books: [String: Room619_Testing_Library_V1_Book] = [:]
        var nextID = 1
    }
    private let store = Mutex(Store())
    private let handled = Atomic<Int64>(0)

    /// A library holding `books` (by name).
    public init(books: [Room619_Testing_Library_V1_Book] = LibraryService.sampleBooks) {
        store.withLock { store in
            for book in books { store.books[book.name] = book }
        }
    }

    /// Two books on shelf 1.
    public static var sampleBooks: [Room619_Testing_Library_V1_Book] {
        [
            Room619_Testing_Library_V1_Book(
                name: "shelves/1/books/1", title: "The Left Hand of Darkness",
                author: Room619_Testing_Library_V1_Author(displayName: "Ursula K. Le Guin", born: 1929),
                genre: .fiction, tags: ["classic"], pages: 304, available: true),
            Room619_Testing_Library_V1_Book(
                name: "shelves/1/books/2", title: "SPQR", genre: .history, pages: 608),
        ]
    }

    /// How many times a handler body ran (ImportBooks counts each message it read).
    public var handledCount: Int64 { handled.load(ordering: .relaxed) }

    private func count() { handled.add(1, ordering: .relaxed) }

    public func getShelf(
        _ request: Room619_Testing_Library_V1_GetShelfRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Shelf {
        count()
        return Room619_Testing_Library_V1_Shelf(name: "shelves/" + request.shelf, theme: "theme-" + request.shelf)
    }

    public func getBook(
        _ request: Room619_Testing_Library_V1_GetBookRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Book {
        count()
        guard let book = store.withLock({ $0.books[request.name] }) else {
            throw RPCStatus(.notFound, "no book \(request.name)")
        }
        return book
    }

    public func listBooks(
        _ request: Room619_Testing_Library_V1_ListBooksRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_ListBooksResponse {
        count()
        let prefix = request.parent + "/books/"
        var books = store.withLock { $0.books.values.filter { $0.name.hasPrefix(prefix) } }.sorted { $0.name < $1.name }
        if request.pageSize > 0 { books = Array(books.prefix(Int(request.pageSize))) }
        return Room619_Testing_Library_V1_ListBooksResponse(books: books)
    }

    public func createBook(
        _ request: Room619_Testing_Library_V1_CreateBookRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Book {
        count()
        var book = request.book ?? Room619_Testing_Library_V1_Book()
        if !request.idempotencyKey.isEmpty { book.labels["idempotency_key"] = request.idempotencyKey }
        return store.withLock { store in
            book.name = "\(request.parent)/books/b\(store.nextID)"
            store.nextID += 1
            store.books[book.name] = book
            return book
        }
    }

    public func updateBook(
        _ request: Room619_Testing_Library_V1_UpdateBookRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Book {
        count()
        let patch = request.book ?? Room619_Testing_Library_V1_Book()
        let paths = request.updateMask?.paths ?? []
        return try store.withLock { store throws(RPCStatus) in
            guard var book = store.books[patch.name] else { throw RPCStatus(.notFound, "no book \(patch.name)") }
            if paths.isEmpty {
                book = patch
            } else {
                for path in paths { try Self.apply(path, from: patch, to: &book) }
            }
            book.labels["update_mask"] = paths.joined(separator: ",")
            store.books[book.name] = book
            return book
        }
    }

    private static func apply(
        _ path: String, from patch: Room619_Testing_Library_V1_Book, to book: inout Room619_Testing_Library_V1_Book
    ) throws(RPCStatus) {
        switch path {
        case "title": book.title = patch.title
        case "author": book.author = patch.author
        case "author.display_name":
            book.author = book.author ?? Room619_Testing_Library_V1_Author()
            book.author?.displayName = patch.author?.displayName ?? ""
        case "author.born":
            book.author = book.author ?? Room619_Testing_Library_V1_Author()
            book.author?.born = patch.author?.born ?? 0
        case "genre": book.genre = patch.genre
        case "tags": book.tags = patch.tags
        case "pages": book.pages = patch.pages
        case "available": book.available = patch.available
        case "published": book.published = patch.published
        case "labels": book.labels = patch.labels
        default: throw RPCStatus.invalidArgument("bad mask", fieldViolations: [("update_mask", "unknown path \(path)")])
        }
    }

    public func deleteBook(
        _ request: Room619_Testing_Library_V1_DeleteBookRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_DeleteBookReply {
        count()
        guard store.withLock({ $0.books.removeValue(forKey: request.name) }) != nil else {
            throw RPCStatus(.notFound, "no book \(request.name)")
        }
        return Room619_Testing_Library_V1_DeleteBookReply()
    }

    public func moveBook(
        _ request: Room619_Testing_Library_V1_MoveBookRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Book {
        count()
        return try store.withLock { store throws(RPCStatus) in
            guard var book = store.books.removeValue(forKey: request.name) else {
                throw RPCStatus(.notFound, "no book \(request.name)")
            }
            let id = request.name.split(separator: "/").last.map(String.init) ?? ""
            book.name = "\(request.destinationShelf)/books/\(id)"
            store.books[book.name] = book
            return book
        }
    }

    public func archiveShelf(
        _ request: Room619_Testing_Library_V1_ArchiveShelfRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Operation {
        count()
        return Room619_Testing_Library_V1_Operation(id: "archive " + request.name, done: false)
    }

    public func probe(
        _ request: Room619_Testing_Library_V1_QueryProbe, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_QueryProbe {
        count()
        return request
    }

    public func getFile(
        _ request: Room619_Testing_Library_V1_GetFileRequest, context: RPCServerContext
    ) async throws -> Google_Api_HttpBody {
        count()
        guard !request.path.hasSuffix("missing") else { throw RPCStatus(.notFound, "no file \(request.path)") }
        return Google_Api_HttpBody(
            contentType: "text/plain; charset=utf-8", data: ByteBuffer(string: "contents of \(request.path)\n"))
    }

    public func uploadFile(
        _ request: Room619_Testing_Library_V1_UploadRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_UploadReply {
        count()
        let file = request.file ?? Google_Api_HttpBody()
        return Room619_Testing_Library_V1_UploadReply(
            path: request.path, size: Int64(file.data.readableBytes), contentType: file.contentType)
    }

    public func uploadRaw(
        _ request: Google_Api_HttpBody, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_UploadReply {
        count()
        return Room619_Testing_Library_V1_UploadReply(
            path: "raw", size: Int64(request.data.readableBytes), contentType: request.contentType)
    }

    public func watchShelf(
        _ request: Room619_Testing_Library_V1_WatchShelfRequest,
        responses: RPCResponseWriter<Room619_Testing_Library_V1_BookEvent>, context: RPCServerContext
    ) async throws {
        count()
        context.addInitialMetadata("x-watched-shelf", request.shelf)
        context.addTrailingMetadata("x-events", String(request.count))
        for sequence in 0..<max(request.count, 0) {
            try await responses.write(
                Room619_Testing_Library_V1_BookEvent(sequence: sequence + 1, shelf: request.shelf))
        }
        if request.failCode != 0 {
            throw RPCStatus(RPCStatus.Code(wireValue: Int(request.failCode)), "the watch failed after \(request.count)")
        }
    }

    public func importBooks(
        _ requests: RPCRequestStream<Room619_Testing_Library_V1_Book>, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_ImportReply {
        var reply = Room619_Testing_Library_V1_ImportReply()
        for try await book in requests {
            count()
            reply.imported += 1
            reply.titles.append(book.title)
        }
        return reply
    }

    public func chat(
        _ requests: RPCRequestStream<Room619_Testing_Library_V1_Book>,
        responses: RPCResponseWriter<Room619_Testing_Library_V1_Book>, context: RPCServerContext
    ) async throws {
        for try await book in requests {
            count()
            var echo = book
            echo.title = book.title.uppercased()
            try await responses.write(echo)
        }
    }

    public func downloadChunks(
        _ request: Room619_Testing_Library_V1_GetFileRequest, responses: RPCResponseWriter<Google_Api_HttpBody>,
        context: RPCServerContext
    ) async throws {
        count()
        for part in ["first ", "second ", request.path] {
            try await responses.write(Google_Api_HttpBody(contentType: "text/plain", data: ByteBuffer(string: part)))
        }
    }

    public func patchShelf(
        _ request: Room619_Testing_Library_V1_PatchShelfRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_Shelf {
        count()
        var shelf = request.shelf ?? Room619_Testing_Library_V1_Shelf()
        shelf.theme = (request.updateMask?.paths ?? []).joined(separator: ",")
        return shelf
    }

    public func fail(
        _ request: Room619_Testing_Library_V1_FailRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_FailReply {
        count()
        if request.sleepMs > 0 { try await Task.sleep(for: .milliseconds(Int(request.sleepMs))) }
        let code = RPCStatus.Code(wireValue: Int(request.code))
        guard code != .ok else { return Room619_Testing_Library_V1_FailReply() }
        let message = request.message.isEmpty ? "failed with \(code)" : request.message
        if code == .invalidArgument {
            throw RPCStatus.invalidArgument(message, fieldViolations: [("code", "asked to fail")])
        }
        throw RPCStatus(code, message)
    }

    public func whoami(
        _ request: Room619_Testing_Library_V1_WhoamiRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Library_V1_WhoamiReply {
        count()
        var reply = Room619_Testing_Library_V1_WhoamiReply(hasDeadline: context.deadline != nil)
        for entry in context.metadata {
            if case .text(let text) = entry.value { reply.metadata[entry.key] = text }
        }
        context.addInitialMetadata("x-served-by", "testbed")
        context.addTrailingMetadata("x-checksum", "abc")
        return reply
    }
}
