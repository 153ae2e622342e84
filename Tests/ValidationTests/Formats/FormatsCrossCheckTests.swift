import Testing
import Validation

/// Every format check against protovalidate 2.1.0 (PyPI, its Rust core): the hand-picked cases of
/// `Tests/Validation/formats/corpus.txt` and seeded generated ones, each string against every string
/// rule and CEL function of `formats.proto`, each byte string against every bytes rule.
///
/// The checks follow the oracle where it strays from the specifications it cites:
/// - the strict header name pattern's class `+-.` is a range, so `,` counts as a token character
///   (RFC 7230's `tchar` has no comma);
/// - email addresses have no length limits (RFC 5321 sets 64 bytes for the local part, 254 in all);
/// - a URI's IP literal takes an RFC 6874 zone after an `IPvFuture` too (`[v1.x%25eth0]`);
/// - an IPv6 zone in `ip`/`ipv6`/`host_and_port` is any non-empty text without NUL, even `]`,
///   space or non-ASCII (`[::1%a]b]:80` is a valid host and port).
@Suite("Formats: cross-check against protovalidate", .timeLimit(.minutes(3)))
struct FormatsCrossCheckTests {
    /// The Swift check behind each field of `StringFormats` in formats.proto.
    static let stringChecks: [String: @Sendable (String) -> Bool] = [
        "email": StringFormats.isEmail,
        "hostname": StringFormats.isHostname,
        "ip": { StringFormats.isIP($0) },
        "ipv4": { StringFormats.isIP($0, version: 4) },
        "ipv6": { StringFormats.isIP($0, version: 6) },
        "uri": StringFormats.isURI,
        "uri_ref": StringFormats.isURIReference,
        "address": StringFormats.isAddress,
        "uuid": StringFormats.isUUID,
        "tuuid": StringFormats.isTUUID,
        "ip_with_prefixlen": { StringFormats.isIPPrefix($0, strict: false) },
        "ipv4_with_prefixlen": { StringFormats.isIPPrefix($0, version: 4, strict: false) },
        "ipv6_with_prefixlen": { StringFormats.isIPPrefix($0, version: 6, strict: false) },
        "ip_prefix": { StringFormats.isIPPrefix($0, strict: true) },
        "ipv4_prefix": { StringFormats.isIPPrefix($0, version: 4, strict: true) },
        "ipv6_prefix": { StringFormats.isIPPrefix($0, version: 6, strict: true) },
        "host_and_port": { StringFormats.isHostAndPort($0, portRequired: true) },
        "ulid": StringFormats.isULID,
        "protobuf_fqn": StringFormats.isProtobufFQN,
        "protobuf_dot_fqn": StringFormats.isProtobufDotFQN,
        "header_name_strict": { StringFormats.isHTTPHeaderName($0, strict: true) },
        "header_name_loose": { StringFormats.isHTTPHeaderName($0, strict: false) },
        "header_value_strict": { StringFormats.isHTTPHeaderValue($0, strict: true) },
        "header_value_loose": { StringFormats.isHTTPHeaderValue($0, strict: false) },
        // The CEL functions call the same checks as the standard rules.
        "cel_is_email": StringFormats.isEmail,
        "cel_is_hostname": StringFormats.isHostname,
        "cel_is_ip": { StringFormats.isIP($0) },
        "cel_is_ip_0": { StringFormats.isIP($0, version: 0) },
        "cel_is_ip_4": { StringFormats.isIP($0, version: 4) },
        "cel_is_ip_6": { StringFormats.isIP($0, version: 6) },
        "cel_is_ip_5": { StringFormats.isIP($0, version: 5) },
        "cel_is_ip_prefix": { StringFormats.isIPPrefix($0, strict: false) },
        "cel_is_ip_prefix_4": { StringFormats.isIPPrefix($0, version: 4, strict: false) },
        "cel_is_ip_prefix_6": { StringFormats.isIPPrefix($0, version: 6, strict: false) },
        "cel_is_ip_prefix_strict": { StringFormats.isIPPrefix($0, strict: true) },
        "cel_is_ip_prefix_4_strict": { StringFormats.isIPPrefix($0, version: 4, strict: true) },
        "cel_is_ip_prefix_6_strict": { StringFormats.isIPPrefix($0, version: 6, strict: true) },
        "cel_is_ip_prefix_6_loose": { StringFormats.isIPPrefix($0, version: 6, strict: false) },
        "cel_is_uri": StringFormats.isURI,
        "cel_is_uri_ref": StringFormats.isURIReference,
        "cel_is_host_and_port_required": { StringFormats.isHostAndPort($0, portRequired: true) },
        "cel_is_host_and_port_optional": { StringFormats.isHostAndPort($0, portRequired: false) },
    ]

    /// The Swift check behind each field of `BytesFormats`.
    static let bytesChecks: [String: @Sendable ([UInt8]) -> Bool] = [
        "ip": { ByteFormats.isIP($0) },
        "ipv4": { ByteFormats.isIP($0, version: 4) },
        "ipv6": { ByteFormats.isIP($0, version: 6) },
        "uuid": { ByteFormats.isUUID($0) },
    ]

    @Test("the Swift checks cover exactly the fields of formats.proto")
    func checksCoverTheContract() async throws {
        let oracle = try await FormatOracle.shared.value
        #expect(Set(oracle.stringFields) == Set(Self.stringChecks.keys))
        #expect(Set(oracle.bytesFields) == Set(Self.bytesChecks.keys))
    }

    @Test("every check both accepts and rejects some corpus case")
    func corpusExercisesEveryCheck() async throws {
        let oracle = try await FormatOracle.shared.value
        #expect(oracle.stringCases.count >= 10_000)
        for field in oracle.stringFields where field != "cel_is_ip_5" {
            #expect(oracle.stringCases.contains { !$0.rejected.contains(field) }, "nothing passes \(field)")
            #expect(oracle.stringCases.contains { $0.rejected.contains(field) }, "nothing fails \(field)")
        }
        for field in oracle.bytesFields {
            #expect(oracle.bytesCases.contains { !$0.rejected.contains(field) }, "nothing passes bytes \(field)")
            #expect(oracle.bytesCases.contains { $0.rejected.contains(field) }, "nothing fails bytes \(field)")
        }
    }

    @Test("every string case gets protovalidate's verdict from every check")
    func stringVerdicts() async throws {
        let oracle = try await FormatOracle.shared.value
        var mismatches: [String] = []
        for oracleCase in oracle.stringCases {
            let value = String(decoding: oracleCase.value, as: UTF8.self)
            for field in oracle.stringFields {
                guard let check = Self.stringChecks[field] else { continue }
                let expected = !oracleCase.rejected.contains(field)
                if check(value) != expected {
                    mismatches.append("\(field)(\(value.debugDescription)): protovalidate says \(expected)")
                }
            }
        }
        let checked = oracle.stringCases.count * oracle.stringFields.count
        let report = mismatches.prefix(60).joined(separator: "\n")
        #expect(
            mismatches.count == 0, "\(mismatches.count) of \(checked) verdicts differ (seed \(oracle.seed)):\n\(report)"
        )
    }

    @Test("every bytes case gets protovalidate's verdict from every check")
    func bytesVerdicts() async throws {
        let oracle = try await FormatOracle.shared.value
        var mismatches: [String] = []
        for oracleCase in oracle.bytesCases {
            for field in oracle.bytesFields {
                guard let check = Self.bytesChecks[field] else { continue }
                let expected = !oracleCase.rejected.contains(field)
                if check(oracleCase.value) != expected {
                    mismatches.append("bytes.\(field)(\(oracleCase.value.count) bytes): protovalidate says \(expected)")
                }
            }
        }
        #expect(oracle.bytesCases.count >= 40)
        let report = mismatches.prefix(60).joined(separator: "\n")
        #expect(mismatches.count == 0, "seed \(oracle.seed):\n\(report)")
    }
}
