extension HTTPRequestHead {
    /// A request head from decoded HTTP/2 fields, or `nil` if they break RFC 9113 §8.3
    /// (missing or repeated pseudo-headers, pseudo-headers after regular ones, upper-case
    /// names, connection-specific fields).
    init?(http2Fields fields: [(name: String, value: String)]) {
        var method: String?
        var path: String?
        var scheme: String?
        var authority: String?
        var headers = HTTPHeaders()
        var regular = false
        for (name, value) in fields {
            if name.utf8.first == UInt8(ascii: ":") {
                guard !regular else { return nil }
                switch name {
                case ":method" where method == nil: method = value
                case ":path" where path == nil: path = value
                case ":scheme" where scheme == nil: scheme = value
                case ":authority" where authority == nil: authority = value
                default: return nil
                }
                continue
            }
            regular = true
            guard !name.isEmpty, !name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
            switch name {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade": return nil
            case "te" where value != "trailers": return nil
            default: headers.addLowercased(name: name, value: value)
            }
        }
        guard let method, let path, !path.isEmpty, scheme != nil || method == "CONNECT" else { return nil }
        self.init(
            method: method, target: path, version: .http2, headers: headers, authority: authority ?? headers["host"])
    }
}

extension HTTPResponseHead {
    /// A response head from decoded HTTP/2 fields, or `nil` if they break RFC 9113 §8.3.2 (no
    /// or repeated `:status`, other pseudo-headers, pseudo-headers after regular ones, upper case).
    init?(http2Fields fields: [(name: String, value: String)]) {
        var status: Int?
        var headers = HTTPHeaders()
        for (index, field) in fields.enumerated() {
            if field.name.utf8.first == UInt8(ascii: ":") {
                guard index == 0, field.name == ":status", field.value.utf8.count == 3,
                    let code = Int(field.value), code >= 100
                else { return nil }
                status = code
                continue
            }
            guard !field.name.isEmpty, !field.name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else {
                return nil
            }
            headers.addLowercased(name: field.name, value: field.value)
        }
        guard let status else { return nil }
        self.init(status: status, headers: headers)
    }
}
