// DO NOT EDIT. Written by scripts/generate-runtime-protos.sh from Protos/.
// swift-format-ignore-file

/// Contracts the generator makes importable everywhere: the driver puts them on protoc's path.
enum BundledProtos {
    /// `.proto` path → source text.
    static let files: [String: String] = [
        "buf/validate/validate.proto": #"""
// The rule contract of protovalidate (package buf.validate), written for room619.
//
// This file is a wire contract: package, message and field names, field numbers and extension
// numbers are the same as in protovalidate's own buf/validate/validate.proto, so .proto files
// annotated for protovalidate compile against it unchanged. room619's generator reads these
// options and compiles them into Swift validators (docs/validation.md); the comments here are
// our own. Upstream's validate.proto also attaches the CEL text of each standard rule to its
// field as an option; room619 implements the standard rules natively and leaves those out.
syntax = "proto2";

package buf.validate;

import "google/protobuf/descriptor.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/field_mask.proto";
import "google/protobuf/timestamp.proto";

option go_package = "buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate";
option java_multiple_files = true;
option java_outer_classname = "ValidateProto";
option java_package = "com.buf.validate";
option objc_class_prefix = "BVX";
option csharp_namespace = "Buf.Validate";
option php_namespace = "Buf\\Validate";
option php_metadata_namespace = "Buf\\Validate\\GPBMetadata";
option ruby_package = "Buf::Validate";

// Message-level rules: `option (buf.validate.message) = {...};`
extend google.protobuf.MessageOptions {
  optional MessageRules message = 1159;
}

// Oneof-level rules: `option (buf.validate.oneof) = {...};`
extend google.protobuf.OneofOptions {
  optional OneofRules oneof = 1159;
}

// Field-level rules: `[(buf.validate.field) = {...}]`
extend google.protobuf.FieldOptions {
  optional FieldRules field = 1159;
  // Turns a field of an extension of a *Rules message into a reusable (predefined) rule.
  optional PredefinedRules predefined = 1160;
}

// A custom rule written in CEL. The expression sees the value under check as `this`
// (and, for predefined rules, the rule value as `rule`); it yields true or an empty string
// when the value passes, and false or an explanation when it does not.
message Rule {
  // Names the rule in violations; unique among the rules that apply to one value.
  optional string id = 1;
  // Shown when a boolean expression yields false.
  optional string message = 2;
  // The CEL source.
  optional string expression = 3;
}

// Rules about a whole message, set with `option (buf.validate.message) = {...}`.
message MessageRules {
  // Shorthand for `cel` rules given as bare expressions (the id is the expression).
  repeated string cel_expression = 5;
  // CEL rules that see the message as `this`.
  repeated Rule cel = 3;
  // Groups of fields of which at most one (or, with `required`, exactly one) may be set.
  repeated MessageOneofRule oneof = 4;
  reserved 1;
  reserved "disabled";
}

// A set of fields that behave like a oneof without changing the wire format.
message MessageOneofRule {
  // Names of fields of this message; each appears in one rule at most.
  repeated string fields = 1;
  // When true, one of the fields must be set.
  optional bool required = 2;
}

// Rules for a `oneof`, set with `option (buf.validate.oneof) = {...}`.
message OneofRules {
  // When true, one member of the oneof must be set.
  optional bool required = 1;
}

// Rules for one field, set with `[(buf.validate.field) = {...}]`. The `type` member must
// match the field's type; `repeated` and `map` describe lists and maps, whose items, keys and
// values carry FieldRules of their own.
message FieldRules {
  // Shorthand CEL rules given as bare expressions.
  repeated string cel_expression = 29;
  // CEL rules that see the field value as `this`.
  repeated Rule cel = 23;
  // The field must be set: present for fields that track presence, non-default otherwise,
  // non-empty for lists and maps.
  optional bool required = 25;
  // When the other rules of the field are skipped.
  optional Ignore ignore = 27;
  oneof type {
    FloatRules float = 1;
    DoubleRules double = 2;
    Int32Rules int32 = 3;
    Int64Rules int64 = 4;
    UInt32Rules uint32 = 5;
    UInt64Rules uint64 = 6;
    SInt32Rules sint32 = 7;
    SInt64Rules sint64 = 8;
    Fixed32Rules fixed32 = 9;
    Fixed64Rules fixed64 = 10;
    SFixed32Rules sfixed32 = 11;
    SFixed64Rules sfixed64 = 12;
    BoolRules bool = 13;
    StringRules string = 14;
    BytesRules bytes = 15;
    EnumRules enum = 16;
    RepeatedRules repeated = 18;
    MapRules map = 19;
    AnyRules any = 20;
    DurationRules duration = 21;
    FieldMaskRules field_mask = 28;
    TimestampRules timestamp = 22;
  }
  reserved 24;
  reserved 26;
  reserved "skipped";
  reserved "ignore_empty";
}

// Marks a field of a user extension of one of the *Rules messages as a reusable rule:
// `extend buf.validate.StringRules { bool my_rule = 1000 [(buf.validate.predefined).cel = {...}]; }`.
message PredefinedRules {
  repeated Rule cel = 1;
  reserved 24;
  reserved 26;
  reserved "skipped";
  reserved "ignore_empty";
}

// Rules for `float` fields. Ranges: `gt`/`gte` with `lt`/`lte`; when the lower bound is
// above the upper one, the range is exclusive (the value must lie outside it).
message FloatRules {
  optional float const = 1;
  oneof less_than {
    float lt = 2;
    float lte = 3;
  }
  oneof greater_than {
    float gt = 4;
    float gte = 5;
  }
  repeated float in = 6;
  repeated float not_in = 7;
  optional bool finite = 8;
  repeated float example = 9;
  extensions 1000 to max;
}

// Rules for `double` fields; see FloatRules.
message DoubleRules {
  optional double const = 1;
  oneof less_than {
    double lt = 2;
    double lte = 3;
  }
  oneof greater_than {
    double gt = 4;
    double gte = 5;
  }
  repeated double in = 6;
  repeated double not_in = 7;
  optional bool finite = 8;
  repeated double example = 9;
  extensions 1000 to max;
}

// Rules for `int32` fields; ranges behave as in FloatRules.
message Int32Rules {
  optional int32 const = 1;
  oneof less_than {
    int32 lt = 2;
    int32 lte = 3;
  }
  oneof greater_than {
    int32 gt = 4;
    int32 gte = 5;
  }
  repeated int32 in = 6;
  repeated int32 not_in = 7;
  repeated int32 example = 8;
  extensions 1000 to max;
}

// Rules for `int64` fields.
message Int64Rules {
  optional int64 const = 1;
  oneof less_than {
    int64 lt = 2;
    int64 lte = 3;
  }
  oneof greater_than {
    int64 gt = 4;
    int64 gte = 5;
  }
  repeated int64 in = 6;
  repeated int64 not_in = 7;
  repeated int64 example = 9;
  extensions 1000 to max;
}

// Rules for `uint32` fields.
message UInt32Rules {
  optional uint32 const = 1;
  oneof less_than {
    uint32 lt = 2;
    uint32 lte = 3;
  }
  oneof greater_than {
    uint32 gt = 4;
    uint32 gte = 5;
  }
  repeated uint32 in = 6;
  repeated uint32 not_in = 7;
  repeated uint32 example = 8;
  extensions 1000 to max;
}

// Rules for `uint64` fields.
message UInt64Rules {
  optional uint64 const = 1;
  oneof less_than {
    uint64 lt = 2;
    uint64 lte = 3;
  }
  oneof greater_than {
    uint64 gt = 4;
    uint64 gte = 5;
  }
  repeated uint64 in = 6;
  repeated uint64 not_in = 7;
  repeated uint64 example = 8;
  extensions 1000 to max;
}

// Rules for `sint32` fields.
message SInt32Rules {
  optional sint32 const = 1;
  oneof less_than {
    sint32 lt = 2;
    sint32 lte = 3;
  }
  oneof greater_than {
    sint32 gt = 4;
    sint32 gte = 5;
  }
  repeated sint32 in = 6;
  repeated sint32 not_in = 7;
  repeated sint32 example = 8;
  extensions 1000 to max;
}

// Rules for `sint64` fields.
message SInt64Rules {
  optional sint64 const = 1;
  oneof less_than {
    sint64 lt = 2;
    sint64 lte = 3;
  }
  oneof greater_than {
    sint64 gt = 4;
    sint64 gte = 5;
  }
  repeated sint64 in = 6;
  repeated sint64 not_in = 7;
  repeated sint64 example = 8;
  extensions 1000 to max;
}

// Rules for `fixed32` fields.
message Fixed32Rules {
  optional fixed32 const = 1;
  oneof less_than {
    fixed32 lt = 2;
    fixed32 lte = 3;
  }
  oneof greater_than {
    fixed32 gt = 4;
    fixed32 gte = 5;
  }
  repeated fixed32 in = 6;
  repeated fixed32 not_in = 7;
  repeated fixed32 example = 8;
  extensions 1000 to max;
}

// Rules for `fixed64` fields.
message Fixed64Rules {
  optional fixed64 const = 1;
  oneof less_than {
    fixed64 lt = 2;
    fixed64 lte = 3;
  }
  oneof greater_than {
    fixed64 gt = 4;
    fixed64 gte = 5;
  }
  repeated fixed64 in = 6;
  repeated fixed64 not_in = 7;
  repeated fixed64 example = 8;
  extensions 1000 to max;
}

// Rules for `sfixed32` fields.
message SFixed32Rules {
  optional sfixed32 const = 1;
  oneof less_than {
    sfixed32 lt = 2;
    sfixed32 lte = 3;
  }
  oneof greater_than {
    sfixed32 gt = 4;
    sfixed32 gte = 5;
  }
  repeated sfixed32 in = 6;
  repeated sfixed32 not_in = 7;
  repeated sfixed32 example = 8;
  extensions 1000 to max;
}

// Rules for `sfixed64` fields.
message SFixed64Rules {
  optional sfixed64 const = 1;
  oneof less_than {
    sfixed64 lt = 2;
    sfixed64 lte = 3;
  }
  oneof greater_than {
    sfixed64 gt = 4;
    sfixed64 gte = 5;
  }
  repeated sfixed64 in = 6;
  repeated sfixed64 not_in = 7;
  repeated sfixed64 example = 8;
  extensions 1000 to max;
}

// Rules for `bool` fields.
message BoolRules {
  optional bool const = 1;
  repeated bool example = 2;
  extensions 1000 to max;
}

// Rules for `string` fields. Lengths without `_bytes` count Unicode code points; the
// `well_known` formats check the syntax of common kinds of strings.
message StringRules {
  optional string const = 1;
  optional uint64 len = 19;
  optional uint64 min_len = 2;
  optional uint64 max_len = 3;
  optional uint64 len_bytes = 20;
  optional uint64 min_bytes = 4;
  optional uint64 max_bytes = 5;
  // An RE2 regular expression the value must contain a match of.
  optional string pattern = 6;
  optional string prefix = 7;
  optional string suffix = 8;
  optional string contains = 9;
  optional string not_contains = 23;
  repeated string in = 10;
  repeated string not_in = 11;
  oneof well_known {
    bool email = 12;
    bool hostname = 13;
    bool ip = 14;
    bool ipv4 = 15;
    bool ipv6 = 16;
    bool uri = 17;
    bool uri_ref = 18;
    bool address = 21;
    bool uuid = 22;
    bool tuuid = 33;
    bool ip_with_prefixlen = 26;
    bool ipv4_with_prefixlen = 27;
    bool ipv6_with_prefixlen = 28;
    bool ip_prefix = 29;
    bool ipv4_prefix = 30;
    bool ipv6_prefix = 31;
    bool host_and_port = 32;
    bool ulid = 35;
    bool protobuf_fqn = 37;
    bool protobuf_dot_fqn = 38;
    KnownRegex well_known_regex = 24;
  }
  // For `well_known_regex`: when false, header checks accept any byte but NUL, CR and LF.
  optional bool strict = 25;
  // Example values, for documentation only.
  repeated string example = 34;
  extensions 1000 to max;
}

// Rules for `bytes` fields; `pattern` applies to bytes that are valid UTF-8.
message BytesRules {
  optional bytes const = 1;
  optional uint64 len = 13;
  optional uint64 min_len = 2;
  optional uint64 max_len = 3;
  optional string pattern = 4;
  optional bytes prefix = 5;
  optional bytes suffix = 6;
  optional bytes contains = 7;
  repeated bytes in = 8;
  repeated bytes not_in = 9;
  oneof well_known {
    bool ip = 10;
    bool ipv4 = 11;
    bool ipv6 = 12;
    bool uuid = 15;
  }
  repeated bytes example = 14;
  extensions 1000 to max;
}

// Rules for enum fields, on the numeric values.
message EnumRules {
  optional int32 const = 1;
  // The value must be one the enum declares.
  optional bool defined_only = 2;
  repeated int32 in = 3;
  repeated int32 not_in = 4;
  repeated int32 example = 5;
  extensions 1000 to max;
}

// Rules for repeated fields.
message RepeatedRules {
  optional uint64 min_items = 1;
  optional uint64 max_items = 2;
  // All items must differ (scalar and enum items only).
  optional bool unique = 3;
  // Rules each item must pass.
  optional FieldRules items = 4;
  extensions 1000 to max;
}

// Rules for map fields.
message MapRules {
  optional uint64 min_pairs = 1;
  optional uint64 max_pairs = 2;
  // Rules each key must pass.
  optional FieldRules keys = 4;
  // Rules each value must pass.
  optional FieldRules values = 5;
  extensions 1000 to max;
}

// Rules for `google.protobuf.Any` fields, on the type URL.
message AnyRules {
  repeated string in = 2;
  repeated string not_in = 3;
}

// Rules for `google.protobuf.Duration` fields.
message DurationRules {
  optional google.protobuf.Duration const = 2;
  oneof less_than {
    google.protobuf.Duration lt = 3;
    google.protobuf.Duration lte = 4;
  }
  oneof greater_than {
    google.protobuf.Duration gt = 5;
    google.protobuf.Duration gte = 6;
  }
  repeated google.protobuf.Duration in = 7;
  repeated google.protobuf.Duration not_in = 8;
  repeated google.protobuf.Duration example = 9;
  extensions 1000 to max;
}

// Rules for `google.protobuf.FieldMask` fields.
message FieldMaskRules {
  optional google.protobuf.FieldMask const = 1;
  repeated string in = 2;
  repeated string not_in = 3;
  repeated google.protobuf.FieldMask example = 4;
  extensions 1000 to max;
}

// Rules for `google.protobuf.Timestamp` fields; `*_now` and `within` compare with the time
// of the check.
message TimestampRules {
  optional google.protobuf.Timestamp const = 2;
  oneof less_than {
    google.protobuf.Timestamp lt = 3;
    google.protobuf.Timestamp lte = 4;
    bool lt_now = 7;
  }
  oneof greater_than {
    google.protobuf.Timestamp gt = 5;
    google.protobuf.Timestamp gte = 6;
    bool gt_now = 8;
  }
  // The value must lie within this distance of now, in either direction.
  optional google.protobuf.Duration within = 9;
  repeated google.protobuf.Timestamp example = 10;
  extensions 1000 to max;
}

// Every rule a message broke; protovalidate puts this in error details.
message Violations {
  repeated Violation violations = 1;
}

// One broken rule: where (`field`), which rule (`rule`, `rule_id`), and why.
message Violation {
  optional FieldPath field = 5;
  optional FieldPath rule = 6;
  optional string rule_id = 2;
  optional string message = 3;
  // True when the violation is about a map key rather than its value.
  optional bool for_key = 4;
  reserved 1;
  reserved "field_path";
}

// A path from the message checked to a nested value.
message FieldPath {
  repeated FieldPathElement elements = 1;
}

// One step of a FieldPath: a field, and for lists and maps the index or key.
message FieldPathElement {
  optional int32 field_number = 1;
  optional string field_name = 2;
  optional google.protobuf.FieldDescriptorProto.Type field_type = 3;
  optional google.protobuf.FieldDescriptorProto.Type key_type = 4;
  optional google.protobuf.FieldDescriptorProto.Type value_type = 5;
  oneof subscript {
    uint64 index = 6;
    bool bool_key = 7;
    int64 int_key = 8;
    uint64 uint_key = 9;
    string string_key = 10;
  }
}

enum Ignore {
  IGNORE_UNSPECIFIED = 0;
  IGNORE_IF_ZERO_VALUE = 1;
  IGNORE_ALWAYS = 3;
  // Former modes, folded into IGNORE_IF_ZERO_VALUE.
  reserved 2;
  reserved "IGNORE_EMPTY", "IGNORE_DEFAULT", "IGNORE_IF_DEFAULT_VALUE", "IGNORE_IF_UNPOPULATED";
}

enum KnownRegex {
  KNOWN_REGEX_UNSPECIFIED = 0;
  KNOWN_REGEX_HTTP_HEADER_NAME = 1;
  KNOWN_REGEX_HTTP_HEADER_VALUE = 2;
}

"""#,
        "google/api/http.proto": #"""
// google.api.http: how an RPC is exposed as a REST endpoint. A wire contract: package, message
// and field names and numbers are googleapis' own (a test compares the descriptor with the one
// googleapis-common-protos ships), so contracts annotated for grpc-gateway compile unchanged.
// The comments are room619's; docs/rest.md describes what room619 does with each field.
syntax = "proto3";

package google.api;

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "HttpProto";
option java_package = "com.google.api";
option objc_class_prefix = "GAPI";

// A service's HTTP configuration as a list of rules (used in service config files; in a
// contract, each method carries its own rule through `google.api.http`).
message Http {
  // One rule per method, by selector.
  repeated HttpRule rules = 1;
  // When true, `{var=**}` variables are percent-decoded in full, reserved characters included.
  bool fully_decode_reserved_expansion = 2;
}

// How one method maps to HTTP: a verb with a path template, where the request body comes from,
// and what part of the response is the HTTP body.
message HttpRule {
  // The method this rule applies to (service config files only).
  string selector = 1;

  // The verb and the path template (`/v1/shelves/{shelf}/books/{book=*}`, `/v1/{name=**}:undelete`).
  oneof pattern {
    string get = 2;
    string put = 3;
    string post = 4;
    string delete = 5;
    string patch = 6;
    // Any other verb.
    CustomHttpPattern custom = 8;
  }

  // Which request field the HTTP body fills: `*` for every field not bound by the path, a field
  // name for that field, empty for no body (the remaining fields come from the query string).
  string body = 7;

  // Which response field is the HTTP body; empty for the whole response.
  string response_body = 12;

  // More bindings for the same method (each without further additional bindings).
  repeated HttpRule additional_bindings = 11;
}

// A verb outside the standard five, with its path template.
message CustomHttpPattern {
  // The verb, such as `HEAD`.
  string kind = 1;
  // The path template.
  string path = 2;
}
"""#,
        "google/api/annotations.proto": #"""
// The method option that carries a google.api.HttpRule: `option (google.api.http) = {...};`.
// A wire contract (googleapis' package, names and extension number); comments are room619's.
syntax = "proto3";

package google.api;

import "google/api/http.proto";
import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "AnnotationsProto";
option java_package = "com.google.api";
option objc_class_prefix = "GAPI";

extend google.protobuf.MethodOptions {
  // How the method is exposed over HTTP.
  HttpRule http = 72295728;
}
"""#,
        "google/api/field_behavior.proto": #"""
// How a field behaves in requests and responses (AIP-203):
// `[(google.api.field_behavior) = REQUIRED]`. A wire contract (googleapis' package, names and
// numbers); comments are room619's. room619 reads it for OpenAPI (`required`, `readOnly`,
// `writeOnly`).
syntax = "proto3";

package google.api;

import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "FieldBehaviorProto";
option java_package = "com.google.api";
option objc_class_prefix = "GAPI";

extend google.protobuf.FieldOptions {
  // The field's behaviors; several may apply.
  repeated google.api.FieldBehavior field_behavior = 1052;
}

// One behavior of a field.
enum FieldBehavior {
  // Not specified.
  FIELD_BEHAVIOR_UNSPECIFIED = 0;
  // Callers may leave it out.
  OPTIONAL = 1;
  // Callers must set it.
  REQUIRED = 2;
  // Set by the server only; ignored in requests.
  OUTPUT_ONLY = 3;
  // Sent by callers only; never returned.
  INPUT_ONLY = 4;
  // Set once, at creation.
  IMMUTABLE = 5;
  // A list whose order the server does not keep.
  UNORDERED_LIST = 6;
  // Unset in a request, the server fills a non-empty default.
  NON_EMPTY_DEFAULT = 7;
  // The resource's name or identifier.
  IDENTIFIER = 8;
}
"""#,
        "google/api/httpbody.proto": #"""
// A raw HTTP body with its content type, for methods whose request or response is not JSON
// (file upload and download). A wire contract (googleapis' package, names and numbers); comments
// are room619's.
syntax = "proto3";

package google.api;

import "google/protobuf/any.proto";

option go_package = "google.golang.org/genproto/googleapis/api/httpbody;httpbody";
option java_multiple_files = true;
option java_outer_classname = "HttpBodyProto";
option java_package = "com.google.api";
option objc_class_prefix = "GAPI";

// A body passed through as it is.
message HttpBody {
  // The body's media type, such as `image/png`.
  string content_type = 1;
  // The body's bytes.
  bytes data = 2;
  // Metadata the application attaches to a streamed body.
  repeated google.protobuf.Any extensions = 3;
}
"""#,
        "google/rpc/code.proto": #"""
// The canonical error codes of Google APIs and gRPC, as the google.rpc contract
// (googleapis, google/rpc/code.proto) declares them. Package, names, numbers and
// options match upstream so the enum is wire-compatible; the comments are room619's.

syntax = "proto3";

package google.rpc;

option go_package = "google.golang.org/genproto/googleapis/rpc/code;code";
option java_multiple_files = true;
option java_outer_classname = "CodeProto";
option java_package = "com.google.rpc";
option objc_class_prefix = "RPC";

// What kind of outcome a call had. The numbers are the `grpc-status` values.
// Pick the most specific code that fits; clients branch on the code, people read
// the message.
enum Code {
  // Success.
  OK = 0;

  // The caller gave up: it cancelled the call.
  CANCELLED = 1;

  // Something failed and no better code says what, for example an error from
  // another system that has no mapping.
  UNKNOWN = 2;

  // The request is wrong whatever the state of the system: a malformed name, a
  // value out of its allowed set. Retrying the same request fails the same way.
  INVALID_ARGUMENT = 3;

  // The deadline passed before the operation finished; it may still have taken
  // effect on the server.
  DEADLINE_EXCEEDED = 4;

  // The thing the request names does not exist.
  NOT_FOUND = 5;

  // The thing the request tried to create is already there.
  ALREADY_EXISTS = 6;

  // The caller is known but may not do this. Use UNAUTHENTICATED when the caller
  // is not known, and RESOURCE_EXHAUSTED when a quota ran out.
  PERMISSION_DENIED = 7;

  // The request carries no valid credentials for the operation.
  UNAUTHENTICATED = 16;

  // A limit was reached: a per-user quota, or the space left in a file system.
  RESOURCE_EXHAUSTED = 8;

  // The system is not in the state the operation needs (deleting a directory
  // that is not empty, say). The client should not retry until that state has
  // been fixed.
  FAILED_PRECONDITION = 9;

  // The operation was abandoned because of a conflict with another one, such as
  // a failed transaction or a sequencer check; retrying at a higher level (the
  // whole read-modify-write) may succeed.
  ABORTED = 10;

  // The request asked for something past a valid range, such as reading past
  // the end of a file. Unlike INVALID_ARGUMENT, the same request may succeed once
  // the state changes.
  OUT_OF_RANGE = 11;

  // The server does not implement or support this operation.
  UNIMPLEMENTED = 12;

  // An invariant the system relies on was broken. Reserved for serious errors.
  INTERNAL = 13;

  // The service cannot be reached right now; usually transient, so retrying with
  // backoff is reasonable (for idempotent operations).
  UNAVAILABLE = 14;

  // Data was lost or corrupted beyond recovery.
  DATA_LOSS = 15;
}
"""#,
        "room619/api/v1/options.proto": #"""
// room619's own options for what google.api.http cannot say: the status of a successful call,
// the errors a method declares (they land in OpenAPI), who may call a method, and a request
// header bound to a request field. Kept small on purpose; docs/rest.md is the reference.
//
//   rpc CreateOrder(CreateOrderRequest) returns (Order) {
//     option (google.api.http) = {post: "/v1/orders" body: "*"};
//     option (room619.api.v1.method) = {
//       success: {status: 201, location: "/v1/orders/{id}"}
//       errors: [{code: INVALID_ARGUMENT, description: "the order is not valid"}]
//       access: {roles: ["customer", "admin"]}
//     };
//   }
//   string idempotency_key = 5 [(room619.api.v1.header) = "Idempotency-Key"];
syntax = "proto3";

package room619.api.v1;

import "google/protobuf/descriptor.proto";
import "google/rpc/code.proto";

// What a method's HTTP binding says beyond google.api.http.
message MethodOptions {
  // The response of a successful call.
  SuccessResponse success = 1;
  // The errors the method is declared to return, for documentation (OpenAPI responses).
  repeated DeclaredError errors = 2;
  // Who may call the method: any valid user access token when unset.
  Access access = 3;
}

// Who may call a method. Set at most one of the three; with none set (or no `access` at all),
// any caller with a valid user access token may.
message Access {
  // Anyone, without a token (sign-up, login, public reads).
  bool public = 1;
  // A user access token carrying at least one of these roles (`admin`); each matches
  // `[a-z][a-z0-9_-]{0,63}`, once.
  repeated string roles = 2;
  // Other services only, with a service token signed by the platform: never routed from the
  // REST edge (no google.api.http rule allowed) and left out of OpenAPI.
  bool internal = 3;
}

// The HTTP status of a successful call: 200 when unset.
message SuccessResponse {
  // 200, 201 (Created), 202 (Accepted) or 204 (No Content, and no body).
  int32 status = 1;
  // With 201 or 202: the `Location` header, a template over the response's fields
  // (`/v1/orders/{id}`).
  string location = 2;
}

// An error a method may return.
message DeclaredError {
  // The status code; its HTTP status follows the standard mapping (NOT_FOUND is 404).
  google.rpc.Code code = 1;
  // When and why, for people.
  string description = 2;
}

extend google.protobuf.MethodOptions {
  // room619's HTTP options of a method.
  MethodOptions method = 61900;
}

extend google.protobuf.FieldOptions {
  // Binds a request header to this string field: REST callers send the header, gRPC callers set
  // the field (`Idempotency-Key` → `idempotency_key`).
  string header = 61900;
}
"""#,
    ]
}
