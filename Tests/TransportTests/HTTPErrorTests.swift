import Testing

@testable import Transport

/// The transport's one error shape (STYLE.md §5).
@Suite("HTTP error")
struct HTTPErrorTests {
    struct Underlying: Error, CustomStringConvertible {
        var description: String { "socket reset" }
    }

    @Test("description reads code: \"message\" (cause: …)")
    func description() {
        #expect("\(HTTPError(.refused, "not processed"))" == #"refused: "not processed""#)
        #expect(
            "\(HTTPError(.connectionClosed, "gone", cause: Underlying()))"
                == #"connectionClosed: "gone" (cause: socket reset)"#)
    }

    @Test("equality and hashing ignore the cause")
    func equality() {
        let plain = HTTPError(code: .streamReset, message: "reset", http2Code: .cancel)
        let caused = HTTPError(code: .streamReset, message: "reset", http2Code: .cancel, cause: Underlying())
        #expect(plain == caused)
        #expect(Set([plain, caused]).count == 1)
        #expect(plain != HTTPError(code: .streamReset, message: "reset", http2Code: .internalError))
    }

    @Test("a connection error carries its GOAWAY code; the client's name is the same type")
    func connectionError() {
        let error = HTTPError.connection(.flowControlError, "window")
        #expect(error.code == .protocolError)
        #expect(error.goAwayCode == .flowControlError)
        let client: HTTPClientError = error
        #expect(client.http2Code == .flowControlError)
    }
}
