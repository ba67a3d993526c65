#include "SQLiteLoader.h"

#include <dlfcn.h>
#include "LoaderSupport.h"
#include <pthread.h>
#include <stdio.h>

/* SQLite's entry points the core uses, resolved once: see SQLiteLoader.h. Each definition below has the
   header's own prototype, so the compiler checks every signature; to add a function, add its pointer, its
   resolve line and its forwarding definition. */
static struct {
    int (*bind_blob)(sqlite3_stmt *statement, int index, const void *bytes, int length, void (*destructor)(void *));
    int (*bind_double)(sqlite3_stmt *statement, int index, double value);
    int (*bind_int64)(sqlite3_stmt *statement, int index, sqlite3_int64 value);
    int (*bind_null)(sqlite3_stmt *statement, int index);
    int (*bind_text)(sqlite3_stmt *statement, int index, const char *text, int length, void (*destructor)(void *));
    int (*busy_handler)(sqlite3 *db, int (*callback)(void *, int), void *argument);
    int (*busy_timeout)(sqlite3 *db, int ms);
    int (*changes)(sqlite3 *db);
    int (*clear_bindings)(sqlite3_stmt *statement);
    int (*close_v2)(sqlite3 *db);
    int (*column_bytes)(sqlite3_stmt *statement, int column);
    double (*column_double)(sqlite3_stmt *statement, int column);
    sqlite3_int64 (*column_int64)(sqlite3_stmt *statement, int column);
    const unsigned char * (*column_text)(sqlite3_stmt *statement, int column);
    int (*column_type)(sqlite3_stmt *statement, int column);
    const char * (*errmsg)(sqlite3 *db);
    int (*exec)(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **), void *argument, char **errmsg);
    int (*finalize)(sqlite3_stmt *statement);
    int (*open_v2)(const char *filename, sqlite3 **ppDb, int flags, const char *zVfs);
    int (*prepare_v3)(sqlite3 *db, const char *zSql, int nByte, unsigned int prepFlags, sqlite3_stmt **ppStmt, const char **pzTail);
    int (*reset)(sqlite3_stmt *statement);
    int (*step)(sqlite3_stmt *statement);
    int (*db_config)(sqlite3 *, int, ...);
} api;

static int loaded;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static int resolve(void *library, void **slot, const char *name) {
    return gh_loader_resolve(library, slot, name, "libsqlite3", load_error, sizeof load_error);
}

static void load(void) {
    static const char *const names[] = {"libsqlite3.so.0", "libsqlite3.so", "libsqlite3.0.dylib", "libsqlite3.dylib"};
    void *library = gh_loader_open(names, sizeof names / sizeof names[0], RTLD_NOW | RTLD_LOCAL, "libsqlite3",
                                   "install SQLite 3 (Debian: apt-get install libsqlite3-0)", load_error, sizeof load_error);
    if (library == NULL) return;
    if (
!resolve(library, (void **)&api.bind_blob, "sqlite3_bind_blob") ||
        !resolve(library, (void **)&api.bind_double, "sqlite3_bind_double") ||
        !resolve(library, (void **)&api.bind_int64, "sqlite3_bind_int64") ||
        !resolve(library, (void **)&api.bind_null, "sqlite3_bind_null") ||
        !resolve(library, (void **)&api.bind_text, "sqlite3_bind_text") ||
        !resolve(library, (void **)&api.busy_handler, "sqlite3_busy_handler") ||
        !resolve(library, (void **)&api.busy_timeout, "sqlite3_busy_timeout") ||
        !resolve(library, (void **)&api.changes, "sqlite3_changes") ||
        !resolve(library, (void **)&api.clear_bindings, "sqlite3_clear_bindings") ||
        !resolve(library, (void **)&api.close_v2, "sqlite3_close_v2") ||
        !resolve(library, (void **)&api.column_bytes, "sqlite3_column_bytes") ||
        !resolve(library, (void **)&api.column_double, "sqlite3_column_double") ||
        !resolve(library, (void **)&api.column_int64, "sqlite3_column_int64") ||
        !resolve(library, (void **)&api.column_text, "sqlite3_column_text") ||
        !resolve(library, (void **)&api.column_type, "sqlite3_column_type") ||
        !resolve(library, (void **)&api.errmsg, "sqlite3_errmsg") ||
        !resolve(library, (void **)&api.exec, "sqlite3_exec") ||
        !resolve(library, (void **)&api.finalize, "sqlite3_finalize") ||
        !resolve(library, (void **)&api.open_v2, "sqlite3_open_v2") ||
        !resolve(library, (void **)&api.prepare_v3, "sqlite3_prepare_v3") ||
        !resolve(library, (void **)&api.reset, "sqlite3_reset") ||
        !resolve(library, (void **)&api.step, "sqlite3_step") ||
        !resolve(library, (void **)&api.db_config, "sqlite3_db_config")) {
        return;
    }
    loaded = 1;
}

int gh_sqlite_load(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *gh_sqlite_load_error(void) { return load_error; }

int gh_sqlite_db_config_int(sqlite3 *db, int option, int value) {
    return gh_sqlite_load() ? api.db_config(db, option, value, (int *)0) : SQLITE_MISUSE;
}

/* The forwarding definitions. Each loads SQLite on first use; when it cannot be loaded, sqlite3_open_v2
   fails with SQLITE_CANTOPEN and no handle (SQLiteDatabase then reports gh_sqlite_load_error), sqlite3_errmsg
   answers with that reason, and everything else (which needs a handle only a loaded SQLite makes) returns
   SQLITE_MISUSE or nothing. */
int sqlite3_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length, void (*destructor)(void *)) {
    return gh_sqlite_load() ? api.bind_blob(statement, index, bytes, length, destructor) : SQLITE_MISUSE;
}
int sqlite3_bind_double(sqlite3_stmt *statement, int index, double value) {
    return gh_sqlite_load() ? api.bind_double(statement, index, value) : SQLITE_MISUSE;
}
int sqlite3_bind_int64(sqlite3_stmt *statement, int index, sqlite3_int64 value) {
    return gh_sqlite_load() ? api.bind_int64(statement, index, value) : SQLITE_MISUSE;
}
int sqlite3_bind_null(sqlite3_stmt *statement, int index) {
    return gh_sqlite_load() ? api.bind_null(statement, index) : SQLITE_MISUSE;
}
int sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int length, void (*destructor)(void *)) {
    return gh_sqlite_load() ? api.bind_text(statement, index, text, length, destructor) : SQLITE_MISUSE;
}
int sqlite3_busy_handler(sqlite3 *db, int (*callback)(void *, int), void *argument) {
    return gh_sqlite_load() ? api.busy_handler(db, callback, argument) : SQLITE_MISUSE;
}
int sqlite3_busy_timeout(sqlite3 *db, int ms) {
    return gh_sqlite_load() ? api.busy_timeout(db, ms) : SQLITE_MISUSE;
}
int sqlite3_changes(sqlite3 *db) {
    return gh_sqlite_load() ? api.changes(db) : SQLITE_MISUSE;
}
int sqlite3_clear_bindings(sqlite3_stmt *statement) {
    return gh_sqlite_load() ? api.clear_bindings(statement) : SQLITE_MISUSE;
}
int sqlite3_close_v2(sqlite3 *db) {
    return gh_sqlite_load() ? api.close_v2(db) : SQLITE_MISUSE;
}
int sqlite3_column_bytes(sqlite3_stmt *statement, int column) {
    return gh_sqlite_load() ? api.column_bytes(statement, column) : SQLITE_MISUSE;
}
double sqlite3_column_double(sqlite3_stmt *statement, int column) {
    return gh_sqlite_load() ? api.column_double(statement, column) : 0;
}
sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *statement, int column) {
    return gh_sqlite_load() ? api.column_int64(statement, column) : 0;
}
const unsigned char *sqlite3_column_text(sqlite3_stmt *statement, int column) {
    return gh_sqlite_load() ? api.column_text(statement, column) : NULL;
}
int sqlite3_column_type(sqlite3_stmt *statement, int column) {
    return gh_sqlite_load() ? api.column_type(statement, column) : SQLITE_MISUSE;
}
const char *sqlite3_errmsg(sqlite3 *db) {
    return gh_sqlite_load() ? api.errmsg(db) : load_error;
}
int sqlite3_exec(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **), void *argument, char **errmsg) {
    return gh_sqlite_load() ? api.exec(db, sql, callback, argument, errmsg) : SQLITE_MISUSE;
}
int sqlite3_finalize(sqlite3_stmt *statement) {
    return gh_sqlite_load() ? api.finalize(statement) : SQLITE_MISUSE;
}
int sqlite3_open_v2(const char *filename, sqlite3 **ppDb, int flags, const char *zVfs) {
    if (!gh_sqlite_load()) {
        *ppDb = NULL;
        return SQLITE_CANTOPEN;
    }
    return api.open_v2(filename, ppDb, flags, zVfs);
}
int sqlite3_prepare_v3(sqlite3 *db, const char *zSql, int nByte, unsigned int prepFlags, sqlite3_stmt **ppStmt, const char **pzTail) {
    return gh_sqlite_load() ? api.prepare_v3(db, zSql, nByte, prepFlags, ppStmt, pzTail) : SQLITE_MISUSE;
}
int sqlite3_reset(sqlite3_stmt *statement) {
    return gh_sqlite_load() ? api.reset(statement) : SQLITE_MISUSE;
}
int sqlite3_step(sqlite3_stmt *statement) {
    return gh_sqlite_load() ? api.step(statement) : SQLITE_MISUSE;
}
