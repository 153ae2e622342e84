internal import Foundation

/// How the service compares email addresses.
enum EmailAddress {
    /// The uniqueness and sign-in key of `email`: lower-cased, then in Unicode Normalization Form C
    /// (composed), so `Ada@Example.com`, `ada@example.com` and a decomposed `é` written as
    /// `e` + U+0301 all name one account. The address itself is kept as the user wrote it.
    static func key(of email: String) -> String {
        email.lowercased().precomposedStringWithCanonicalMapping
    }
}
