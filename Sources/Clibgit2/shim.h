#ifndef GIBSON_HOOK_CLIBGIT2_SHIM_H
#define GIBSON_HOOK_CLIBGIT2_SHIM_H
#include <git2.h>
#endif
