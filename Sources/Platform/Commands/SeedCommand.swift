internal import ProductService
internal import Storage

/// `room619 seed --products N`: fills the product catalogue for demos and benchmarks, in the
/// database `room619 run` would use (the data directory, or `DATABASE_URL`).
public enum SeedCommand {
    /// Seeds; returns the exit status (0, 64 for bad arguments, 1 on failure).
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        let flags = PlatformConfiguration.Flags(arguments)
        guard let text = flags["--products"], let count = Int(text), (1...10_000_000).contains(count) else {
            PlatformCommand.report("room619 seed: pass --products=N (1 to 10,000,000)")
            return 64
        }
        let configuration: PlatformConfiguration
        do {
            configuration = try PlatformConfiguration.load(arguments: arguments, environment: environment)
        } catch {
            PlatformCommand.report("room619 seed: \(error)")
            return 64
        }
        do {
            let location = try SQLDatabaseLocation(
                url: configuration.databaseURL, dataDirectory: configuration.dataDirectory, name: "product")
            let database = try await location.open()
            let service = try ProductService(database: database)
            try await service.migrate()
            let started = ContinuousClock.now
            let added = try await ProductSeeder(database: database).seed(count: count)
            let elapsed = started.duration(to: .now)
            await database.close()
            let milliseconds =
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            print("added \(added) products to \(location) in \(milliseconds) ms")
            return 0
        } catch {
            PlatformCommand.report("room619 seed: \(error)")
            return 1
        }
    }
}
