#ifndef GIBSON_HOOK_CURL_LOADER_H
#define GIBSON_HOOK_CURL_LOADER_H
#include <curl/curl.h>

/* libcurl, loaded with dlopen the first time it is needed (git keeps curl out of its main process for the
   same reason: most invocations never make a request). Every function the core uses is reached through
   these typed wrappers; curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. */

/* Loads libcurl and runs curl_global_init exactly once, thread-safely. Returns 1 on success, 0 on failure
   (see gh_curl_load_error). */
int gh_curl_load(void);
/* Why loading failed, or an empty string. */
const char *gh_curl_load_error(void);

/* These require a successful gh_curl_load(). */
CURL *gh_curl_easy_init(void);
void gh_curl_easy_cleanup(CURL *handle);
void gh_curl_easy_reset(CURL *handle);
CURLcode gh_curl_easy_perform(CURL *handle);
const char *gh_curl_easy_strerror(CURLcode code);
struct curl_slist *gh_curl_slist_append(struct curl_slist *list, const char *line);
void gh_curl_slist_free_all(struct curl_slist *list);

CURLcode gh_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode gh_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode gh_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode gh_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode gh_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
typedef size_t (*gh_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
CURLcode gh_curl_setopt_write_function(CURL *handle, gh_curl_data_callback callback);
CURLcode gh_curl_setopt_header_function(CURL *handle, gh_curl_data_callback callback);
CURLcode gh_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode gh_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode gh_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
#endif
