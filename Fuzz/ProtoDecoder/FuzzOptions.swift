internal import ProtoRuntime

/// The decoding options one fuzz run uses, and what the harness expects of them.
///
/// A control byte picks them, so libFuzzer's mutations explore limits and switches as well
/// as the payload:
///
/// | bits | meaning |
/// |------|---------|
/// | 0–2  | `maxDepth`: 0, 1, 2, 3, 5, 8, 32 or 100 |
/// | 3–5  | `maxMessageSize`: default, payload size (exact fit), payload size − 1 (must fail with `tooLarge`), 0, 1, 16, 64, 1024 |
/// | 6    | `allowPartial` |
/// | 7    | `discardUnknownFields` |
struct FuzzOptions {
    /// The options the payload is decoded with.
    var decoding: BinaryDecodingOptions

    /// The options a re-encoding is decoded with: the same, except for two limits.
    ///
    /// - The size limit is lifted: a re-encoding may be longer than its input (proto2 strings
    ///   gain U+FFFD for bad UTF-8).
    /// - The depth limit is one higher: a map entry without a value decodes to the default
    ///   value, and when that is a message the encoder writes it out, one level below the
    ///   entry (payload `ca 04 00`, an empty `m_string_nested` entry, re-encodes as
    ///   `ca 04 04 0a 00 12 00`). Only the deepest level can grow, so one extra level is enough.
    var redecoding: BinaryDecodingOptions {
        var options = decoding
        options.maxMessageSize = BinaryDecodingOptions.defaults.maxMessageSize
        options.maxDepth = decoding.maxDepth + 1
        return options
    }

    /// The default limits with no switches set.
    static var defaults: FuzzOptions { FuzzOptions(decoding: .defaults) }

    private static let depths = [0, 1, 2, 3, 5, 8, 32, 100]

    private init(decoding: BinaryDecodingOptions) {
        self.decoding = decoding
    }

    /// The options `control` picks for a payload of `payloadSize` bytes (see the table above).
    init(control: UInt8, payloadSize: Int) {
        var options = BinaryDecodingOptions()
        options.maxDepth = Self.depths[Int(control & 0x07)]
        switch (control >> 3) & 0x07 {
        case 0: break
        case 1: options.maxMessageSize = payloadSize
        case 2: options.maxMessageSize = payloadSize - 1
        case 3: options.maxMessageSize = 0
        case 4: options.maxMessageSize = 1
        case 5: options.maxMessageSize = 16
        case 6: options.maxMessageSize = 64
        default: options.maxMessageSize = 1024
        }
        options.allowPartial = control & 0x40 != 0
        options.discardUnknownFields = control & 0x80 != 0
        self.init(decoding: options)
    }

    /// These options with an extension registry and, optionally, partial messages allowed.
    func with(extensions: ExtensionRegistry, allowPartial: Bool) -> FuzzOptions {
        var copy = self
        copy.decoding.extensions = extensions
        copy.decoding.allowPartial = copy.decoding.allowPartial || allowPartial
        return copy
    }
}
