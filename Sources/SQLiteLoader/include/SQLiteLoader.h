#ifndef GIBSON_HOOK_SQLITE_LOADER_H
#define GIBSON_HOOK_SQLITE_LOADER_H
#include <sqlite3.h>

/* libsqlite3, loaded with dlopen the first time the outbox is opened. Debian's libsqlite3 is linked with
   BIND_NOW, so linking it makes every process bind its 1,600 symbols at start-up (about half the dynamic
   linker's work), and the hook run that opens no outbox (a pre-commit with a cached healthy result) never
   needs it. This target defines each SQLite function the core calls under SQLite's own name and forwards it,
   so the Swift code calls SQLite as before. */

/* Loads libsqlite3 exactly once, thread-safely. Returns 1 on success, 0 on failure (see gh_sqlite_load_error). */
int gh_sqlite_load(void);
/* Why loading failed, or an empty string. */
const char *gh_sqlite_load_error(void);

#endif
