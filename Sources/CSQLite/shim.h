#ifndef GIBSON_HOOK_CSQLITE_SHIM_H
#define GIBSON_HOOK_CSQLITE_SHIM_H
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

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

/* A busy handler that polls the lock every 0.2-2 ms (jittered) until `timeout_ns` has passed since the
 * wait began. SQLite's default handler backs off to 100 ms sleeps, so a process that has waited long polls
 * least often and loses the lock to every newcomer: with ten short-lived processes writing at once one of them
 * could wait past any timeout. Short jittered polls keep the waiters on an equal footing. */
typedef struct {
    long long timeout_ns;
    long long started_ns;
    /* How long the last wait that gave up lasted; 0 when none did since the caller last cleared it. */
    long long gave_up_after_ns;
} gh_sqlite_busy_wait;

static long long gh_sqlite_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

static int gh_sqlite_busy_poll(void *context, int count) {
    gh_sqlite_busy_wait *wait = (gh_sqlite_busy_wait *)context;
    long long now = gh_sqlite_monotonic_ns();
    if (count == 0) wait->started_ns = now;
    if (now - wait->started_ns >= wait->timeout_ns) {
        wait->gave_up_after_ns = now - wait->started_ns;
        return 0;
    }
    usleep((useconds_t)(200 + (now / 1000 + count * 7919) % 1800));
    return 1;
}

/* Installs the handler above with `wait` (owned by the caller, alive as long as the connection). */
static inline int gh_sqlite_install_busy_wait(sqlite3 *db, gh_sqlite_busy_wait *wait) {
    return sqlite3_busy_handler(db, gh_sqlite_busy_poll, wait);
}
#endif
