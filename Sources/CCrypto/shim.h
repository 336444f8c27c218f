// libcrypto (OpenSSL) for SHA-256 only. The low-level SHA256_* calls are deprecated in
// OpenSSL 3 in favour of EVP, but their context is a plain struct, which suits a Swift
// value type; the digest they compute is the same.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
