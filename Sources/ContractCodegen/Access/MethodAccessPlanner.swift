internal import ProtoRuntime

/// Reads `(room619.api.v1.method).access` on every method of a file's services and checks it.
///
/// ```swift
/// let (access, diagnostics) = MethodAccessPlanner.plan(file: file)
/// access.access(service: "user.v1.UserService", method: "Login")   // .public
/// ```
///
/// A declaration that cannot work is an error diagnostic naming the file and line, the service
/// and method, and the reason, in the shape of the REST checks (``HTTPRoutePlanner``):
///
/// - at most one of `public`, `roles` and `internal` is set;
/// - each role is a name `[a-z][a-z0-9_-]{0,63}` (the form a token's `roles` claim carries),
///   listed once;
/// - an `internal` method has no `google.api.http` rule: internal methods are never routed from
///   the REST edge.
///
/// A method without the option, or with `access: {}`, is ``MethodAccess/signedIn``.
struct MethodAccessPlanner {
    /// The access of each method of a file, by service and method.
    struct Table: Hashable {
        /// `package.Service.Method` → access, for the methods whose declaration is valid.
        var byMethod: [String: MethodAccess] = [:]

        /// The access of `method` of `service` (`user.v1.UserService`, `Login`):
        /// ``MethodAccess/signedIn`` for a method the table does not hold.
        func access(service: String, method: String) -> MethodAccess {
            byMethod[service + "." + method] ?? .signedIn
        }
    }

    /// The longest role name: 64 characters, as the pattern `[a-z][a-z0-9_-]{0,63}` says.
    static let maxRoleLength = 64

    /// Reads the access of every method of every service of `file`.
    ///
    /// - Returns: The access of each method whose declaration is valid, and an error for each
    ///   problem found, in contract order.
    static func plan(file: FileProto) -> (table: Table, diagnostics: [Diagnostic]) {
        var table = Table()
        var diagnostics: [Diagnostic] = []
        let lines = lineNumbers(file)
        for (serviceIndex, service) in file.service.enumerated() {
            let serviceName = ServiceRenderer.fullName(of: service, in: file)
            for (methodIndex, method) in service.method.enumerated() {
                let name = method.name ?? ""
                let path: [Int32] = [6, Int32(serviceIndex), 2, Int32(methodIndex)]
                let location = (file.name ?? "") + (lines[path].map { ":\($0)" } ?? "") + ": \(serviceName).\(name)"
                let (access, problems) = read(method)
                diagnostics += problems.map { Diagnostic(.error, $0.message, at: location, fix: $0.fix) }
                if problems.isEmpty { table.byMethod[serviceName + "." + name] = access }
            }
        }
        return (table, diagnostics)
    }

    /// A problem with one method's declaration.
    struct Problem: Hashable {
        var message: String
        var fix: String?
    }

    /// The access `method` declares, and what is wrong with the declaration.
    static func read(_ method: Google_Protobuf_MethodDescriptorProto) -> (MethodAccess, [Problem]) {
        guard let access = method.options?[extension: Room619_Api_V1_Options_Extensions.method]?.access else {
            return (.signedIn, [])
        }
        let option = "(room619.api.v1.method) access"
        var problems: [Problem] = []
        let set = [("public", access.public), ("roles", !access.roles.isEmpty), ("internal", access.internal)]
            .filter(\.1).map(\.0)
        if set.count > 1 {
            problems.append(
                Problem(
                    message: "\(option) sets \(set.dropLast().joined(separator: ", ")) and \(set[set.count - 1]); "
                        + "at most one may be set",
                    fix: "public: anyone; roles: a user token with one of them; internal: services only; "
                        + "none: any signed-in user"))
        }
        problems += roleProblems(access.roles, option: option)
        if access.internal, method.options?[extension: Google_Api_Annotations_Extensions.http] != nil {
            problems.append(
                Problem(
                    message: "\(option) is internal, but the method has a google.api.http rule",
                    fix: "internal methods are not routed from the REST edge: remove the google.api.http rule"))
        }
        if access.public { return (.public, problems) }
        if access.internal { return (.internal, problems) }
        return (.authenticated(roles: access.roles), problems)
    }

    /// Empty, malformed and repeated role names.
    private static func roleProblems(_ roles: [String], option: String) -> [Problem] {
        var problems: [Problem] = []
        var seen: Set<String> = []
        for role in roles {
            if role.isEmpty {
                problems.append(
                    Problem(message: "\(option) lists an empty role", fix: "name a role, such as \"admin\""))
            } else if !isRoleName(role) {
                problems.append(
                    Problem(
                        message: "\(option) role \"\(role)\" is not a role name ([a-z][a-z0-9_-]{0,63})",
                        fix: "use lower-case letters, digits, '_' and '-', starting with a letter, "
                            + "at most \(maxRoleLength) characters"))
            } else if !seen.insert(role).inserted {
                problems.append(Problem(message: "\(option) lists the role \"\(role)\" twice", fix: "list it once"))
            }
        }
        return problems
    }

    /// Whether `role` matches `[a-z][a-z0-9_-]{0,63}`.
    static func isRoleName(_ role: String) -> Bool {
        let bytes = Array(role.utf8)
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            bytes.count <= maxRoleLength
        else { return false }
        return bytes.dropFirst().allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// The 1-based line of each element protoc sent source info for, by SourceCodeInfo path.
    private static func lineNumbers(_ file: FileProto) -> [[Int32]: Int] {
        var lines: [[Int32]: Int] = [:]
        for location in file.sourceCodeInfo?.location ?? [] {
            if let line = location.span.first, lines[location.path] == nil { lines[location.path] = Int(line) + 1 }
        }
        return lines
    }
}
