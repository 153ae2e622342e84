// The reserve/release measurement: a service token, in-stock products, concurrent workers,
// and the result lines platform-bench.sh reads.
internal import Auth
internal import CommonContracts
internal import Foundation
internal import ProductContracts
internal import RPC
internal import RPCHTTP2
internal import Transport

/// ReserveStock followed by ReleaseReservation over gRPC, by ``LoadOptions/workers`` concurrent
/// workers on one HTTP/2 connection, with the generated `Product_V1_ProductService.Client`.
///
/// The methods are internal (services only), so the calls carry a service token the driver
/// signs itself with the platform's key, as another platform service would.
enum ReserveReleaseLoad {
    /// Measures and returns the result lines (`RESULT scenario=grpc-reserve …` and
    /// `grpc-release`).
    ///
    /// - Throws: ``LoadError`` when the key cannot be read, the platform does not list enough
    ///   in-stock products, or the channel cannot start; failed calls under load are counted.
    static func run(_ options: LoadOptions) async throws(LoadError) -> [String] {
        let token = try serviceToken(options)
        let group: EventLoopGroup
        let channel: RPCChannel
        do {
            group = try EventLoopGroup(loopCount: 1)
            channel = try RPCChannel(target: options.target, group: group)
        } catch {
            throw LoadError("could not open a channel to \(options.target)", cause: error)
        }
        defer {
            channel.close()
            group.shutdown()
        }
        let client = Product_V1_ProductService.Client(client: RPCClient(transport: channel))
        var callOptions = RPCCallOptions(timeout: .seconds(10))
        callOptions.metadata.add("authorization", "Bearer \(token)")
        let products = try await inStockProducts(client, count: max(options.products, options.workers))
        guard products.count >= options.workers else {
            throw LoadError("\(products.count) products in stock, fewer than the \(options.workers) workers")
        }
        let tally = await measure(options, client: client, callOptions: callOptions, products: products)
        return [
            line("grpc-reserve", samples: tally.reserve, tally, rpc: "reserve", seconds: options.seconds),
            line("grpc-release", samples: tally.release, tally, rpc: "release", seconds: options.seconds),
        ]
    }

    /// Runs the workers for the warm-up and the measured window; their merged tally.
    private static func measure(
        _ options: LoadOptions, client: Product_V1_ProductService.Client, callOptions: RPCCallOptions,
        products: [String]
    ) async -> WorkerTally {
        let run = UUID().uuidString.prefix(8).lowercased()
        let warmUpEnd = ContinuousClock.now.advanced(by: .seconds(options.warmUpSeconds))
        let end = warmUpEnd.advanced(by: .seconds(options.seconds))
        return await withTaskGroup(of: WorkerTally.self, returning: WorkerTally.self) { group in
            for index in 0..<options.workers {
                // Worker i owns products i, i + workers, …: no two workers hold the same product.
                let owned = stride(from: index, to: products.count, by: options.workers).map { products[$0] }
                let worker = ReserveWorker(
                    client: client, options: callOptions, productIDs: owned, keyPrefix: "bench-\(run)-\(index)")
                group.addTask { await worker.run(warmUpEnd: warmUpEnd, end: end) }
            }
            var total = WorkerTally()
            for await tally in group { total.merge(tally) }
            return total
        }
    }

    /// A service token (`kind` service, `sub` order) signed with the key in the options' file.
    static func serviceToken(_ options: LoadOptions) throws(LoadError) -> String {
        do {
            let key = try SigningKey(privateKeyFile: options.keyFile)
            let issuer = try JWTIssuer(
                keys: KeySet(active: key), issuer: options.issuer, audience: [options.audience],
                serviceLifetime: .seconds(3600))
            return try issuer.issueServiceToken(service: "order", audience: options.audience)
        } catch {
            throw LoadError("could not sign a service token with \(options.keyFile)", cause: error)
        }
    }

    /// Up to `count` ids of products with stock available, from ListProducts (public).
    static func inStockProducts(
        _ client: Product_V1_ProductService.Client, count: Int
    ) async throws(LoadError) -> [String] {
        var ids: [String] = []
        var page = Common_V1_PageRequest()
        page.pageSize = 100
        repeat {
            var request = Product_V1_ListProductsRequest()
            request.inStock = true
            request.page = page
            do {
                let response = try await client.listProducts(request)
                ids += response.products.map(\.id)
                page.pageToken = response.page?.nextPageToken ?? ""
            } catch {
                throw LoadError("ListProducts failed after \(ids.count) products", cause: error)
            }
        } while ids.count < count && !page.pageToken.isEmpty
        return Array(ids.prefix(count))
    }

    /// A `RESULT` line for the calls of `rpc` (`reserve`, `release`).
    private static func line(
        _ scenario: String, samples: [Int64], _ tally: WorkerTally, rpc: String, seconds: Double
    ) -> String {
        let summary = LatencySummary(nanoseconds: samples, seconds: seconds)
        let failures = tally.errors.filter { $0.key.hasPrefix("\(rpc):") }
        let statuses = failures.sorted { $0.key < $1.key }.map { "\($0.key.dropFirst(rpc.count + 1)):\($0.value)" }
        return "RESULT scenario=\(scenario) requests=\(summary.count) "
            + String(
                format: "seconds=%.1f per_s=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f ", seconds, summary.perSecond,
                summary.p50Milliseconds, summary.p99Milliseconds, summary.maxMilliseconds)
            + "errors=\(failures.values.reduce(0, +)) statuses=\(statuses.isEmpty ? "-" : statuses.joined(separator: ","))"
    }
}
