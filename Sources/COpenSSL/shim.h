// OpenSSL 3 (Debian's libssl-dev, libcrypto only) for the Auth target: signatures, HMAC,
// SHA-256, randomness and constant-time comparison. The helpers below wrap what Swift cannot
// import (function-like macros, composite constants) or should not see (a terminal prompt).
#ifndef ROOM619_COPENSSL_SHIM_H
#define ROOM619_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

/// A PEM password callback that refuses: an encrypted key fails to load instead of OpenSSL
/// asking for a passphrase on the controlling terminal (its default when no callback is given).
static inline int room619_refuse_password(char *buf, int size, int rwflag, void *userdata) {
    (void)buf; (void)size; (void)rwflag; (void)userdata;
    return -1;
}

/// Reads a private key (PKCS#8, or a traditional RSA/EC key) from PEM text; NULL on failure.
static inline EVP_PKEY *room619_read_private_key(const void *pem, int length) {
    BIO *bio = BIO_new_mem_buf(pem, length);
    if (bio == NULL) return NULL;
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, NULL, room619_refuse_password, NULL);
    BIO_free(bio);
    return key;
}

/// Reads a public key (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY") from PEM text; NULL on failure.
static inline EVP_PKEY *room619_read_public_key(const void *pem, int length) {
    BIO *bio = BIO_new_mem_buf(pem, length);
    if (bio == NULL) return NULL;
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, NULL, room619_refuse_password, NULL);
    BIO_free(bio);
    return key;
}

/// Writes `key` as PEM (private: unencrypted PKCS#8; public: SubjectPublicKeyInfo) into a
/// memory BIO the caller frees; NULL on failure.
static inline BIO *room619_write_pem(EVP_PKEY *key, int isPrivate) {
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return NULL;
    int ok = isPrivate ? PEM_write_bio_PKCS8PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL)
                       : PEM_write_bio_PUBKEY(bio, key);
    if (ok != 1) {
        BIO_free(bio);
        return NULL;
    }
    return bio;
}

/// The bytes a memory BIO holds (BIO_get_mem_data is a macro).
static inline long room619_bio_contents(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

/// Frees memory OpenSSL allocated (OPENSSL_free is a macro).
static inline void room619_free(void *pointer) { OPENSSL_free(pointer); }

/// Imports a public key from OSSL_PARAMs built here: the builder keeps pointers to names and
/// values until OSSL_PARAM_BLD_to_param, which Swift's temporary C strings would not outlive.
static inline EVP_PKEY *room619_key_from_params(const char *type, OSSL_PARAM_BLD *builder) {
    EVP_PKEY *key = NULL;
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    if (params != NULL && context != NULL && EVP_PKEY_fromdata_init(context) == 1) {
        if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) key = NULL;
    }
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(params);
    return key;
}

/// A P-256 public key from its uncompressed point (0x04 || x || y); NULL on failure.
static inline EVP_PKEY *room619_p256_public_key(const unsigned char *point, size_t length) {
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    if (builder == NULL) return NULL;
    EVP_PKEY *key = NULL;
    if (OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point, length) == 1) {
        key = room619_key_from_params("EC", builder);
    }
    OSSL_PARAM_BLD_free(builder);
    return key;
}

/// An RSA public key from its big-endian modulus and exponent; NULL on failure.
static inline EVP_PKEY *room619_rsa_public_key(const unsigned char *n, int nLength, const unsigned char *e,
                                               int eLength) {
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    BIGNUM *modulus = BN_bin2bn(n, nLength, NULL);
    BIGNUM *exponent = BN_bin2bn(e, eLength, NULL);
    EVP_PKEY *key = NULL;
    if (builder != NULL && modulus != NULL && exponent != NULL &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus) == 1 &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent) == 1) {
        key = room619_key_from_params("RSA", builder);
    }
    BN_free(modulus);
    BN_free(exponent);
    OSSL_PARAM_BLD_free(builder);
    return key;
}

#endif
