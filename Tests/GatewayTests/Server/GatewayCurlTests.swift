import Foundation
import RestTestbed
import Testing

@testable import Gateway

/// The testbed against curl, a client we did not write, over HTTP/1.1 and h2c (prior knowledge).
@Suite("REST against curl")
struct GatewayCurlTests {
    static let modes: [[String]] = [[], ["--http2-prior-knowledge"]]

    @Test("GET, POST with curl's default form content type, PATCH, DELETE", arguments: modes)
    func crud(mode: [String]) async throws {
        try await withTestbed { testbed in
            let get = try await Curl.run(mode + [testbed.url("/v1/shelves/1/books/1")])
            #expect(get.exitCode == 0, "\(get.stderr)")
            #expect(get.statusCode == 200)
            #expect(get.body.contains(#""title":"The Left Hand of Darkness""#))
            // `curl -d` sends application/x-www-form-urlencoded: read as JSON, as the issue's example needs.
            let post = try await Curl.run(
                mode + ["-X", "POST", testbed.url("/v1/shelves/2/books"), "-d", #"{"title":"Dune"}"#, "-D", "-"])
            #expect(post.statusCode == 201)
            #expect(post.stdout.lowercased().contains("location: /v1/shelves/2/books/b1"))
            let patch = try await Curl.run(
                mode + [
                    "-X", "PATCH", testbed.url("/v1/shelves/2/books/b1"), "-H", "content-type: application/json", "-d",
                    #"{"title":"Dune II","pages":"10"}"#,
                ])
            #expect(patch.statusCode == 200)
            #expect(patch.body.contains(#""update_mask":"title,pages""#))
            let delete = try await Curl.run(mode + ["-X", "DELETE", testbed.url("/v1/shelves/2/books/b1")])
            #expect(delete.statusCode == 204)
            #expect(delete.body.isEmpty)
        }
    }

    @Test("405 with Allow, 404, 415 and a query error, as JSON statuses", arguments: modes)
    func errors(mode: [String]) async throws {
        try await withTestbed { testbed in
            let notAllowed = try await Curl.run(mode + ["-X", "POST", testbed.url("/v1/shelves/1/books/1"), "-D", "-"])
            #expect(notAllowed.statusCode == 405)
            #expect(notAllowed.stdout.lowercased().contains("allow: delete, get, patch"))
            let missing = try await Curl.run(mode + [testbed.url("/v1/nothing")])
            #expect(missing.statusCode == 404)
            #expect(missing.body == #"{"code":5,"message":"no route matches the path","details":[]}"#)
            let xml = try await Curl.run(
                mode + [testbed.url("/v1/shelves/1/books"), "-H", "content-type: text/xml", "-d", "<book/>"])
            #expect(xml.statusCode == 415, "\(xml.stderr)")
            let query = try await Curl.run(mode + [testbed.url("/v1/probe/1?colour=red")])
            #expect(query.statusCode == 400)
            #expect(query.body.contains("unknown query parameter 'colour'"))
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("every query form, path shapes, ** and HttpBody download", arguments: modes)
    func shapes(mode: [String]) async throws {
        try await withTestbed { testbed in
            let probe = try await Curl.run(
                mode + [
                    "-G", testbed.url("/v1/probe/9"), "--data-urlencode", "note=a b&c", "-d", "genre=2", "-d", "tags=x",
                    "-d", "tags=y", "-d", "page.size=3", "-d", "flag=t", "-d", "big=-5", "-d",
                    "since=2024-05-06T07:08:09Z",
                ])
            #expect(probe.statusCode == 200, "\(probe.stdout)")
            #expect(
                probe.body.contains(
                    #""page":{"size":3,"token":""},"tags":["x","y"],"genre":"HISTORY","flag":true,"big":"-5""#))
            #expect(probe.body.contains(#""note":"a b&c""#))
            let file = try await Curl.run(mode + [testbed.url("/v1/files/docs/readme.md")])
            #expect(file.body == "contents of docs/readme.md\n")
            let upload = try await Curl.run(
                mode + [
                    "-X", "PUT", testbed.url("/v1/files/u.bin"), "-H", "content-type: application/octet-stream",
                    "--data-binary", "12345",
                ])
            #expect(upload.body == #"{"path":"u.bin","size":"5","contentType":"application/octet-stream"}"#)
        }
    }

    @Test("server streaming as NDJSON and as SSE", arguments: modes)
    func streaming(mode: [String]) async throws {
        try await withTestbed { testbed in
            let ndjson = try await Curl.run(mode + ["-N", testbed.url("/v1/shelves/2:watch?count=2")])
            #expect(
                ndjson.body == #"{"result":{"sequence":1,"shelf":"2"}}"# + "\n"
                    + #"{"result":{"sequence":2,"shelf":"2"}}"# + "\n")
            let sse = try await Curl.run(
                mode + ["-N", "-H", "accept: text/event-stream", testbed.url("/v1/shelves/2:watch?count=1")])
            #expect(sse.body == #"data: {"sequence":1,"shelf":"2"}"# + "\n\n")
            let upload = try await Curl.run(
                mode + [
                    testbed.url("/v1/books:import"), "-H", "content-type: application/x-ndjson", "--data-binary",
                    #"{"title":"a"}"# + "\n" + #"{"title":"b"}"#,
                ])
            #expect(upload.body == #"{"imported":2,"titles":["a","b"]}"#)
        }
    }
}
