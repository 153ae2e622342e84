import ProductContracts
import RPC
import Testing
import UserContracts

/// The sample contracts declare who may call each method as issue 14 asks, and the generated
/// descriptors carry it.
@Suite("Sample contracts: who may call each method")
struct ContractAccessTests {
    static let admin = RPCAccess.authenticated(roles: ["admin"])

    @Test("user.v1.UserService: sign-up and sessions public, accounts signed-in, listing and roles admin")
    func users() {
        typealias Method = User_V1_UserService.Method
        let expected: [(RPCMethodDescriptor, RPCAccess)] = [
            (Method.createUser, .public), (Method.login, .public), (Method.refresh, .public),
            (Method.logout, .public), (Method.getMe, .signedIn), (Method.getUser, .signedIn),
            (Method.updateUser, .signedIn), (Method.deleteUser, .signedIn), (Method.changePassword, .signedIn),
            (Method.listUsers, Self.admin), (Method.setRoles, Self.admin),
        ]
        #expect(expected.count == User_V1_UserService.descriptor.methods.count)
        for (method, access) in expected { #expect(method.access == access, "\(method.method)") }
    }

    @Test("product.v1.ProductService: reads public, changes admin, inventory internal")
    func products() {
        typealias Method = Product_V1_ProductService.Method
        let expected: [(RPCMethodDescriptor, RPCAccess)] = [
            (Method.getProduct, .public), (Method.listProducts, .public), (Method.searchProducts, .public),
            (Method.getStock, .public), (Method.createProduct, Self.admin), (Method.updateProduct, Self.admin),
            (Method.deleteProduct, Self.admin), (Method.reserveStock, .internal),
            (Method.releaseReservation, .internal), (Method.commitReservation, .internal),
        ]
        #expect(expected.count == Product_V1_ProductService.descriptor.methods.count)
        for (method, access) in expected { #expect(method.access == access, "\(method.method)") }
    }

    @Test("internal methods have no REST route")
    func internalNotRouted() {
        let routed = Set(Product_V1_ProductService.descriptor.httpRoutes.map(\.method.method))
        #expect(routed.isDisjoint(with: ["ReserveStock", "ReleaseReservation", "CommitReservation"]))
        #expect(routed.count == 7)
    }
}
