// libargon2 (Debian's libargon2-dev, the reference implementation of RFC 9106) for the Auth
// target's password hashes: Argon2id in the PHC string format, verified in constant time.
#include <argon2.h>
