public import GoogleContracts
public import ProtoRuntime

// Rich error details (gRPC's "richer error model"): a status's `details` bytes are a serialized
// `google.rpc.Status` whose `details` are typed messages packed in `google.protobuf.Any`s, such as
// the standard ones of `google/rpc/error_details.proto`. They travel as `grpc-status-details-bin`.
//
// ```swift
// throw RPCStatus.invalidArgument("the order is not valid", fieldViolations: [("items[0].quantity", "must be positive")])
//     .addingErrorInfo(reason: "INVALID_ORDER", domain: "orders.room619")
// ...
// catch let status as RPCStatus {
//     for request in status.details(of: Google_Rpc_BadRequest.self) { … }
// }
// ```
//
// `details` stays the serialized bytes, with the typed `googleRPCStatus` a view decoded on demand
// rather than a second stored property: the bytes are what the wire carries and what a proxy or
// gateway must pass on unchanged (details of types this process does not know, unknown fields and
// all); one source of truth cannot disagree with itself; and a call that nobody asks about its
// details pays nothing for decoding them.

extension RPCStatus.Code {
    /// The code with the same number as `code`; numbers gRPC does not define are `UNKNOWN`.
    public init(_ code: Google_Rpc_Code) {
        self.init(wireValue: Int(code.rawValue))
    }

    /// The same code as a `google.rpc.Code`.
    public var googleRPCCode: Google_Rpc_Code { Google_Rpc_Code(rawValue: Int32(rawValue)) }
}

extension RPCStatus {
    /// A status whose details are `details`: the status is sent with a `google.rpc.Status` of the
    /// same code and message that holds each detail packed in a `google.protobuf.Any`
    /// (`type.googleapis.com/<full name>`).
    ///
    /// A detail that cannot be encoded (only a message over 2 GiB cannot) leaves the status without
    /// details and with the encoding error as its ``cause``.
    public init(_ code: Code, _ message: String = "", details: [any Message], cause: (any Error)? = nil) {
        self.init(code, message, cause: cause)
        self = adding(details)
    }

    /// The status a `google.rpc.Status` describes: its code (`UNKNOWN` for numbers gRPC does not
    /// define), its message, and the status itself as the details when it has any.
    public init(_ status: Google_Rpc_Status, cause: (any Error)? = nil) {
        self.init(Code(wireValue: Int(status.code)), status.message, cause: cause)
        if !status.details.isEmpty { details = try? status.serializedBuffer() }
    }

    /// The `google.rpc.Status` that ``details`` holds, or `nil` when there are no details or they
    /// are not a `google.rpc.Status`.
    public var googleRPCStatus: Google_Rpc_Status? {
        details.flatMap { try? Google_Rpc_Status(decoding: $0) }
    }

    /// Every detail of type `M`, in the order they were added. Details of other types (including
    /// types this process does not know) are skipped, and so is one that names `M` but does not
    /// decode as one, as a program cannot act on it.
    public func details<M: Message>(of type: M.Type) -> [M] {
        guard let status = googleRPCStatus else { return [] }
        return status.details.compactMap { any in (try? any.unpack(type)) ?? nil }
    }

    /// This status with `details` added after the details it has. Details that are not a
    /// `google.rpc.Status` are replaced. Each `Any` names its message `type.googleapis.com/<full name>`.
    public func adding(_ details: [any Message]) -> RPCStatus {
        var status = googleRPCStatus ?? Google_Rpc_Status()
        status.code = Int32(code.rawValue)
        status.message = message
        var copy = self
        do {
            for detail in details { status.details.append(try Google_Protobuf_Any(packing: detail)) }
            copy.details = status.details.isEmpty ? nil : try status.serializedBuffer()
        } catch {
            copy.details = nil
            copy.cause = error
        }
        return copy
    }

    /// This status with `detail` added after the details it has.
    public func adding(_ detail: any Message) -> RPCStatus { adding([detail]) }
}

// MARK: The common details

extension RPCStatus {
    /// An `INVALID_ARGUMENT` status with a `google.rpc.BadRequest` naming each field that is wrong
    /// (`field` is a path such as `items[2].price.currency_code`) and why.
    ///
    /// ```swift
    /// throw RPCStatus.invalidArgument("the order is not valid", fieldViolations: [("customer_id", "is empty")])
    /// ```
    public static func invalidArgument(
        _ message: String, fieldViolations: [(field: String, description: String)], cause: (any Error)? = nil
    ) -> RPCStatus {
        let violations = fieldViolations.map {
            Google_Rpc_BadRequest.FieldViolation(field: $0.field, description_p: $0.description)
        }
        return RPCStatus(
            .invalidArgument, message, details: [Google_Rpc_BadRequest(fieldViolations: violations)], cause: cause)
    }

    /// This status with a `google.rpc.ErrorInfo`: why it failed as a stable `reason`
    /// (`UPPER_SNAKE_CASE`) within a `domain` (the service's name), with `metadata` for context.
    public func addingErrorInfo(reason: String, domain: String, metadata: [String: String] = [:]) -> RPCStatus {
        adding(Google_Rpc_ErrorInfo(reason: reason, domain: domain, metadata: metadata))
    }

    /// This status with a `google.rpc.RetryInfo`: the client may retry after `delay`.
    public func addingRetryInfo(retryDelay delay: Duration) -> RPCStatus {
        adding(Google_Rpc_RetryInfo(retryDelay: Google_Protobuf_Duration(delay)))
    }

    /// This status with a `google.rpc.ResourceInfo`: the resource the error is about.
    public func addingResourceInfo(
        type: String, name: String, owner: String = "", description: String = ""
    ) -> RPCStatus {
        adding(
            Google_Rpc_ResourceInfo(resourceType: type, resourceName: name, owner: owner, description_p: description))
    }

    /// The first `google.rpc.ErrorInfo` of the details, if any.
    public var errorInfo: Google_Rpc_ErrorInfo? { details(of: Google_Rpc_ErrorInfo.self).first }

    /// The delay of the first `google.rpc.RetryInfo` of the details, if any.
    public var retryDelay: Duration? {
        details(of: Google_Rpc_RetryInfo.self).first?.retryDelay?.swiftDuration
    }

    /// The field violations of every `google.rpc.BadRequest` of the details.
    public var fieldViolations: [Google_Rpc_BadRequest.FieldViolation] {
        details(of: Google_Rpc_BadRequest.self).flatMap(\.fieldViolations)
    }

    /// The first `google.rpc.ResourceInfo` of the details, if any.
    public var resourceInfo: Google_Rpc_ResourceInfo? { details(of: Google_Rpc_ResourceInfo.self).first }
}
