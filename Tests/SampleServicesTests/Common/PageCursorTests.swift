import CommonContracts
import RPC
import SampleServices
import Testing

@Suite("Page cursors")
struct PageCursorTests {
    @Test("an empty request reads the first page of the default size")
    func defaults() throws {
        let cursor = try PageCursor(nil)
        #expect(cursor.offset == 0)
        #expect(cursor.limit == PageCursor.defaultPageSize)
    }

    @Test("a page size past the cap is cut to it")
    func cap() throws {
        let cursor = try PageCursor(Common_V1_PageRequest(pageSize: 5000))
        #expect(cursor.limit == PageCursor.maximumPageSize)
    }

    @Test("pages chain through next_page_token until the last, which has none")
    func chain() throws {
        let items = Array(0..<7)
        var request = Common_V1_PageRequest(pageSize: 3)
        var seen: [Int] = []
        var pages = 0
        while true {
            let page = try PageCursor(request).slice(items)
            seen += page.items
            pages += 1
            #expect(page.page.totalSize == 7)
            if page.page.nextPageToken.isEmpty { break }
            request.pageToken = page.page.nextPageToken
        }
        #expect(seen == items)
        #expect(pages == 3)
    }

    @Test("tokens are URL-safe and round-trip", arguments: [0, 1, 62, 63, 999, 1_000_000])
    func roundTrip(offset: Int) throws {
        let token = PageCursor.token(forOffset: offset)
        #expect(!token.contains(where: { "+/=".contains($0) }))
        #expect(try PageCursor(Common_V1_PageRequest(pageToken: token)).offset == offset)
    }

    @Test("a token this server did not make is INVALID_ARGUMENT", arguments: ["!!", "abc", "b2Zmc2V0Oi0x", "eA"])
    func badToken(token: String) throws {
        let error = try #require(throws: RPCStatus.self) { try PageCursor(Common_V1_PageRequest(pageToken: token)) }
        #expect(error.code == .invalidArgument)
    }

    @Test("an offset past the end gives an empty last page")
    func pastEnd() throws {
        let token = PageCursor.token(forOffset: 10)
        let page = try PageCursor(Common_V1_PageRequest(pageToken: token)).slice([1, 2, 3])
        #expect(page.items.isEmpty)
        #expect(page.page.nextPageToken.isEmpty)
    }
}
