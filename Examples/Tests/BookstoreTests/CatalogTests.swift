import Bookstore
import BookstoreContracts
import CommonContracts
import ProtoRuntime
import Testing

@Suite("Bookstore example")
struct CatalogTests {
    static func book(_ isbn: String, cents: Int64, currency: String = "EUR") -> Bookstore_V1_Book {
        Bookstore_V1_Book(
            isbn: isbn, title: "Title \(isbn)", authors: ["A. Author"],
            price: Common_V1_Money(minorUnits: cents, currencyCode: currency), format: .paperback)
    }

    @Test("adds books, totals them and survives a binary round trip")
    func roundTrip() throws {
        var catalog = Catalog(name: "new")
        try catalog.add(Self.book("1", cents: 1500))
        var ebook = Self.book("2", cents: 999)
        ebook.format = .ebook
        ebook.coverThumbnail = [0x89, 0x50, 0x4E, 0x47]
        try catalog.add(ebook)
        #expect(try catalog.totalValue() == Common_V1_Money(minorUnits: 2499, currencyCode: "EUR"))
        let restored = try Catalog.restore(try catalog.snapshot())
        #expect(restored.shelf == catalog.shelf)
        #expect(restored.shelf.books[1].coverThumbnail == [0x89, 0x50, 0x4E, 0x47])
        #expect(restored.shelf.books[0].coverThumbnail == nil)
    }

    @Test("rejects duplicates, missing ISBNs and mixed currencies")
    func rules() throws {
        var catalog = Catalog(name: "rules")
        try catalog.add(Self.book("1", cents: 100))
        #expect(throws: Catalog.CatalogError.self) { try catalog.add(Self.book("1", cents: 100)) }
        #expect(throws: Catalog.CatalogError.self) { try catalog.add(Self.book("", cents: 100)) }
        #expect(throws: Catalog.CatalogError.self) { try catalog.add(Self.book("3", cents: 100, currency: "USD")) }
    }

    @Test("corrupt snapshots are a typed error, not a crash")
    func corrupt() {
        #expect(throws: ProtoDecodingError.self) { _ = try Catalog.restore([0x12, 0x7F, 0x00]) }
    }
}
