import ProtoRuntime
import RPC
import SampleServices
import Testing

@Suite("Field mask updates")
struct FieldMaskUpdateTests {
    static let updatable = ["email", "display_name", "labels"]

    @Test("a mask names the fields, once each, in its order")
    func masked() throws {
        let mask = Google_Protobuf_FieldMask(paths: ["labels", "email", "labels"])
        let update = try FieldMaskUpdate(mask: mask, updatable: Self.updatable, populated: ["display_name"])
        #expect(update.paths == ["labels", "email"])
        #expect(!update.contains("display_name"))
    }

    @Test("an empty or absent mask means the populated updatable fields")
    func unmasked() throws {
        let populated = ["display_name", "labels"]
        #expect(try FieldMaskUpdate(mask: nil, updatable: Self.updatable, populated: populated).paths == populated)
        let empty = Google_Protobuf_FieldMask()
        #expect(try FieldMaskUpdate(mask: empty, updatable: Self.updatable, populated: populated).paths == populated)
    }

    @Test(
        "a path that is not updatable is INVALID_ARGUMENT naming it", arguments: ["status", "user.email", "", "Email"])
    func unknownPath(path: String) throws {
        let mask = Google_Protobuf_FieldMask(paths: ["email", path])
        let error = try #require(throws: RPCStatus.self) {
            try FieldMaskUpdate(mask: mask, updatable: Self.updatable, populated: [])
        }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("\"\(path)\""))
    }
}
