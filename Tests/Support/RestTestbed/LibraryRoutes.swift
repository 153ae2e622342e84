// The testbed's REST routes written by hand from the google.api.http and room619.api.v1 options in
// library.proto: what those annotations mean, independently of the generator. GatewayTests checks
// that the generated `descriptor.httpRoutes` are exactly these; the servers use the generated ones.
public import RPC

extension Room619_Testing_Library_V1_Library {
    private static func route(
        _ method: RPCMethodDescriptor, _ httpMethod: String, _ path: String, body: String? = nil,
        responseBody: String? = nil, request: String, response: String, status: Int = 200, location: String? = nil,
        headers: [RPCHTTPRoute.HeaderBinding] = []
    ) -> RPCHTTPRoute {
        let package = "room619.testing.library.v1."
        func qualified(_ name: String) -> String { name.contains(".") ? name : package + name }
        return RPCHTTPRoute(
            method: method, httpMethod: httpMethod, path: path, body: body, responseBody: responseBody,
            requestType: qualified(request), responseType: qualified(response), successStatus: status,
            location: location, headers: headers)
    }

    /// One route per rule and per additional binding, in .proto order.
    public static let handWrittenRoutes: [RPCHTTPRoute] = [
        route(Method.getShelf, "GET", "/v1/shelves/{shelf}", request: "GetShelfRequest", response: "Shelf"),
        route(Method.getShelf, "GET", "/v1/shelf/{shelf}", request: "GetShelfRequest", response: "Shelf"),
        route(Method.getBook, "GET", "/v1/{name=shelves/*/books/*}", request: "GetBookRequest", response: "Book"),
        route(
            Method.listBooks, "GET", "/v1/{parent=shelves/*}/books", responseBody: "books",
            request: "ListBooksRequest", response: "ListBooksResponse"),
        route(
            Method.createBook, "POST", "/v1/{parent=shelves/*}/books", body: "book", request: "CreateBookRequest",
            response: "Book", status: 201, location: "/v1/{name}",
            headers: [.init(header: "idempotency-key", field: "idempotency_key")]),
        route(
            Method.updateBook, "PATCH", "/v1/{book.name=shelves/*/books/*}", body: "book",
            request: "UpdateBookRequest", response: "Book"),
        route(
            Method.deleteBook, "DELETE", "/v1/{name=shelves/*/books/*}", request: "DeleteBookRequest",
            response: "DeleteBookReply", status: 204),
        route(
            Method.moveBook, "POST", "/v1/{name=shelves/*/books/*}:move", body: "*", request: "MoveBookRequest",
            response: "Book"),
        route(
            Method.archiveShelf, "POST", "/v1/{name=shelves/*}:archive", body: "*", request: "ArchiveShelfRequest",
            response: "Operation", status: 202, location: "/v1/operations/{id}"),
        route(Method.probe, "GET", "/v1/probe/{id}", request: "QueryProbe", response: "QueryProbe"),
        route(Method.probe, "POST", "/v1/probe", body: "*", request: "QueryProbe", response: "QueryProbe"),
        route(Method.getFile, "GET", "/v1/files/{path=**}", request: "GetFileRequest", response: "google.api.HttpBody"),
        route(
            Method.uploadFile, "PUT", "/v1/files/{path=**}", body: "file", request: "UploadRequest",
            response: "UploadReply"),
        route(
            Method.uploadRaw, "POST", "/v1/raw", body: "*", request: "google.api.HttpBody", response: "UploadReply"),
        route(
            Method.watchShelf, "GET", "/v1/shelves/{shelf}:watch", request: "WatchShelfRequest",
            response: "BookEvent"),
        route(Method.importBooks, "POST", "/v1/books:import", body: "*", request: "Book", response: "ImportReply"),
        route(Method.chat, "POST", "/v1/books:chat", body: "*", request: "Book", response: "Book"),
        route(
            Method.downloadChunks, "GET", "/v1/chunks/{path=**}", request: "GetFileRequest",
            response: "google.api.HttpBody"),
        route(
            Method.patchShelf, "PATCH", "/v1/{shelf.name=shelves/*}", body: "*", request: "PatchShelfRequest",
            response: "Shelf"),
        route(Method.fail, "GET", "/v1/fail/{code}", request: "FailRequest", response: "FailReply"),
        route(Method.whoami, "GET", "/v1/whoami", request: "WhoamiRequest", response: "WhoamiReply"),
    ]
}
