/// The extension fields set on one message, by field number.
public struct ExtensionFieldSet: Sendable, Hashable {
    @usableFromInline var values: [Int: any AnyExtensionValue] = [:]

    /// No extensions set.
    @inlinable public init() {}

    /// Whether no extension is set.
    public var isEmpty: Bool { values.isEmpty }

    /// The field numbers that are set, ascending.
    public var fieldNumbers: [Int] { values.keys.sorted() }

    /// The value of `field`, or `nil`.
    public func value<M, Kind>(of field: ExtensionField<M, Kind>) -> Kind.Value? {
        (values[field.fieldNumber] as? ExtensionValue<Kind>)?.value
    }

    /// Sets (or, with `nil`, clears) the value of `field`.
    /// An empty repeated value clears the field: it would write nothing, so it is not "set".
    public mutating func setValue<M, Kind>(_ value: Kind.Value?, of field: ExtensionField<M, Kind>) {
        guard let value, !Kind.isEmpty(value) else {
            values[field.fieldNumber] = nil
            return
        }
        values[field.fieldNumber] = ExtensionValue<Kind>(
            fieldNumber: field.fieldNumber, fullName: field.fullName, value: value)
    }

    func encode(to encoder: inout BinaryEncoder, fieldNumbers range: Range<Int>) {
        for number in values.keys.sorted() where range.contains(number) {
            values[number]?.encode(to: &encoder)
        }
    }

    public static func == (lhs: ExtensionFieldSet, rhs: ExtensionFieldSet) -> Bool {
        guard lhs.values.count == rhs.values.count else { return false }
        for (number, value) in lhs.values {
            guard let other = rhs.values[number], value.isEqual(to: other) else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        for number in values.keys.sorted() {
            hasher.combine(number)
            values[number]?.hash(into: &hasher)
        }
    }
}

/// One stored extension value with its type erased.
@usableFromInline
protocol AnyExtensionValue: Sendable {
    func isEqual(to other: any AnyExtensionValue) -> Bool
    func hash(into hasher: inout Hasher)
    func encode(to encoder: inout BinaryEncoder)
    /// The field's full protobuf name, its JSON key in brackets.
    var fullName: String { get }
    func encodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError)
}

struct ExtensionValue<Kind: ExtensionKind>: AnyExtensionValue {
    let fieldNumber: Int
    let fullName: String
    let value: Kind.Value

    func isEqual(to other: any AnyExtensionValue) -> Bool {
        (other as? ExtensionValue<Kind>)?.value == value
    }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
    func encode(to encoder: inout BinaryEncoder) { Kind.encode(value, fieldNumber: fieldNumber, to: &encoder) }
    func encodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) { try Kind.writeJSON(value, to: &writer) }
}
