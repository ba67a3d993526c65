#ifndef GIBSON_HOOK_GIT2_LOADER_H
#define GIBSON_HOOK_GIT2_LOADER_H
#include <git2.h>

/* libgit2, loaded with dlopen the first time a repository is read. Linking it would make every process pay
   for loading libgit2 and its fifteen dependencies (Kerberos, OpenSSL, mbedTLS, libssh2, PCRE: about 4 ms of
   CPU and 250 page faults), and most hook runs never read a repository (a pre-commit with a cached healthy
   result). This target defines each libgit2 function the core calls under libgit2's own name and forwards
   it, so the Swift code calls libgit2 as before. */

/* Loads libgit2 exactly once, thread-safely. Returns 1 on success, 0 on failure (see gh_git2_load_error). */
int gh_git2_load(void);
/* Why loading failed, or an empty string. */
const char *gh_git2_load_error(void);

#endif
