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

/// The selection for EVP_PKEY_fromdata that imports a public key (a composite macro).
static inline int room619_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

#endif
