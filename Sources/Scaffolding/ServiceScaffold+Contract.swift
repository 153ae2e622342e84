extension ServiceScaffold {
    var contract: String {
        """
        // The \(name) service's contract. Rebuild after changing it: the build plugin regenerates
        // the Swift, and the compiler lists what the service must implement.
        syntax = "proto3";

        package \(name).v1;

        import "buf/validate/validate.proto";
        import "google/api/annotations.proto";
        import "google/api/field_behavior.proto";
        import "room619/api/v1/options.proto";

        service \(typeName)Service {
          // Creates a \(name).
          rpc Create\(typeName)(Create\(typeName)Request) returns (\(typeName)) {
            option (google.api.http) = {post: "/v1/\(name)s" body: "*"};
            option (room619.api.v1.method) = {
              success: {status: 201, location: "/v1/\(name)s/{id}"}
              access: {public: true}
            };
          }
          // One \(name) by id.
          rpc Get\(typeName)(Get\(typeName)Request) returns (\(typeName)) {
            option (google.api.http) = {get: "/v1/\(name)s/{id}"};
            option (room619.api.v1.method) = {
              access: {public: true}
              errors: [{code: NOT_FOUND, description: "no \(name) has this id"}]
            };
          }
          // Pages through every \(name), oldest first.
          rpc List\(typeName)s(List\(typeName)sRequest) returns (List\(typeName)sResponse) {
            option (google.api.http) = {get: "/v1/\(name)s"};
            option (room619.api.v1.method) = {access: {public: true}};
          }
        }

        message \(typeName) {
          // Assigned by the service.
          string id = 1 [(google.api.field_behavior) = OUTPUT_ONLY];
          string name = 2 [(buf.validate.field).string = {min_len: 1, max_len: 100}];
        }

        message Create\(typeName)Request {
          string name = 1 [(google.api.field_behavior) = REQUIRED, (buf.validate.field).string = {min_len: 1, max_len: 100}];
        }

        message Get\(typeName)Request {
          string id = 1 [(buf.validate.field).string = {min_len: 1, max_len: 64}];
        }

        message List\(typeName)sRequest {
          // At most 100; 20 when unset.
          int32 page_size = 1 [(buf.validate.field).int32 = {gte: 0, lte: 100}];
          // From the previous page's next_page_token.
          string page_token = 2 [(buf.validate.field).string.max_len = 64];
        }

        message List\(typeName)sResponse {
          repeated \(typeName) \(name)s = 1;
          // Empty on the last page.
          string next_page_token = 2;
        }

        """
    }
}
