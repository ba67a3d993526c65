#ifndef GIBSON_HOOK_CSQLITE_SHIM_H
#define GIBSON_HOOK_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a macro with a cast Swift cannot import. */
static inline sqlite3_destructor_type gh_sqlite_transient(void) { return SQLITE_TRANSIENT; }

static inline int gh_sqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}

static inline int gh_sqlite_bind_blob(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_TRANSIENT);
}
/* Defined by SQLiteLoader, which opens libsqlite3 at run time. */
/* sqlite3_db_config is variadic, which Swift cannot call: one wrapper for the integer options. */
int gh_sqlite_db_config_int(sqlite3 *db, int option, int value);
/* Why libsqlite3 could not be loaded, or an empty string. */
const char *gh_sqlite_load_error(void);
#endif
