#include "CurlLoader.h"

#include <dlfcn.h>
#include "LoaderSupport.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The libcurl entry points the core uses, resolved once. */
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
} api;

static int loaded;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static int resolve(void *library, void **slot, const char *name) {
    return gh_loader_resolve(library, slot, name, "libcurl", load_error, sizeof load_error);
}

static void load(void) {
    static const char *const names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};
    void *library = gh_loader_open(names, sizeof names / sizeof names[0], RTLD_NOW | RTLD_LOCAL, "libcurl",
                                   "install libcurl4 (Debian: apt-get install libcurl4)", load_error, sizeof load_error);
    if (library == NULL) return;
    if (!resolve(library, (void **)&api.global_init, "curl_global_init") ||
        !resolve(library, (void **)&api.easy_init, "curl_easy_init") ||
        !resolve(library, (void **)&api.easy_cleanup, "curl_easy_cleanup") ||
        !resolve(library, (void **)&api.easy_reset, "curl_easy_reset") ||
        !resolve(library, (void **)&api.easy_perform, "curl_easy_perform") ||
        !resolve(library, (void **)&api.easy_strerror, "curl_easy_strerror") ||
        !resolve(library, (void **)&api.slist_append, "curl_slist_append") ||
        !resolve(library, (void **)&api.slist_free_all, "curl_slist_free_all") ||
        !resolve(library, (void **)&api.easy_setopt, "curl_easy_setopt") ||
        !resolve(library, (void **)&api.easy_getinfo, "curl_easy_getinfo")) {
        return;
    }
    CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed: %s", api.easy_strerror(code));
        return;
    }
    loaded = 1;
}

int gh_curl_load(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *gh_curl_load_error(void) { return load_error; }

CURL *gh_curl_easy_init(void) { return gh_curl_load() ? api.easy_init() : NULL; }
void gh_curl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
void gh_curl_easy_reset(CURL *handle) { api.easy_reset(handle); }
CURLcode gh_curl_easy_perform(CURL *handle) { return api.easy_perform(handle); }
const char *gh_curl_easy_strerror(CURLcode code) {
    return gh_curl_load() ? api.easy_strerror(code) : load_error;
}
struct curl_slist *gh_curl_slist_append(struct curl_slist *list, const char *line) {
    return api.slist_append(list, line);
}
void gh_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) api.slist_free_all(list);
}

CURLcode gh_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return api.easy_setopt(handle, option, value);
}
CURLcode gh_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return api.easy_setopt(handle, option, value);
}
CURLcode gh_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return api.easy_setopt(handle, option, value);
}
CURLcode gh_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return api.easy_setopt(handle, option, value);
}
CURLcode gh_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return api.easy_setopt(handle, option, value);
}
CURLcode gh_curl_setopt_write_function(CURL *handle, gh_curl_data_callback callback) {
    return api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode gh_curl_setopt_header_function(CURL *handle, gh_curl_data_callback callback) {
    return api.easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}
CURLcode gh_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return api.easy_getinfo(handle, info, value);
}
CURLcode gh_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return api.easy_getinfo(handle, info, value);
}
CURLcode gh_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return api.easy_getinfo(handle, info, value);
}
