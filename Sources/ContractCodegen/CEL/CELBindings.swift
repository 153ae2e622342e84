/// What the names in a CEL rule stand for: `this`, and for predefined rules `rule` and `rules`;
/// and the Swift names the compiled expression reads them from.
///
/// ```swift
/// // A message rule: `this` is the message.
/// CELBindings(this: .message("shop.v1.User", swift: "self"))
/// // A predefined rule on a string field, `(my.max_words) = 5`:
/// CELBindings(this: .field(kind: .string, swift: "value"), rule: .int(5))
/// ```
package struct CELBindings: Sendable, Hashable {
    /// The value `this` names.
    package var this: CELThis
    /// The value of the predefined rule's own extension field (`rule`), known at generation time.
    package var rule: CELConstant?
    /// The rules message the predefined rule extends (`rules`), with the values of its fields.
    package var rules: CELRulesValue?
    /// The Swift name of the local holding `now` (a `Google_Protobuf_Timestamp` the generator
    /// reads once from `context.now`).
    package var nowSwift: String

    /// Creates bindings.
    package init(this: CELThis, rule: CELConstant? = nil, rules: CELRulesValue? = nil, nowSwift: String = "now") {
        self.this = this
        self.rule = rule
        self.rules = rules
        self.nowSwift = nowSwift
    }
}

/// What `this` is in a rule: a message (message rules) or a field's value (field rules, including
/// the rules on list items and map keys or values).
package struct CELThis: Sendable, Hashable {
    /// The kind of one value.
    package var kind: CELValueKind
    /// `.single` for one value, `.repeated` for a whole list, `.map(key:)` for a whole map;
    /// `.optional` means the same as `.single` (the generator unwraps a present value first).
    package var shape: CELFieldInfo.Shape
    /// A Swift expression of the value, not optional (`self`, `value`, `self.items`).
    package var swift: String

    /// Creates a binding.
    package init(kind: CELValueKind, shape: CELFieldInfo.Shape = .single, swift: String) {
        self.kind = kind
        self.shape = shape
        self.swift = swift
    }

    /// `this` as a whole message.
    package static func message(_ name: String, swift: String) -> CELThis {
        CELThis(kind: .message(name), swift: swift)
    }

    /// `this` as the value of a field (a non-optional Swift expression).
    package static func field(_ field: CELFieldInfo, swift: String) -> CELThis {
        CELThis(kind: field.kind, shape: field.shape, swift: swift)
    }
}

/// A value known when the code is generated: a predefined rule's value, or a field of its rules
/// message.
package indirect enum CELConstant: Sendable, Hashable {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case duration(seconds: Int64, nanos: Int32)
    case timestamp(seconds: Int64, nanos: Int32)
    /// A list, with its item type (for an empty list).
    case list(CELType, [CELConstant])
}

/// The `rules` message of a predefined rule (`buf.validate.StringRules`, …): the fields the
/// expression may read, each with its value and whether it is set.
package struct CELRulesValue: Sendable, Hashable {
    /// One field of the rules message.
    package struct Field: Sendable, Hashable {
        /// Its value (the default when it is not set).
        package var value: CELConstant
        /// Whether the field is set (`has(rules.x)`).
        package var isSet: Bool

        /// Creates a field.
        package init(value: CELConstant, isSet: Bool = true) {
            self.value = value
            self.isSet = isSet
        }
    }

    /// The fully-qualified name of the rules message (`buf.validate.StringRules`).
    package var messageName: String
    /// Fields by `.proto` name, including extensions by their full name (`my.pkg.max_words`).
    package var fields: [String: Field]

    /// Creates the value.
    package init(messageName: String, fields: [String: Field]) {
        self.messageName = messageName
        self.fields = fields
    }
}
