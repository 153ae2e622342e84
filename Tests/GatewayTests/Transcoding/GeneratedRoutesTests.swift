import RPC
import RestTestbed
import Testing

@Suite("Generated routes: the generator emits what the annotations mean")
struct GeneratedRoutesTests {
    @Test("library.proto's generated httpRoutes equal the table written by hand from its annotations")
    func generatedEqualsHandWritten() {
        let generated = Room619_Testing_Library_V1_Library.descriptor.httpRoutes
        let expected = Room619_Testing_Library_V1_Library.handWrittenRoutes
        #expect(generated.count == expected.count)
        for (index, (got, want)) in zip(generated, expected).enumerated() {
            #expect(got == want, "route \(index): \(got.httpMethod) \(got.path)")
        }
    }
}
