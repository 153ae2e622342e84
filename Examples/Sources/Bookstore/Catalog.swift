public import BookstoreContracts
public import CommonContracts
public import ProtoRuntime

/// A tiny in-memory catalog: the only code a room619 user writes is logic like this.
public struct Catalog: Sendable {
    /// Why a catalog operation failed.
    public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public private(set) var shelf: Bookstore_V1_Shelf

    public init(name: String) {
        shelf = Bookstore_V1_Shelf(name: name)
    }

    /// Adds a book; ISBNs are unique and prices must be in the shelf's first currency.
    public mutating func add(_ book: Bookstore_V1_Book) throws(CatalogError) {
        guard !book.isbn.isEmpty else { throw CatalogError(message: "isbn is required") }
        guard !shelf.books.contains(where: { $0.isbn == book.isbn }) else {
            throw CatalogError(message: "a book with isbn \(book.isbn) is already on the shelf")
        }
        if let currency = shelf.books.first?.price?.currencyCode, book.price?.currencyCode != currency {
            throw CatalogError(message: "price must be in \(currency)")
        }
        shelf.books.append(book)
    }

    /// The value of one copy of every book.
    public func totalValue() throws(MoneyError) -> Common_V1_Money? {
        guard let first = shelf.books.first?.price else { return nil }
        var total = Common_V1_Money.zero(first.currencyCode)
        for book in shelf.books {
            if let price = book.price { total = try total.adding(price) }
        }
        return total
    }

    /// The shelf in protobuf binary form, for storage or the network.
    public func snapshot() throws(ProtoEncodingError) -> ByteBuffer {
        try shelf.serializedBuffer()
    }

    /// A catalog restored from ``snapshot()``.
    public static func restore(_ bytes: ByteBuffer) throws(ProtoDecodingError) -> Catalog {
        var catalog = Catalog(name: "")
        catalog.shelf = try Bookstore_V1_Shelf(decoding: bytes)
        return catalog
    }
}
