extension OpenAPIDocumentBuilder {
    /// The name of the one security scheme, in `components.securitySchemes`.
    static let bearerSchemeName = "bearerAuth"

    /// A room619 access token: `Authorization: Bearer <JWT>` (RFC 6750 §2.1), an OpenAPI 3.1
    /// `http` scheme (§4.8.27).
    static let bearerScheme: JSONValue = [
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": .string(
            "A user access token (a JWT) in `Authorization: Bearer <token>`. An operation's requirement lists "
                + "the roles the token needs one of; an empty list accepts any signed-in user."),
    ]

    /// Documents who may call the operation, from the method's `(room619.api.v1.method).access`.
    ///
    /// A public method gets `security: []` (no token, overriding any document-wide requirement).
    /// Any other gets `security: [{bearerAuth: [roles…]}]`: OpenAPI 3.1 (§4.8.30) lets the array
    /// of a non-OAuth scheme list the roles the token must carry, and an empty one means any
    /// valid token; the token's roles need to include one of them. It then answers 401
    /// (`UNAUTHENTICATED`, no valid token) and, with roles, 403 (`PERMISSION_DENIED`), added to
    /// its responses unless the method declares those errors itself (its wording is kept).
    /// Internal methods have no operation: the caller leaves them out.
    ///
    /// - Returns: Whether the operation names the bearer scheme.
    mutating func secure(
        _ operation: inout [String: JSONValue], responses: inout [String: JSONValue], access: MethodAccess
    ) -> Bool {
        switch access {
        case .public, .internal:
            operation["security"] = []
            return false
        case .authenticated(let roles):
            operation["security"] = [[Self.bearerSchemeName: .array(roles.map { .string($0) })]]
            let content: JSONValue = ["application/json": ["schema": schemas.reference(".google.rpc.Status")]]
            if responses["401"] == nil {
                responses["401"] = [
                    "description": .string(
                        "`UNAUTHENTICATED`: no access token, or one that is not valid (expired, badly signed, "
                            + "or from an issuer the server does not trust)."),
                    "content": content,
                ]
            }
            if !roles.isEmpty, responses["403"] == nil {
                responses["403"] = [
                    "description": .string(
                        "`PERMISSION_DENIED`: the access token has none of the roles "
                            + RuleSchemas.codeList(roles) + "."),
                    "content": content,
                ]
            }
            return true
        }
    }
}
