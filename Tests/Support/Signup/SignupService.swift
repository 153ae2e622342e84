// The validated test service (signup.proto): its handlers count how often they run, so a test can
// prove that an invalid request never reached them.
public import RPC
internal import Synchronization

/// Serves `room619.testing.signup.v1.Signup`, counting handler runs.
public final class SignupService: Room619_Testing_Signup_V1_Signup.ServiceProtocol {
    private let handled = Atomic<Int64>(0)

    public init() {}

    /// How many requests the handlers have seen.
    public var handledCount: Int64 { handled.load(ordering: .relaxed) }

    public func register(
        _ request: Room619_Testing_Signup_V1_RegisterRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Signup_V1_RegisterReply {
        handled.add(1, ordering: .relaxed)
        return Room619_Testing_Signup_V1_RegisterReply(greeting: "welcome, \(request.displayName)")
    }

    public func `import`(
        _ requests: RPCRequestStream<Room619_Testing_Signup_V1_RegisterRequest>, context: RPCServerContext
    ) async throws -> Room619_Testing_Signup_V1_ImportReply {
        var count: Int32 = 0
        for try await _ in requests {
            handled.add(1, ordering: .relaxed)
            count += 1
        }
        return Room619_Testing_Signup_V1_ImportReply(imported: count)
    }

    public func stats(
        _ request: Room619_Testing_Signup_V1_StatsRequest, context: RPCServerContext
    ) async throws -> Room619_Testing_Signup_V1_StatsReply {
        Room619_Testing_Signup_V1_StatsReply(handled: handledCount)
    }
}
