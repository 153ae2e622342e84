import Bytes
import CommonContracts
import Foundation
import GoogleContracts
import ProtoRuntime
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

/// The details room619 writes, read by Python's gRPC (grpcio-status with Google's own google.rpc
/// modules from googleapis-common-protos) in `Tests/RPC/status/read_status_details.py`; and our
/// google.rpc contracts compared with upstream's in `compare_google_rpc_protos.py`.
@Suite("Rich error details read by grpcio-status (Python)", .timeLimit(.minutes(1)))
struct StatusDetailsPythonTests {
    @Test("grpcio-status reads every standard detail room619 writes, and skips unknown ones")
    func pythonReadsEveryDetail() async throws {
        var status = RPCStatus(.failedPrecondition, "the order cannot be placed ✗", details: SampleDetails.all)
        // A detail of a type neither side declares travels too; readers skip it.
        var google = try #require(status.googleRPCStatus)
        google.details.append(Google_Protobuf_Any(typeURL: "type.googleapis.com/shop.v1.StockLevel", value: [8, 3]))
        status = RPCStatus(google)

        let lines = try await PythonStatusReader.read(throughTrailers(status))
        #expect(
            lines == [
                #"{"fields": {"domain": "shop.room619", "metadata": {"sku": "A-42", "warehouse": "west"}, "reason": "STOCK_EXHAUSTED"}, "type": "google.rpc.ErrorInfo"}"#,
                #"{"fields": {"retry_delay": "1.500s"}, "type": "google.rpc.RetryInfo"}"#,
                #"{"fields": {"detail": "index out of range", "stack_entries": ["main", "handle(_:)"]}, "type": "google.rpc.DebugInfo"}"#,
                #"{"fields": {"violations": [{"api_service": "orders.room619", "description": "daily orders", "future_quota_value": "2000", "quota_dimensions": {"region": "eu"}, "quota_id": "OrdersPerDay", "quota_metric": "orders/day", "quota_value": "1000", "subject": "project:shop"}]}, "type": "google.rpc.QuotaFailure"}"#,
                #"{"fields": {"violations": [{"description": "not accepted", "subject": "shop.room619", "type": "TOS"}]}, "type": "google.rpc.PreconditionFailure"}"#,
                #"{"fields": {"field_violations": [{"description": "must be positive", "field": "items[0].quantity", "localized_message": {"locale": "de-CH", "message": "muss positiv sein"}, "reason": "NOT_POSITIVE"}, {"description": "is empty", "field": "customer_id"}]}, "type": "google.rpc.BadRequest"}"#,
                #"{"fields": {"request_id": "req-7", "serving_data": "node 3"}, "type": "google.rpc.RequestInfo"}"#,
                #"{"fields": {"description": "not found", "owner": "user:ada", "resource_name": "products/42", "resource_type": "shop.v1.Product"}, "type": "google.rpc.ResourceInfo"}"#,
                #"{"fields": {"links": [{"description": "the order guide", "url": "https://example.com/orders"}]}, "type": "google.rpc.Help"}"#,
                #"{"fields": {"locale": "fr-CH", "message": "commande invalide"}, "type": "google.rpc.LocalizedMessage"}"#,
                #"{"type": "shop.v1.StockLevel", "unknown": true}"#,
            ])
    }

    @Test("Protos/google/rpc declares what googleapis-common-protos does: names, numbers, types, options")
    func contractsMatchUpstream() async throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "room619-google-rpc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let outcome = try await PythonStatusReader.run(
            "compare_google_rpc_protos.py",
            [PythonStatusReader.repositoryRoot.appending(path: "Protos").path, work.path])
        #expect(outcome.status == 0, "room619's google.rpc contracts differ from upstream's:\n\(outcome.output)")
    }

    @Test("grpcio-status reads the status a MoneyError declares")
    func pythonReadsDomainError() async throws {
        var mismatch: MoneyError?
        do {
            _ = try Common_V1_Money(minorUnits: 1, currencyCode: "EUR")
                .adding(Common_V1_Money(minorUnits: 1, currencyCode: "USD"))
        } catch { mismatch = error }
        let status = RPCStatus(from: try #require(mismatch))
        let lines = try await PythonStatusReader.read(throughTrailers(status))
        #expect(
            lines == [
                #"{"fields": {"domain": "money.room619", "metadata": {"currency": "EUR", "otherCurrency": "USD"}, "reason": "CURRENCY_MISMATCH"}, "type": "google.rpc.ErrorInfo"}"#
            ])
    }
}

/// Runs the Python programs of `Tests/RPC/status`.
enum PythonStatusReader {
    static let repositoryRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The script's output lines: one JSON object per detail.
    static func read(_ status: RPCStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let details = try #require(status.details, sourceLocation: sourceLocation)
        let directory = FileManager.default.temporaryDirectory.appending(path: "room619-status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appending(path: "details.bin")
        try Data(details.readableBytesArray).write(to: input)
        let outcome = try await run(
            "read_status_details.py", [String(status.code.rawValue), status.message, input.path])
        guard outcome.status == 0 else {
            throw StatusReaderError(
                "grpcio-status could not read the details (run ./setup.sh to install grpcio-status):\n\(outcome.output)"
            )
        }
        return outcome.output.split(separator: "\n").map(String.init)
    }

    /// Runs `Tests/RPC/status/<script>` with the `.venv` Python: its exit status and output.
    static func run(_ script: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let python = repositoryRoot.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw StatusReaderError("\(python.path) is missing: run ./setup.sh to create the Python environment")
        }
        // Output goes through a file, so no pipe can fill up and stall the program.
        let output = FileManager.default.temporaryDirectory.appending(path: "room619-python-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw StatusReaderError("cannot create \(output.path)")
        }
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = python
        process.arguments = [repositoryRoot.appending(path: "Tests/RPC/status/\(script)").path] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return (process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }
}

struct StatusReaderError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
