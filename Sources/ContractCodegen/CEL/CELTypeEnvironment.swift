/// The messages a CEL expression can reach, as the code generator knows them from descriptors.
///
/// The generator implements this over its symbol table; the compiler asks it for each field an
/// expression selects (`this.address.city` asks for `address` of the rule's message, then `city`
/// of `shop.v1.Address`) and for the Swift name of each message type it must spell out.
///
/// ```swift
/// struct Descriptors: CELTypeEnvironment {
///     func field(_ name: String, of message: String) -> CELFieldInfo? { … }
///     func swiftTypeName(ofMessage message: String) -> String? { … }  // "Shop_V1_Address"
/// }
/// ```
package protocol CELTypeEnvironment {
    /// The field called `name` (as written in the `.proto`) of the message with the
    /// fully-qualified name `message`, or `nil` when it has none.
    func field(_ name: String, of message: String) -> CELFieldInfo?

    /// The Swift type the generated code uses for the message (qualified as the generated file
    /// must write it), or `nil` when the message is unknown.
    func swiftTypeName(ofMessage message: String) -> String?
}
