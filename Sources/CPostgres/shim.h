// libpq from Debian's libpq-dev (PostgreSQL 15 client): the PostgreSQL driver. The header lives
// in /usr/include/postgresql, so it is included by its path under /usr/include.
#include <postgresql/libpq-fe.h>
