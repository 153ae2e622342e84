// SQLite from Debian's libsqlite3-dev (3.40, FTS5 compiled in): the embedded database driver.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies a value bound with it
// before the bind call returns, so the Swift string or array may go away right after.
static inline sqlite3_destructor_type room619_sqlite_transient(void) { return SQLITE_TRANSIENT; }
