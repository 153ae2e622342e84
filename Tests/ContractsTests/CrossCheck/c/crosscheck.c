/*
 * Cross-checks room619's protobuf runtime against libprotobuf-c, using the message
 * room619.testing.v1.CSubset (Tests/ContractsTests/Protos/room619/testing/v1/c_subset.proto).
 *
 * Built at test time by Tests/ContractsTests/CrossCheckCTests.swift:
 *   protoc-c --c_out=GEN -I Protos room619/testing/v1/c_subset.proto
 *   cc -I GEN crosscheck.c GEN/room619/testing/v1/c_subset.pb-c.c -lprotobuf-c
 *
 *   crosscheck-c check CASE FILE...  decode each FILE, compare every field with CASE; exit 1 on mismatch
 *   crosscheck-c encode CASE FILE    write CASE's encoding to FILE
 *
 * Each case below is built the same way on the Swift side. Comparison walks libprotobuf-c's own
 * descriptors, so every field is checked, floats by bit pattern, maps regardless of entry order.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "room619/testing/v1/c_subset.pb-c.h"

typedef Room619__Testing__V1__CSubset CSubset;
typedef Room619__Testing__V1__CSubset__Point Point;
typedef Room619__Testing__V1__CSubset__MStringInt32Entry StringInt32Entry;
typedef Room619__Testing__V1__CSubset__MSint64PointEntry Sint64PointEntry;

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define SET_REPEATED(message, field, array) \
    ((message)->n_##field = COUNT(array), (message)->field = (array))
#define POINT(x_, label_) \
    { PROTOBUF_C_MESSAGE_INIT(&room619__testing__v1__csubset__point__descriptor), (x_), (char *)(label_) }
#define BINARY(array) { sizeof(array), (array) }

#define SHADE_UNSPECIFIED ROOM619__TESTING__V1__SHADE__SHADE_UNSPECIFIED
#define SHADE_LIGHT ROOM619__TESTING__V1__SHADE__SHADE_LIGHT
#define SHADE_DARK ROOM619__TESTING__V1__SHADE__SHADE_DARK

/* MARK: Cases */

/* Largest values, unicode, all non-default map entries in sorted order, a string oneof. */
static void build_max(CSubset *m) {
    static Point f_point = POINT(INT32_MAX, "日本");
    static int32_t r_int32[] = {1, INT32_MAX};
    static int64_t r_int64[] = {1, INT64_MAX};
    static uint32_t r_uint32[] = {UINT32_MAX, 127, 128};
    static uint64_t r_uint64[] = {UINT64_MAX, UINT64_C(1) << 63};
    static int32_t r_sint32[] = {INT32_MAX, 1};
    static int64_t r_sint64[] = {INT64_MAX, 2};
    static uint32_t r_fixed32[] = {UINT32_MAX};
    static uint64_t r_fixed64[] = {UINT64_MAX, 1};
    static int32_t r_sfixed32[] = {INT32_MAX};
    static int64_t r_sfixed64[] = {INT64_MAX};
    static float r_float[] = {FLT_MAX, INFINITY, 1.5f};
    static double r_double[] = {DBL_MAX, INFINITY, 0.1};
    static protobuf_c_boolean r_bool[] = {1, 1};
    static Room619__Testing__V1__Shade r_shade[] = {SHADE_DARK, SHADE_LIGHT};
    static char *r_string[] = {"a", "ü", "🌍"};
    static uint8_t f_bytes[] = {0x00, 0xFF, 0x80, 0x7F}, bytes_ff[] = {0xFF}, bytes_00_01[] = {0x00, 0x01};
    static ProtobufCBinaryData r_bytes[] = {BINARY(bytes_ff), BINARY(bytes_00_01)};
    static Point point_one = POINT(1, "one"), point_max = POINT(INT32_MAX, "");
    static Point *r_point[] = {&point_one, &point_max};
    static StringInt32Entry entry_a = ROOM619__TESTING__V1__CSUBSET__MSTRING_INT32_ENTRY__INIT;
    static StringInt32Entry entry_zz = ROOM619__TESTING__V1__CSUBSET__MSTRING_INT32_ENTRY__INIT;
    static StringInt32Entry *m_string_int32[] = {&entry_a, &entry_zz};
    static Point point_min = POINT(-1, "min"), point_max_key = POINT(1, "max");
    static Sint64PointEntry entry_min = ROOM619__TESTING__V1__CSUBSET__MSINT64_POINT_ENTRY__INIT;
    static Sint64PointEntry entry_max = ROOM619__TESTING__V1__CSUBSET__MSINT64_POINT_ENTRY__INIT;
    static Sint64PointEntry *m_sint64_point[] = {&entry_min, &entry_max};

    m->f_int32 = INT32_MAX;
    m->f_int64 = INT64_MAX;
    m->f_uint32 = UINT32_MAX;
    m->f_uint64 = UINT64_MAX;
    m->f_sint32 = INT32_MAX;
    m->f_sint64 = INT64_MAX;
    m->f_fixed32 = UINT32_MAX;
    m->f_fixed64 = UINT64_MAX;
    m->f_sfixed32 = INT32_MAX;
    m->f_sfixed64 = INT64_MAX;
    m->f_float = FLT_MAX;
    m->f_double = INFINITY;
    m->f_bool = 1;
    m->f_string = "héllo 🌍";
    m->f_bytes = (ProtobufCBinaryData)BINARY(f_bytes);
    m->f_shade = SHADE_DARK;
    m->f_point = &f_point;
    SET_REPEATED(m, r_int32, r_int32);
    SET_REPEATED(m, r_int64, r_int64);
    SET_REPEATED(m, r_uint32, r_uint32);
    SET_REPEATED(m, r_uint64, r_uint64);
    SET_REPEATED(m, r_sint32, r_sint32);
    SET_REPEATED(m, r_sint64, r_sint64);
    SET_REPEATED(m, r_fixed32, r_fixed32);
    SET_REPEATED(m, r_fixed64, r_fixed64);
    SET_REPEATED(m, r_sfixed32, r_sfixed32);
    SET_REPEATED(m, r_sfixed64, r_sfixed64);
    SET_REPEATED(m, r_float, r_float);
    SET_REPEATED(m, r_double, r_double);
    SET_REPEATED(m, r_bool, r_bool);
    SET_REPEATED(m, r_shade, r_shade);
    SET_REPEATED(m, r_string, r_string);
    SET_REPEATED(m, r_bytes, r_bytes);
    SET_REPEATED(m, r_point, r_point);
    entry_a.key = "a";
    entry_a.value = 1;
    entry_zz.key = "zz";
    entry_zz.value = INT32_MAX;
    SET_REPEATED(m, m_string_int32, m_string_int32);
    entry_min.key = INT64_MIN;
    entry_min.value = &point_min;
    entry_max.key = INT64_MAX;
    entry_max.value = &point_max_key;
    SET_REPEATED(m, m_sint64_point, m_sint64_point);
    m->choice_case = ROOM619__TESTING__V1__CSUBSET__CHOICE_C_STRING;
    m->c_string = "oneof ✓";
}

/* Smallest values, -1, -0.0, subnormals, empty messages, map entries with default keys and
 * values (which libprotobuf-c leaves out of the entry), and a oneof set to zero. -0.0 appears only
 * in repeated fields: libprotobuf-c 1.4 compares singular proto3 floats with 0 by value, so it
 * would not write a singular -0.0. */
static void build_min(CSubset *m) {
    static Point f_point = POINT(0, "");
    static int32_t r_int32[] = {-1, INT32_MIN, 0};
    static int64_t r_int64[] = {-1, INT64_MIN, 0};
    static uint32_t r_uint32[] = {0};
    static uint64_t r_uint64[] = {0, 0};
    static int32_t r_sint32[] = {-1, INT32_MIN};
    static int64_t r_sint64[] = {-1, INT64_MIN};
    static uint32_t r_fixed32[] = {0};
    static uint64_t r_fixed64[] = {0};
    static int32_t r_sfixed32[] = {-1, INT32_MIN};
    static int64_t r_sfixed64[] = {-1, INT64_MIN};
    static float r_float[] = {-0.0f, -INFINITY, FLT_TRUE_MIN};
    static double r_double[] = {-0.0, -INFINITY, DBL_TRUE_MIN, -DBL_MAX};
    static protobuf_c_boolean r_bool[] = {0, 1, 0};
    static Room619__Testing__V1__Shade r_shade[] = {SHADE_UNSPECIFIED, SHADE_LIGHT};
    static char *r_string[] = {"", ""};
    static uint8_t bytes_00[] = {0x00};
    static ProtobufCBinaryData r_bytes[] = {{0, NULL}, BINARY(bytes_00)};
    static Point point_empty = POINT(0, ""), point_min = POINT(INT32_MIN, "");
    static Point *r_point[] = {&point_empty, &point_min};
    static StringInt32Entry entry_empty = ROOM619__TESTING__V1__CSUBSET__MSTRING_INT32_ENTRY__INIT;
    static StringInt32Entry entry_neg = ROOM619__TESTING__V1__CSUBSET__MSTRING_INT32_ENTRY__INIT;
    static StringInt32Entry *m_string_int32[] = {&entry_empty, &entry_neg};
    static Point point_zero_key = POINT(0, ""), point_minus_one = POINT(-1, "");
    static Sint64PointEntry entry_zero = ROOM619__TESTING__V1__CSUBSET__MSINT64_POINT_ENTRY__INIT;
    static Sint64PointEntry entry_minus_one = ROOM619__TESTING__V1__CSUBSET__MSINT64_POINT_ENTRY__INIT;
    static Sint64PointEntry *m_sint64_point[] = {&entry_minus_one, &entry_zero};

    m->f_int32 = INT32_MIN;
    m->f_int64 = INT64_MIN;
    m->f_sint32 = INT32_MIN;
    m->f_sint64 = INT64_MIN;
    m->f_sfixed32 = INT32_MIN;
    m->f_sfixed64 = INT64_MIN;
    m->f_float = -FLT_MAX;
    m->f_double = -INFINITY;
    m->f_point = &f_point;
    SET_REPEATED(m, r_int32, r_int32);
    SET_REPEATED(m, r_int64, r_int64);
    SET_REPEATED(m, r_uint32, r_uint32);
    SET_REPEATED(m, r_uint64, r_uint64);
    SET_REPEATED(m, r_sint32, r_sint32);
    SET_REPEATED(m, r_sint64, r_sint64);
    SET_REPEATED(m, r_fixed32, r_fixed32);
    SET_REPEATED(m, r_fixed64, r_fixed64);
    SET_REPEATED(m, r_sfixed32, r_sfixed32);
    SET_REPEATED(m, r_sfixed64, r_sfixed64);
    SET_REPEATED(m, r_float, r_float);
    SET_REPEATED(m, r_double, r_double);
    SET_REPEATED(m, r_bool, r_bool);
    SET_REPEATED(m, r_shade, r_shade);
    SET_REPEATED(m, r_string, r_string);
    SET_REPEATED(m, r_bytes, r_bytes);
    SET_REPEATED(m, r_point, r_point);
    entry_empty.key = "";
    entry_empty.value = 0;
    entry_neg.key = "neg";
    entry_neg.value = -1;
    SET_REPEATED(m, m_string_int32, m_string_int32);
    entry_minus_one.key = -1;
    entry_minus_one.value = &point_minus_one;
    entry_zero.key = 0;
    entry_zero.value = &point_zero_key;
    SET_REPEATED(m, m_sint64_point, m_sint64_point);
    m->choice_case = ROOM619__TESTING__V1__CSUBSET__CHOICE_C_UINT32;
    m->c_uint32 = 0;
}

/* Everyday values, empty repeated fields, no nested message, a message oneof. */
static void build_ordinary(CSubset *m) {
    static uint8_t f_bytes[] = {1, 2, 3};
    static int32_t r_int32[] = {150};
    static char *r_string[] = {"hello"};
    static StringInt32Entry entry = ROOM619__TESTING__V1__CSUBSET__MSTRING_INT32_ENTRY__INIT;
    static StringInt32Entry *m_string_int32[] = {&entry};
    static Point c_point = POINT(-5, "p");

    m->f_int32 = 150;
    m->f_int64 = -300;
    m->f_uint32 = 300;
    m->f_uint64 = UINT64_C(1) << 40;
    m->f_sint32 = -150;
    m->f_sint64 = INT64_C(1) << 40;
    m->f_fixed32 = 0xDEADBEEF;
    m->f_fixed64 = UINT64_C(0x0123456789ABCDEF);
    m->f_sfixed32 = -123456;
    m->f_sfixed64 = INT64_C(-1234567890123);
    m->f_float = 1.5f;
    m->f_double = 3.141592653589793;
    m->f_bool = 1;
    m->f_string = "hello";
    m->f_bytes = (ProtobufCBinaryData)BINARY(f_bytes);
    m->f_shade = SHADE_LIGHT;
    SET_REPEATED(m, r_int32, r_int32);
    SET_REPEATED(m, r_string, r_string);
    entry.key = "k";
    entry.value = 42;
    SET_REPEATED(m, m_string_int32, m_string_int32);
    m->choice_case = ROOM619__TESTING__V1__CSUBSET__CHOICE_C_POINT;
    m->c_point = &c_point;
}

static const struct {
    const char *name;
    void (*build)(CSubset *);
} cases[] = {
    {"max", build_max},
    {"min", build_min},
    {"ordinary", build_ordinary},
};

/* MARK: Comparison */

static int mismatches;

static void mismatch(const char *path, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "%s: ", path);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    mismatches++;
}

static size_t element_size(ProtobufCType type) {
    switch (type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_ENUM: return sizeof(int32_t);
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32: return sizeof(uint32_t);
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64: return sizeof(int64_t);
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: return sizeof(uint64_t);
    case PROTOBUF_C_TYPE_FLOAT: return sizeof(float);
    case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
    case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage *);
    }
    abort();
}

/* Whether two scalar values are identical (floats by bit pattern, so -0.0 != 0.0). */
static bool scalar_equal(ProtobufCType type, const void *a, const void *b) {
    switch (type) {
    case PROTOBUF_C_TYPE_STRING: {
        const char *x = *(char *const *)a, *y = *(char *const *)b;
        return strcmp(x ? x : "", y ? y : "") == 0;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *x = a, *y = b;
        return x->len == y->len && (x->len == 0 || memcmp(x->data, y->data, x->len) == 0);
    }
    case PROTOBUF_C_TYPE_BOOL:
        return !*(const protobuf_c_boolean *)a == !*(const protobuf_c_boolean *)b;
    default:
        return memcmp(a, b, element_size(type)) == 0;
    }
}

static void format_scalar(char *out, size_t size, ProtobufCType type, const void *value) {
    switch (type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_ENUM: snprintf(out, size, "%" PRId32, *(const int32_t *)value); break;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32: snprintf(out, size, "%" PRIu32, *(const uint32_t *)value); break;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64: snprintf(out, size, "%" PRId64, *(const int64_t *)value); break;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: snprintf(out, size, "%" PRIu64, *(const uint64_t *)value); break;
    case PROTOBUF_C_TYPE_FLOAT: {
        uint32_t bits;
        memcpy(&bits, value, sizeof bits);
        snprintf(out, size, "%.9g (0x%08" PRIx32 ")", *(const float *)value, bits);
        break;
    }
    case PROTOBUF_C_TYPE_DOUBLE: {
        uint64_t bits;
        memcpy(&bits, value, sizeof bits);
        snprintf(out, size, "%.17g (0x%016" PRIx64 ")", *(const double *)value, bits);
        break;
    }
    case PROTOBUF_C_TYPE_BOOL: snprintf(out, size, "%s", *(const protobuf_c_boolean *)value ? "true" : "false"); break;
    case PROTOBUF_C_TYPE_STRING: {
        const char *string = *(char *const *)value;
        snprintf(out, size, "\"%s\"", string ? string : "");
        break;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *bytes = value;
        size_t used = (size_t)snprintf(out, size, "bytes[%zu]", bytes->len);
        for (size_t i = 0; i < bytes->len && used + 4 < size; i++) {
            used += (size_t)snprintf(out + used, size - used, " %02x", bytes->data[i]);
        }
        break;
    }
    case PROTOBUF_C_TYPE_MESSAGE: snprintf(out, size, "<message>"); break;
    }
}

static void compare_message(const char *path, const ProtobufCMessage *got, const ProtobufCMessage *want);

static void compare_value(const char *path, const ProtobufCFieldDescriptor *field, const void *got, const void *want) {
    if (field->type == PROTOBUF_C_TYPE_MESSAGE) {
        const ProtobufCMessage *g = *(ProtobufCMessage *const *)got, *w = *(ProtobufCMessage *const *)want;
        if (!g != !w) {
            mismatch(path, "got %s, want %s", g ? "a message" : "no message", w ? "a message" : "no message");
        } else if (g) {
            compare_message(path, g, w);
        }
        return;
    }
    if (!scalar_equal(field->type, got, want)) {
        char g[1024], w[1024];
        format_scalar(g, sizeof g, field->type, got);
        format_scalar(w, sizeof w, field->type, want);
        mismatch(path, "got %s, want %s", g, w);
    }
}

static bool is_map_entry(const ProtobufCFieldDescriptor *field) {
    if (field->type != PROTOBUF_C_TYPE_MESSAGE || field->label != PROTOBUF_C_LABEL_REPEATED) return false;
    const ProtobufCMessageDescriptor *entry = field->descriptor;
    size_t length = strlen(entry->name);
    return entry->n_fields == 2 && length > 5 && strcmp(entry->name + length - 5, "Entry") == 0
        && strcmp(entry->fields[0].name, "key") == 0 && strcmp(entry->fields[1].name, "value") == 0;
}

/* Map entries match by key, whatever order they were written in. */
static void compare_map(const char *path, const ProtobufCFieldDescriptor *field,
                        ProtobufCMessage *const *got, size_t got_count,
                        ProtobufCMessage *const *want, size_t want_count) {
    const ProtobufCFieldDescriptor *key = &((const ProtobufCMessageDescriptor *)field->descriptor)->fields[0];
    if (got_count != want_count) mismatch(path, "got %zu entries, want %zu", got_count, want_count);
    for (size_t i = 0; i < want_count; i++) {
        const char *want_key = (const char *)want[i] + key->offset;
        char key_text[256], entry_path[512];
        format_scalar(key_text, sizeof key_text, key->type, want_key);
        snprintf(entry_path, sizeof entry_path, "%s[%s]", path, key_text);
        size_t j = 0;
        while (j < got_count && !scalar_equal(key->type, (const char *)got[j] + key->offset, want_key)) j++;
        if (j == got_count) {
            mismatch(entry_path, "missing");
        } else {
            compare_message(entry_path, got[j], want[i]);
        }
    }
}

static void compare_field(const char *path, const ProtobufCFieldDescriptor *field,
                          const ProtobufCMessage *got, const ProtobufCMessage *want) {
    const char *g = (const char *)got, *w = (const char *)want;
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        uint32_t got_case = *(const uint32_t *)(g + field->quantifier_offset);
        uint32_t want_case = *(const uint32_t *)(w + field->quantifier_offset);
        if ((got_case == field->id) != (want_case == field->id)) {
            mismatch(path, want_case == field->id ? "not set, want it set" : "set, want it unset");
        } else if (got_case == field->id) {
            compare_value(path, field, g + field->offset, w + field->offset);
        }
        return;
    }
    if (field->label != PROTOBUF_C_LABEL_REPEATED) {
        compare_value(path, field, g + field->offset, w + field->offset);
        return;
    }
    size_t got_count = *(const size_t *)(g + field->quantifier_offset);
    size_t want_count = *(const size_t *)(w + field->quantifier_offset);
    const char *got_elements = *(char *const *)(g + field->offset);
    const char *want_elements = *(char *const *)(w + field->offset);
    if (is_map_entry(field)) {
        compare_map(path, field, (ProtobufCMessage *const *)got_elements, got_count,
                    (ProtobufCMessage *const *)want_elements, want_count);
        return;
    }
    if (got_count != want_count) mismatch(path, "got %zu elements, want %zu", got_count, want_count);
    size_t size = element_size(field->type);
    for (size_t i = 0; i < got_count && i < want_count; i++) {
        char element_path[512];
        snprintf(element_path, sizeof element_path, "%s[%zu]", path, i);
        compare_value(element_path, field, got_elements + i * size, want_elements + i * size);
    }
}

static void compare_message(const char *path, const ProtobufCMessage *got, const ProtobufCMessage *want) {
    const ProtobufCMessageDescriptor *descriptor = want->descriptor;
    if (got->descriptor != descriptor) {
        mismatch(path, "got a %s, want a %s", got->descriptor->name, descriptor->name);
        return;
    }
    for (unsigned i = 0; i < descriptor->n_fields; i++) {
        char field_path[512];
        snprintf(field_path, sizeof field_path, "%s.%s", path, descriptor->fields[i].name);
        compare_field(field_path, &descriptor->fields[i], got, want);
    }
    if (got->n_unknown_fields != 0) mismatch(path, "%u unknown fields, want none", got->n_unknown_fields);
}

/* MARK: Commands */

static uint8_t *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    size_t capacity = 4096, used = 0;
    uint8_t *data = malloc(capacity);
    size_t n;
    while (data && (n = fread(data + used, 1, capacity - used, file)) > 0) {
        used += n;
        if (used == capacity) data = realloc(data, capacity *= 2);
    }
    fclose(file);
    *length = used;
    return data;
}

static int check(const CSubset *expected, const char *path) {
    size_t length;
    uint8_t *data = read_file(path, &length);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    ProtobufCMessage *decoded =
        protobuf_c_message_unpack(&room619__testing__v1__csubset__descriptor, NULL, length, data);
    if (!decoded) {
        fprintf(stderr, "libprotobuf-c could not decode %s (%zu bytes):", path, length);
        for (size_t i = 0; i < length; i++) fprintf(stderr, " %02x", data[i]);
        fputc('\n', stderr);
        free(data);
        return 1;
    }
    mismatches = 0;
    compare_message("CSubset", decoded, &expected->base);
    protobuf_c_message_free_unpacked(decoded, NULL);
    free(data);
    if (mismatches) fprintf(stderr, "%d mismatches decoding %s with libprotobuf-c\n", mismatches, path);
    return mismatches ? 1 : 0;
}

static int encode(const CSubset *message, const char *path) {
    size_t length = protobuf_c_message_get_packed_size(&message->base);
    uint8_t *data = malloc(length ? length : 1);
    protobuf_c_message_pack(&message->base, data);
    FILE *file = fopen(path, "wb");
    bool written = file && fwrite(data, 1, length, file) == length;
    if (file) written = (fclose(file) == 0) && written;
    free(data);
    if (!written) fprintf(stderr, "cannot write %s\n", path);
    return written ? 0 : 2;
}

int main(int argc, char **argv) {
    bool checking = argc >= 4 && strcmp(argv[1], "check") == 0;
    bool encoding = argc == 4 && strcmp(argv[1], "encode") == 0;
    if (!checking && !encoding) {
        fprintf(stderr, "usage: %s check CASE FILE... | encode CASE FILE\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < COUNT(cases); i++) {
        if (strcmp(cases[i].name, argv[2]) != 0) continue;
        CSubset expected = ROOM619__TESTING__V1__CSUBSET__INIT;
        cases[i].build(&expected);
        if (encoding) return encode(&expected, argv[3]);
        int status = 0;
        for (int file = 3; file < argc; file++) {
            int result = check(&expected, argv[file]);
            if (result > status) status = result;
        }
        return status;
    }
    fprintf(stderr, "unknown case '%s'\n", argv[2]);
    return 2;
}
