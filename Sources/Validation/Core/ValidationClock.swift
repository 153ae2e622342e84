internal import Glibc
internal import ProtoRuntime

/// The wall clock the time rules compare against.
enum ValidationClock {
    /// The current UTC time, from `clock_gettime(CLOCK_REALTIME)`.
    @Sendable static func systemNow() -> Google_Protobuf_Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Google_Protobuf_Timestamp(seconds: Int64(spec.tv_sec), nanos: Int32(spec.tv_nsec))
    }
}
