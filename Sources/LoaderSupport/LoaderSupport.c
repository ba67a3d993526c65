#include "LoaderSupport.h"

#include <dlfcn.h>
#include <stdio.h>

void *gh_loader_open(const char *const *names, size_t count, int flags, const char *library, const char *hint,
                     char *error, size_t error_size) {
    void *handle = NULL;
    char first[384] = "not found";
    for (size_t index = 0; index < count && handle == NULL; index++) {
        handle = dlopen(names[index], flags);
        /* The first name is the one that should have loaded: its reason is the one worth reading. */
        const char *reason = handle == NULL ? dlerror() : NULL;
        if (index == 0 && reason != NULL) snprintf(first, sizeof first, "%s", reason);
    }
    if (handle == NULL) snprintf(error, error_size, "%s could not be loaded (%s): %s", library, first, hint);
    return handle;
}

int gh_loader_resolve(void *handle, void **slot, const char *name, const char *library, char *error, size_t error_size) {
    *slot = dlsym(handle, name);
    if (*slot == NULL) {
        snprintf(error, error_size, "%s has no symbol '%s'", library, name);
        return 0;
    }
    return 1;
}
