// The rules every stored product keeps, whatever path it came by: the contract's field rules
// (which the server's validation also checks, before the handler) and the catalogue's own.

/// Checks a product before it is stored.
///
/// The contract's `buf.validate` rules run before a handler when the server validates requests
/// (the default); these checks hold the same line when it does not, and add the rules the
/// contract cannot state: a name that is more than spaces, a price that is not negative, no NUL
/// characters (PostgreSQL cannot store them).
enum ProductRules {
    /// - Throws: ``ProductError/Code/invalidArgument`` naming the first field that breaks a rule.
    static func check(_ product: CatalogProduct) throws(ProductError) {
        guard isSKU(product.sku) else {
            throw .invalid("product.sku", "must be 3 to 32 of A-Z, 0-9 and '-', starting with a letter or digit")
        }
        guard product.name.contains(where: { !$0.isWhitespace }) else {
            throw .invalid("product.name", "a product needs a name")
        }
        try checkText(product.name, "product.name", maximum: 200)
        try checkText(product.description, "product.description", maximum: 5000)
        guard isCategory(product.category) else {
            throw .invalid("product.category", "must be lower-case letters, digits and '-' (at most 48)")
        }
        guard product.price.minorUnits >= 0 else {
            throw .invalid("product.price.minor_units", "a price must not be negative")
        }
        guard isCurrencyCode(product.price.currencyCode) else {
            throw .invalid("product.price.currency_code", "must be an ISO 4217 code such as EUR")
        }
        try checkTags(product.tags)
        try checkAttributes(product.attributes)
    }

    private static func checkTags(_ tags: [String]) throws(ProductError) {
        guard tags.count <= 20 else { throw .invalid("product.tags", "at most 20 tags") }
        for (index, tag) in tags.enumerated() {
            guard !tag.isEmpty else { throw .invalid("product.tags[\(index)]", "a tag must not be empty") }
            try checkText(tag, "product.tags[\(index)]", maximum: 32)
        }
        guard Set(tags).count == tags.count else { throw .invalid("product.tags", "tags must be unique") }
    }

    private static func checkAttributes(_ attributes: [String: String]) throws(ProductError) {
        guard attributes.count <= 50 else { throw .invalid("product.attributes", "at most 50 attributes") }
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            guard !key.isEmpty else { throw .invalid("product.attributes", "a key must not be empty") }
            try checkText(key, "product.attributes key \"\(key)\"", maximum: 64)
            try checkText(value, "product.attributes[\"\(key)\"]", maximum: 256)
        }
    }

    /// At most `maximum` code points (as the contract counts) and no NUL character.
    private static func checkText(_ text: String, _ field: String, maximum: Int) throws(ProductError) {
        var count = 0
        for scalar in text.unicodeScalars {
            guard scalar.value != 0 else { throw .invalid(field, "must not contain NUL characters") }
            count += 1
        }
        guard count <= maximum else { throw .invalid(field, "at most \(maximum) characters, got \(count)") }
    }

    /// `^[A-Z0-9][A-Z0-9-]{2,31}$`.
    static func isSKU(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (3...32).contains(bytes.count), let first = bytes.first, first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `^([a-z0-9][a-z0-9-]{0,47})?$`.
    static func isCategory(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return true }
        guard bytes.count <= 48, first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `^[A-Z]{3}$`.
    static func isCurrencyCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 3 && bytes.allSatisfy(isUpper)
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
