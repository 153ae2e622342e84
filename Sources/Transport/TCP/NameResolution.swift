internal import Dispatch
internal import Glibc

extension SocketAddress {
    /// The addresses `host` resolves to (`getaddrinfo`: `/etc/hosts`, then DNS), TCP only, in
    /// the order the resolver prefers, without duplicates. A numeric host resolves to itself.
    /// The lookup blocks, so it runs on a Dispatch worker, never on an event loop or the
    /// cooperative pool.
    /// - Throws: ``SystemError`` with call `getaddrinfo` and the `EAI_…` code when the name
    ///   does not resolve.
    public static func resolve(host: String, port: Int) async throws(SystemError) -> [SocketAddress] {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<[SocketAddress], SystemError>, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: lookup(host: host, port: port)) }
        }
        return try result.get()
    }

    private static func lookup(host: String, port: Int) -> Result<[SocketAddress], SystemError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0 else {
            let reason = String(cString: gai_strerror(code))
            return .failure(SystemError(call: "getaddrinfo", code: code, context: "\(host): \(reason)"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var next = list
        while let entry = next {
            if let raw = entry.pointee.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { target in
                    let count = min(Int(entry.pointee.ai_addrlen), target.count)
                    target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: count))
                }
                if let address = from(storage), !addresses.contains(address) { addresses.append(address) }
            }
            next = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            return .failure(SystemError(call: "getaddrinfo", code: EAI_NONAME, context: "\(host): no TCP addresses"))
        }
        return .success(addresses)
    }
}
