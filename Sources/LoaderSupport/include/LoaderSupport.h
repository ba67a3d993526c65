#ifndef GIBSON_HOOK_LOADER_SUPPORT_H
#define GIBSON_HOOK_LOADER_SUPPORT_H
/* What the run-time loaders of libcurl, libgit2 and libsqlite3 share: open the first library name that
   loads, and resolve each symbol, writing one clear message into the loader's error buffer when either fails. */
#include <stddef.h>

/* dlopen's the first of `names` (`count` of them) that loads, with `flags`. NULL when none does, with `error`
   set to "<library> could not be loaded (<dlerror>): <hint>". */
void *gh_loader_open(const char *const *names, size_t count, int flags, const char *library, const char *hint,
                     char *error, size_t error_size);

/* Resolves `name` in `handle` into `*slot`; 0 with `error` set to "<library> has no symbol '<name>'" when the
   library lacks it. */
int gh_loader_resolve(void *handle, void **slot, const char *name, const char *library, char *error, size_t error_size);
#endif
