import RPC
import Storage
import Testing

@testable import ProductService

@Suite("Product errors")
struct ProductErrorTests {
    @Test(
        "storage failures become the status docs/storage.md suggests",
        arguments: [
            (StorageError.Kind.serializationFailure, RPCStatus.Code.aborted), (.timeout, .deadlineExceeded),
            (.cancelled, .cancelled), (.poolExhausted, .unavailable), (.connectionFailed, .unavailable),
            (.closed, .unavailable), (.invalidValue, .invalidArgument), (.notNullViolation, .invalidArgument),
            (.uniqueViolation, .alreadyExists), (.checkViolation, .failedPrecondition),
            (.foreignKeyViolation, .failedPrecondition), (.invalidStatement, .internal), (.storageFailure, .internal),
            (.readOnly, .internal), (.typeMismatch, .internal),
        ])
    func storageMapping(kind: StorageError.Kind, expected: RPCStatus.Code) {
        let cause = StorageError(kind: kind, message: "secret detail", sql: "SELECT secret FROM products")
        let status = ProductError.storage(cause).rpcStatus
        #expect(status.code == expected)
        // The client sees a sentence of ours, never the SQL or the driver's message.
        #expect(!status.message.contains("secret") && !status.message.isEmpty)
        #expect((status.cause as? ProductError)?.cause == cause)
    }

    @Test("a taken SKU names the SKU; other unique violations do not claim it")
    func uniqueViolations() {
        let sku = StorageError(kind: .uniqueViolation, message: "duplicate", constraint: "products_sku_key")
        #expect(SQLProductRepository.translate(sku, sku: "LAMP-1").message == "a product with the SKU LAMP-1 exists")
        let id = StorageError(kind: .uniqueViolation, message: "duplicate", constraint: "products_id_key")
        #expect(SQLProductRepository.translate(id, sku: "LAMP-1").code == .alreadyExists)
        #expect(!SQLProductRepository.translate(id, sku: "LAMP-1").message.contains("LAMP-1"))
        #expect(ProductError(.notFound, "gone").description == "not found: \"gone\"")
    }
}
