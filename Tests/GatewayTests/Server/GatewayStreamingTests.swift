import Bytes
import Foundation
import RPC
import RestTestbed
import Testing
import Transport

@testable import Gateway

@Suite("Streaming over REST: NDJSON, Server-Sent Events, NDJSON request bodies")
struct GatewayStreamingTests {
    static let versions: [HTTPClient.Configuration.Version] = [.http1_1, .http2PriorKnowledge]

    @Test("server streaming is NDJSON by default, one {\"result\":…} per line", arguments: versions)
    func ndjson(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send("GET", "/v1/shelves/5:watch?count=3", over: version)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/x-ndjson")
            #expect(response.headers["grpc-metadata-x-watched-shelf"] == "5")
            #expect(
                response.text == """
                    {"result":{"sequence":1,"shelf":"5"}}
                    {"result":{"sequence":2,"shelf":"5"}}
                    {"result":{"sequence":3,"shelf":"5"}}

                    """)
            #expect(response.trailers?["grpc-trailer-x-events"] == "3" || version == .http1_1)
        }
    }

    @Test("a stream that fails midway ends with an error line, not a cut connection", arguments: versions)
    func failureMidway(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send("GET", "/v1/shelves/5:watch?count=2&fail_code=14", over: version)
            #expect(response.status == 200)
            let lines = response.text.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.last == #"{"error":{"code":14,"message":"the watch failed after 2","details":[]}}"#)
        }
    }

    @Test("a stream that fails before its first message is a plain error response")
    func failureFirst() async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send("GET", "/v1/shelves/5:watch?count=0&fail_code=5")
            #expect(response.status == 404)
            #expect(try response.status().code == 5)
        }
    }

    @Test("Accept: text/event-stream gives Server-Sent Events, with an error event", arguments: versions)
    func serverSentEvents(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send(
                "GET", "/v1/shelves/5:watch?count=2&fail_code=9", headers: ["accept": "text/event-stream"],
                over: version)
            #expect(response.headers["content-type"] == "text/event-stream")
            #expect(
                response.text == """
                    data: {"sequence":1,"shelf":"5"}

                    data: {"sequence":2,"shelf":"5"}

                    event: error
                    data: {"code":9,"message":"the watch failed after 2","details":[]}


                    """)
        }
    }

    @Test("client streaming reads an NDJSON body line by line, each message validated", arguments: versions)
    func clientStreaming(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            var request = HTTPClientRequest(
                method: "POST", address: testbed.address, target: "/v1/books:import",
                headers: ["content-type": "application/x-ndjson"])
            request.streamingBody = { writer in
                try await writer.write(ByteBuffer(string: #"{"title":"a"}"# + "\n\n"))
                try await writer.write(ByteBuffer(string: #"{"title":"#))
                try await writer.write(ByteBuffer(string: #""b"}"# + "\n" + #"{"title":"c"}"#))
            }
            let response = try await testbed.client(version).execute(request)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.text == #"{"imported":3,"titles":["a","b","c"]}"#)
            // A line that breaks validation ends the call with 400 after the lines before it.
            let invalid = try await testbed.send(
                "POST", "/v1/books:import", body: #"{"title":"d"}"# + "\n" + #"{"title":""}"# + "\n",
                headers: ["content-type": "application/x-ndjson"], over: version)
            #expect(invalid.status == 400)
            #expect(try invalid.status().field == "title")
            #expect(testbed.service.handledCount == 4)
        }
    }

    @Test("an NDJSON line over the limit is 413")
    func lineTooLong() async throws {
        try await withTestbed(configuration: .defaults { $0.maxBodyBytes = 256 }) { testbed in
            let line = #"{"title":""# + String(repeating: "x", count: 1000) + #""}"#
            let response = try await testbed.send("POST", "/v1/books:import", body: line + "\n")
            #expect(response.status == 413)
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("bidirectional streaming: NDJSON in, NDJSON out", arguments: versions)
    func bidirectional(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send(
                "POST", "/v1/books:chat", body: #"{"title":"a"}"# + "\n" + #"{"title":"b"}"#,
                headers: ["content-type": "application/x-ndjson"], over: version)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/x-ndjson")
            #expect(response.text.contains(#"{"result":{"name":"","title":"A""#))
            #expect(response.text.split(separator: "\n").count == 2)
        }
    }

    @Test("a stream of HttpBody writes each message's data raw, with its content type", arguments: versions)
    func httpBodyStream(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send("GET", "/v1/chunks/notes.txt", over: version)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain")
            #expect(response.text == "first second notes.txt")
        }
    }
}
