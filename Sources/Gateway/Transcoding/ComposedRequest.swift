internal import Bytes
internal import GoogleContracts
internal import ProtoRuntime
internal import RPC

/// One request message's sources, ready for the generic decode in
/// ``GatewayStreamIO/receive(_:)``: the JSON object to decode, the JSON merged over it (path
/// variables inside what the body sets), or a `google.api.HttpBody` built from the raw body.
struct ComposedRequest: Sendable {
    /// The request as JSON (the body for `body: "*"`, else the object of path, query and body members).
    var base: ByteBuffer
    /// Decoded as the request type and merged over `base`'s message, when present.
    var overlay: ByteBuffer?
    /// The request itself, when its type is `google.api.HttpBody`.
    var httpBody: Google_Api_HttpBody?

    /// The request for `body` (possibly empty) with the bound fields.
    /// - Throws: ``HTTPFailure``: 400 for a body that is not one JSON value.
    static func compose(
        plan: RoutePlan, fields: RequestBinder.RequestFields, body: ByteBuffer, contentType: String?,
        schemas: SchemaIndex, options: JSONDecodingOptions
    ) throws(HTTPFailure) -> ComposedRequest {
        if plan.requestIsHTTPBody {
            return ComposedRequest(
                base: ByteBuffer(), httpBody: Google_Api_HttpBody(contentType: contentType ?? "", data: body))
        }
        var direct = fields.direct
        var overlay = fields.overBody
        switch plan.body {
        case .none:
            return ComposedRequest(base: direct.buffer)
        case .field(let field):
            if plan.bodyFieldIsHTTPBody {
                var wrapped = JSONObjectBuilder()
                wrapped.set(["content_type"], .value(.string(contentType ?? "")))
                wrapped.set(["data"], .value(.string(base64(body))))
                direct.set([field.name], .object(wrapped))
            } else if body.readableBytes > 0 {
                try check(body, options: options)
                direct.set([field.name], .raw(body))
                if let mask = plan.updateMask, case .message(let type) = field.kind,
                    let resource = schemas.message(type)
                {
                    let paths = try maskPaths(body, resource: resource, schemas: schemas, options: options)
                    direct.set([mask.name], .value(.string(paths ?? "")))
                }
            }
            return ComposedRequest(base: direct.buffer, overlay: overlay.isEmpty ? nil : overlay.buffer)
        case .whole:
            let base = body.readableBytes > 0 ? body : ByteBuffer(string: "{}")
            if let mask = plan.updateMask, body.readableBytes > 0 {
                let paths = try maskPaths(
                    body, resource: plan.request, schemas: schemas, options: options, skipping: mask.name)
                if let paths { overlay.set([mask.name], .value(.string(paths))) }
            }
            return ComposedRequest(base: base, overlay: overlay.isEmpty ? nil : overlay.buffer)
        }
    }

    /// The mask of a PATCH body's keys in FieldMask's JSON form (`title,author.displayName`), or
    /// `nil` when the body sends the mask itself (`skipping` is present).
    private static func maskPaths(
        _ body: ByteBuffer, resource: MessageSchema, schemas: SchemaIndex, options: JSONDecodingOptions,
        skipping: String? = nil
    ) throws(HTTPFailure) -> String? {
        do {
            let found = try JSONInspection.fieldMaskPaths(
                of: body, message: resource, schemas: schemas, options: options, skipping: skipping)
            if found.sawSkipped { return nil }
            return FieldValueText.fieldMaskJSON(found.paths.joined(separator: ","))
        } catch {
            throw GatewayStreamIO.failure(for: error)
        }
    }

    private static func check(_ body: ByteBuffer, options: JSONDecodingOptions) throws(HTTPFailure) {
        do {
            try JSONInspection.checkSingleValue(body, options: options)
        } catch {
            throw GatewayStreamIO.failure(for: error)
        }
    }

    private static func base64(_ bytes: ByteBuffer) -> String {
        var text = ByteBuffer()
        bytes.withUnsafeReadableBytes { Base64.encode($0, into: &text) }
        return String(decoding: text.readableBytesArray, as: UTF8.self)
    }

    /// Decodes the request as `M`.
    /// - Throws: ``RPCStatus`` `INVALID_ARGUMENT` with a `BadRequest` naming the JSON path.
    func decode<M: Message>(_ type: M.Type, options: JSONDecodingOptions) throws(RPCStatus) -> M {
        if let httpBody {
            guard let message = httpBody as? M else {
                throw RPCStatus(.internal, "the route's request type is not \(M.protoMessageName)")
            }
            return message
        }
        do {
            var message = try M(decodingJSON: base, options: options)
            if let overlay {
                let over = try M(decodingJSON: overlay, options: options)
                try message.merge(decoding: over.serializedBuffer(partial: true))
            }
            return message
        } catch let error as JSONDecodingError {
            throw GatewayStreamIO.status(for: error)
        } catch {
            throw RPCStatus(.internal, "the request could not be assembled", cause: error)
        }
    }
}
