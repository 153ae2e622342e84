internal import Bytes
internal import ProtoRuntime

/// Reads a service config's JSON into an ``RPCServiceConfig``, checking it as gRFC A2 and A6
/// ask. Stops at the first problem. The JSON is parsed as a `google.protobuf.Value` by the
/// protobuf runtime's own JSON reader, so RPC needs no Foundation (which would bring ICU and
/// some 10 MiB of resident memory into every server).
struct ServiceConfigParser {
    let loadBalancingPolicies: [RPCLoadBalancingPolicy]

    func parse(_ json: String) throws(RPCServiceConfigError) -> RPCServiceConfig {
        let root: Google_Protobuf_Value
        do {
            root = try Google_Protobuf_Value(decodingJSON: ByteBuffer(string: json))
        } catch {
            throw RPCServiceConfigError(
                code: .malformedJSON, path: "", message: "the service config is not JSON", cause: "\(error)")
        }
        let document = JSONNode(value: root, path: "")
        _ = try document.object()
        var config = RPCServiceConfig()
        config.methodPolicies = try methodPolicies(document["methodConfig"])
        config.loadBalancing = try loadBalancing(
            config: document["loadBalancingConfig"], policy: document["loadBalancingPolicy"])
        return config
    }

    // MARK: methodConfig

    private func methodPolicies(_ node: JSONNode?) throws(RPCServiceConfigError) -> RPCMethodPolicies {
        var policies = RPCMethodPolicies()
        guard let node else { return policies }
        var seen: [RPCMethodPolicies.MethodName: String] = [:]
        for entry in try node.array() {
            _ = try entry.object()
            if entry["retryPolicy"] != nil, entry["hedgingPolicy"] != nil {
                throw entry.invalid("sets both retryPolicy and hedgingPolicy; only one may be set")
            }
            let policy = try methodPolicy(entry)
            // An entry without names applies to nothing (service_config.proto: it is skipped).
            for name in try entry["name"]?.array() ?? [] {
                _ = try name.object()
                let service = try name["service"]?.string() ?? ""
                let method = try name["method"]?.string() ?? ""
                if service.isEmpty && !method.isEmpty {
                    throw name.invalid("names method \"\(method)\" without a service")
                }
                let key = RPCMethodPolicies.MethodName(service: service, method: method)
                if let first = seen[key] {
                    let what = service.isEmpty ? "the default" : method.isEmpty ? service : "\(service)/\(method)"
                    throw RPCServiceConfigError(
                        code: .duplicateName, path: name.path,
                        message: "\(name.path) names \(what) again (first at \(first))")
                }
                seen[key] = name.path
                if service.isEmpty {
                    policies.defaults = policy
                } else if method.isEmpty {
                    policies[service: service] = policy
                } else {
                    policies[service: service, method: method] = policy
                }
            }
        }
        return policies
    }

    private func methodPolicy(_ entry: JSONNode) throws(RPCServiceConfigError) -> RPCMethodPolicy {
        var policy = RPCMethodPolicy()
        policy.waitForReady = try entry["waitForReady"]?.bool()
        if let timeout = entry["timeout"] {
            let duration = try timeout.duration()
            guard duration >= .zero else { throw timeout.invalid("must not be negative") }
            policy.timeout = duration
        }
        policy.maxRequestMessageBytes = try entry["maxRequestMessageBytes"]?.integer(in: 0...Int(UInt32.max))
        policy.maxResponseMessageBytes = try entry["maxResponseMessageBytes"]?.integer(in: 0...Int(UInt32.max))
        if let retry = entry["retryPolicy"] {
            policy.retryPolicy = try retryPolicy(retry)
        }
        return policy
    }

    /// gRFC A6's `retryPolicy`: every field required; `maxAttempts` above 1 (above 5 counts as
    /// 5), backoffs and multiplier above zero, at least one retryable code.
    private func retryPolicy(_ node: JSONNode) throws(RPCServiceConfigError) -> RPCRetryPolicy {
        _ = try node.object()
        let attemptsNode = try node.required("maxAttempts")
        let attempts = try attemptsNode.integer(in: Int(Int32.min)...Int(UInt32.max))
        guard attempts > 1 else { throw attemptsNode.invalid("must be greater than 1, not \(attempts)") }
        let initialNode = try node.required("initialBackoff")
        let initial = try initialNode.duration()
        guard initial > .zero else { throw initialNode.invalid("must be greater than zero") }
        let maximumNode = try node.required("maxBackoff")
        let maximum = try maximumNode.duration()
        guard maximum > .zero else { throw maximumNode.invalid("must be greater than zero") }
        let multiplierNode = try node.required("backoffMultiplier")
        let multiplier = try multiplierNode.number()
        guard multiplier > 0 else { throw multiplierNode.invalid("must be greater than zero") }
        let codesNode = try node.required("retryableStatusCodes")
        var codes: Set<RPCStatus.Code> = []
        for code in try codesNode.array() { codes.insert(try code.statusCode()) }
        guard !codes.isEmpty else { throw codesNode.invalid("must name at least one status code") }
        return RPCRetryPolicy(
            maxAttempts: min(attempts, 5), initialBackoff: initial, maxBackoff: maximum,
            backoffMultiplier: multiplier, retryableStatusCodes: codes)
    }

    // MARK: Load balancing

    /// The first policy of `loadBalancingConfig` that is known, else the deprecated
    /// `loadBalancingPolicy` (case-insensitive), else none.
    private func loadBalancing(
        config: JSONNode?, policy: JSONNode?
    ) throws(RPCServiceConfigError) -> RPCLoadBalancingPolicy? {
        let known = loadBalancingPolicies.map(\.name).joined(separator: ", ")
        if let config {
            var names: [String] = []
            for entry in try config.array() {
                let object = try entry.object()
                guard object.count == 1, let (name, settings) = object.first else {
                    throw entry.invalid("must have exactly one field, the policy's name, not \(object.count)")
                }
                _ = try JSONNode(value: settings, path: entry.path + "." + name).object()
                if let found = loadBalancingPolicies.first(where: { $0.name == name }) { return found }
                names.append(name)
            }
            throw RPCServiceConfigError(
                code: .unsupportedLoadBalancing, path: config.path,
                message: "loadBalancingConfig names no policy this client knows ([\(names.joined(separator: ", "))]; "
                    + "known: \(known))")
        }
        guard let policy else { return nil }
        let name = try policy.string()
        guard let found = loadBalancingPolicies.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw RPCServiceConfigError(
                code: .unsupportedLoadBalancing, path: policy.path,
                message: "loadBalancingPolicy \"\(name)\" is not a policy this client knows (known: \(known))")
        }
        return found
    }
}

/// A value in a parsed JSON document and its path (`methodConfig[0].timeout`), with typed reads
/// that throw ``RPCServiceConfigError`` naming the path.
struct JSONNode {
    let value: Google_Protobuf_Value
    let path: String

    /// A field; `nil` when it is missing or `null` (the same thing in proto3 JSON).
    subscript(key: String) -> JSONNode? {
        guard case .structValue(let object)? = value.kind, let child = object.fields[key] else { return nil }
        if case .nullValue? = child.kind { return nil }
        return JSONNode(value: child, path: path.isEmpty ? key : path + "." + key)
    }

    func required(_ key: String) throws(RPCServiceConfigError) -> JSONNode {
        guard let child = self[key] else {
            let name = path.isEmpty ? key : path + "." + key
            throw RPCServiceConfigError(code: .invalidValue, path: name, message: "\(name) is required")
        }
        return child
    }

    func invalid(_ problem: String) -> RPCServiceConfigError {
        RPCServiceConfigError(code: .invalidValue, path: path, message: "\(described) \(problem)")
    }

    private var described: String { path.isEmpty ? "the service config" : path }

    private func wrongType(_ expected: String) -> RPCServiceConfigError {
        RPCServiceConfigError(code: .wrongType, path: path, message: "\(described) must be \(expected)")
    }

    private var stringValue: String? {
        if case .stringValue(let string)? = value.kind { return string }
        return nil
    }

    private var numberValue: Double? {
        if case .numberValue(let number)? = value.kind { return number }
        return nil
    }

    func object() throws(RPCServiceConfigError) -> [String: Google_Protobuf_Value] {
        guard case .structValue(let object)? = value.kind else { throw wrongType("an object") }
        return object.fields
    }

    func array() throws(RPCServiceConfigError) -> [JSONNode] {
        guard case .listValue(let list)? = value.kind else { throw wrongType("a list") }
        return list.values.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]") }
    }

    func string() throws(RPCServiceConfigError) -> String {
        guard let string = stringValue else { throw wrongType("a string") }
        return string
    }

    func bool() throws(RPCServiceConfigError) -> Bool {
        guard case .boolValue(let bool)? = value.kind else { throw wrongType("true or false") }
        return bool
    }

    /// A JSON number, or a string holding one (proto3 JSON allows both).
    func number() throws(RPCServiceConfigError) -> Double {
        if let string = stringValue, let number = Double(string), number.isFinite { return number }
        guard let number = numberValue, number.isFinite else { throw wrongType("a number") }
        return number
    }

    /// A whole number in `range`, as a JSON number or a string (proto3 JSON's integers).
    func integer(in range: ClosedRange<Int>) throws(RPCServiceConfigError) -> Int {
        let number: Double
        if let string = stringValue {
            guard let integer = Int(string) else { throw wrongType("a whole number") }
            number = Double(integer)
        } else {
            guard let value = numberValue else { throw wrongType("a whole number") }
            number = value
        }
        guard number.rounded() == number else { throw wrongType("a whole number") }
        guard Double(range.lowerBound) <= number, number <= Double(range.upperBound) else {
            throw invalid("must be in \(range.lowerBound)…\(range.upperBound)")
        }
        return Int(number)
    }

    /// A proto3 JSON `Duration`: seconds with up to nine decimals and an `s` (`"1.5s"`, `".1s"`,
    /// `"-2s"`), within ±315,576,000,000 s.
    func duration() throws(RPCServiceConfigError) -> Duration {
        guard let text = stringValue else { throw wrongType("a duration such as \"1.5s\"") }
        var rest = Substring(text)
        guard rest.hasSuffix("s") else { throw invalid("must be a duration such as \"1.5s\", not \"\(text)\"") }
        rest = rest.dropLast()
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(\.isASCIIDigit),
            fraction.allSatisfy(\.isASCIIDigit), fraction.count <= 9
        else { throw invalid("must be a duration such as \"1.5s\", not \"\(text)\"") }
        guard whole.count <= 12, let seconds = whole.isEmpty ? 0 : Int64(whole), seconds <= 315_576_000_000 else {
            throw invalid("must be at most 315576000000 seconds")
        }
        let nanoseconds = Int64(fraction + String(repeating: "0", count: 9 - fraction.count)) ?? 0
        let duration = Duration.seconds(seconds) + .nanoseconds(nanoseconds)
        return negative ? .zero - duration : duration
    }

    /// A status code by name (`"UNAVAILABLE"`) or number (`14`).
    func statusCode() throws(RPCServiceConfigError) -> RPCStatus.Code {
        if let name = stringValue {
            guard let code = RPCStatus.Code.allCases.first(where: { $0.name == name }) else {
                throw invalid("is not a status code name: \"\(name)\"")
            }
            return code
        }
        guard numberValue != nil else { throw wrongType("a status code name or number") }
        let number = try integer(in: 0...16)
        guard let code = RPCStatus.Code(rawValue: number) else { throw invalid("is not a status code: \(number)") }
        return code
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
