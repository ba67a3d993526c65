#ifndef GIBSON_HOOK_CLIBCURL_SHIM_H
#define GIBSON_HOOK_CLIBCURL_SHIM_H
/* libcurl's declarations and types only. The library itself is not linked: CurlLoader opens it on first
   use, so the hooks that never speak HTTP do not pay for loading libcurl and its ~35 dependencies. */
#include <curl/curl.h>
#endif
