#include "Git2Loader.h"

#include <dlfcn.h>
#include "LoaderSupport.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* libgit2's entry points the core uses, resolved once: see Git2Loader.h. Generated from the libgit2 headers
   (each definition below has the header's own prototype, so the compiler checks every signature); to add a
   function, add its pointer, its resolve line and its forwarding definition. */
static struct {
    void (*buf_dispose)(git_buf *buffer);
    const git_signature * (*commit_author)(const git_commit *commit);
    const git_signature * (*commit_committer)(const git_commit *commit);
    void (*commit_free)(git_commit *commit);
    const git_oid * (*commit_id)(const git_commit *commit);
    int (*commit_lookup)(git_commit **commit, git_repository *repo, const git_oid *id);
    const char * (*commit_message)(const git_commit *commit);
    const char * (*commit_message_encoding)(const git_commit *commit);
    int (*commit_parent)(git_commit **out, const git_commit *commit, unsigned int n);
    const git_oid * (*commit_parent_id)(const git_commit *commit, unsigned int n);
    unsigned int (*commit_parentcount)(const git_commit *commit);
    int (*commit_tree)(git_tree **tree_out, const git_commit *commit);
    void (*config_entry_free)(git_config_entry *entry);
    void (*config_free)(git_config *cfg);
    int (*config_get_bool)(int *out, const git_config *cfg, const char *name);
    int (*config_get_entry)(git_config_entry **out, const git_config *cfg, const char *name);
    int (*config_get_string_buf)(git_buf *out, const git_config *cfg, const char *name);
    int (*config_open_ondisk)(git_config **out, const char *path);
    int (*diff_find_options_init)(git_diff_find_options *opts, unsigned int version);
    int (*diff_find_similar)(git_diff *diff, const git_diff_find_options *options);
    void (*diff_free)(git_diff *diff);
    const git_diff_delta * (*diff_get_delta)(const git_diff *diff, size_t idx);
    size_t (*diff_num_deltas)(const git_diff *diff);
    int (*diff_options_init)(git_diff_options *opts, unsigned int version);
    int (*diff_tree_to_index)(git_diff **diff, git_repository *repo, git_tree *old_tree, git_index *index, const git_diff_options *opts);
    int (*diff_tree_to_tree)(git_diff **diff, git_repository *repo, git_tree *old_tree, git_tree *new_tree, const git_diff_options *opts);
    const git_error * (*error_last)(void);
    void (*index_free)(git_index *index);
    int (*index_open)(git_index **out, const char *index_path);
    int (*libgit2_init)(void);
    int (*oid_fromstr)(git_oid *out, const char *str);
    char * (*oid_tostr)(char *out, size_t n, const git_oid *id);
    void (*reference_free)(git_reference *ref);
    int (*reference_lookup)(git_reference **out, git_repository *repo, const char *name);
    int (*reference_resolve)(git_reference **out, const git_reference *ref);
    const char * (*reference_symbolic_target)(const git_reference *ref);
    const git_oid * (*reference_target)(const git_reference *ref);
    git_reference_t (*reference_type)(const git_reference *ref);
    void (*remote_free)(git_remote *remote);
    int (*remote_list)(git_strarray *out, git_repository *repo);
    int (*remote_lookup)(git_remote **out, git_repository *repo, const char *name);
    const char * (*remote_url)(const git_remote *remote);
    const char * (*repository_commondir)(const git_repository *repo);
    int (*repository_config_snapshot)(git_config **out, git_repository *repo);
    void (*repository_free)(git_repository *repo);
    int (*repository_index)(git_index **out, git_repository *repo);
    int (*repository_is_worktree)(const git_repository *repo);
    int (*repository_open_ext)(git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs);
    const char * (*repository_path)(const git_repository *repo);
    int (*repository_set_workdir)(git_repository *repo, const char *workdir, int update_gitlink);
    const char * (*repository_workdir)(const git_repository *repo);
    void (*strarray_dispose)(git_strarray *array);
    void (*tree_free)(git_tree *tree);
} api;

static int loaded;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static git_error load_failure = {load_error, GIT_ERROR_OS};

static int resolve(void *library, void **slot, const char *name) {
    return gh_loader_resolve(library, slot, name, "libgit2", load_error, sizeof load_error);
}

static void load(void) {
    /* Only the release the headers were compiled against: libgit2 changes its ABI with every minor release, so
       an unversioned name could bring in another one. Homebrew's prefixes are named because dyld does not search
       them for a bare name. */
    static const char *const names[] = {
        "libgit2.so." LIBGIT2_SOVERSION, "libgit2." LIBGIT2_SOVERSION ".dylib",
        "/opt/homebrew/lib/libgit2." LIBGIT2_SOVERSION ".dylib", "/usr/local/lib/libgit2." LIBGIT2_SOVERSION ".dylib"};
    /* RTLD_GLOBAL: libgit2's own dependencies (mbedTLS) must be found by the executable's
       mbedtls_x509_crt_parse_file when it forwards (CertificateBundleSkip). */
    void *library = gh_loader_open(names, sizeof names / sizeof names[0], RTLD_NOW | RTLD_GLOBAL, "libgit2",
                                   "install libgit2 " LIBGIT2_SOVERSION " (Debian: apt-get install libgit2-" LIBGIT2_SOVERSION ")",
                                   load_error, sizeof load_error);
    if (library == NULL) return;
    if (
!resolve(library, (void **)&api.buf_dispose, "git_buf_dispose") ||
        !resolve(library, (void **)&api.commit_author, "git_commit_author") ||
        !resolve(library, (void **)&api.commit_committer, "git_commit_committer") ||
        !resolve(library, (void **)&api.commit_free, "git_commit_free") ||
        !resolve(library, (void **)&api.commit_id, "git_commit_id") ||
        !resolve(library, (void **)&api.commit_lookup, "git_commit_lookup") ||
        !resolve(library, (void **)&api.commit_message, "git_commit_message") ||
        !resolve(library, (void **)&api.commit_message_encoding, "git_commit_message_encoding") ||
        !resolve(library, (void **)&api.commit_parent, "git_commit_parent") ||
        !resolve(library, (void **)&api.commit_parent_id, "git_commit_parent_id") ||
        !resolve(library, (void **)&api.commit_parentcount, "git_commit_parentcount") ||
        !resolve(library, (void **)&api.commit_tree, "git_commit_tree") ||
        !resolve(library, (void **)&api.config_entry_free, "git_config_entry_free") ||
        !resolve(library, (void **)&api.config_free, "git_config_free") ||
        !resolve(library, (void **)&api.config_get_bool, "git_config_get_bool") ||
        !resolve(library, (void **)&api.config_get_entry, "git_config_get_entry") ||
        !resolve(library, (void **)&api.config_get_string_buf, "git_config_get_string_buf") ||
        !resolve(library, (void **)&api.config_open_ondisk, "git_config_open_ondisk") ||
        !resolve(library, (void **)&api.diff_find_options_init, "git_diff_find_options_init") ||
        !resolve(library, (void **)&api.diff_find_similar, "git_diff_find_similar") ||
        !resolve(library, (void **)&api.diff_free, "git_diff_free") ||
        !resolve(library, (void **)&api.diff_get_delta, "git_diff_get_delta") ||
        !resolve(library, (void **)&api.diff_num_deltas, "git_diff_num_deltas") ||
        !resolve(library, (void **)&api.diff_options_init, "git_diff_options_init") ||
        !resolve(library, (void **)&api.diff_tree_to_index, "git_diff_tree_to_index") ||
        !resolve(library, (void **)&api.diff_tree_to_tree, "git_diff_tree_to_tree") ||
        !resolve(library, (void **)&api.error_last, "git_error_last") ||
        !resolve(library, (void **)&api.index_free, "git_index_free") ||
        !resolve(library, (void **)&api.index_open, "git_index_open") ||
        !resolve(library, (void **)&api.libgit2_init, "git_libgit2_init") ||
        !resolve(library, (void **)&api.oid_fromstr, "git_oid_fromstr") ||
        !resolve(library, (void **)&api.oid_tostr, "git_oid_tostr") ||
        !resolve(library, (void **)&api.reference_free, "git_reference_free") ||
        !resolve(library, (void **)&api.reference_lookup, "git_reference_lookup") ||
        !resolve(library, (void **)&api.reference_resolve, "git_reference_resolve") ||
        !resolve(library, (void **)&api.reference_symbolic_target, "git_reference_symbolic_target") ||
        !resolve(library, (void **)&api.reference_target, "git_reference_target") ||
        !resolve(library, (void **)&api.reference_type, "git_reference_type") ||
        !resolve(library, (void **)&api.remote_free, "git_remote_free") ||
        !resolve(library, (void **)&api.remote_list, "git_remote_list") ||
        !resolve(library, (void **)&api.remote_lookup, "git_remote_lookup") ||
        !resolve(library, (void **)&api.remote_url, "git_remote_url") ||
        !resolve(library, (void **)&api.repository_commondir, "git_repository_commondir") ||
        !resolve(library, (void **)&api.repository_config_snapshot, "git_repository_config_snapshot") ||
        !resolve(library, (void **)&api.repository_free, "git_repository_free") ||
        !resolve(library, (void **)&api.repository_index, "git_repository_index") ||
        !resolve(library, (void **)&api.repository_is_worktree, "git_repository_is_worktree") ||
        !resolve(library, (void **)&api.repository_open_ext, "git_repository_open_ext") ||
        !resolve(library, (void **)&api.repository_path, "git_repository_path") ||
        !resolve(library, (void **)&api.repository_set_workdir, "git_repository_set_workdir") ||
        !resolve(library, (void **)&api.repository_workdir, "git_repository_workdir") ||
        !resolve(library, (void **)&api.strarray_dispose, "git_strarray_dispose") ||
        !resolve(library, (void **)&api.tree_free, "git_tree_free")) {
        return;
    }
    loaded = 1;
}

int gh_git2_load(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *gh_git2_load_error(void) { return load_error; }

/* The forwarding definitions. Each loads libgit2 on first use; when it cannot be loaded, a function that
   reports errors returns -1 (git_error_last then tells why), a getter returns nothing, a free does nothing
   (nothing can have been allocated). */
void git_buf_dispose(git_buf *buffer) {
    if (gh_git2_load()) api.buf_dispose(buffer);
}
const git_signature * git_commit_author(const git_commit *commit) {
    return gh_git2_load() ? api.commit_author(commit) : NULL;
}
const git_signature * git_commit_committer(const git_commit *commit) {
    return gh_git2_load() ? api.commit_committer(commit) : NULL;
}
void git_commit_free(git_commit *commit) {
    if (gh_git2_load()) api.commit_free(commit);
}
const git_oid * git_commit_id(const git_commit *commit) {
    return gh_git2_load() ? api.commit_id(commit) : NULL;
}
int git_commit_lookup(git_commit **commit, git_repository *repo, const git_oid *id) {
    return gh_git2_load() ? api.commit_lookup(commit, repo, id) : -1;
}
const char * git_commit_message(const git_commit *commit) {
    return gh_git2_load() ? api.commit_message(commit) : NULL;
}
const char * git_commit_message_encoding(const git_commit *commit) {
    return gh_git2_load() ? api.commit_message_encoding(commit) : NULL;
}
int git_commit_parent(git_commit **out, const git_commit *commit, unsigned int n) {
    return gh_git2_load() ? api.commit_parent(out, commit, n) : -1;
}
const git_oid * git_commit_parent_id(const git_commit *commit, unsigned int n) {
    return gh_git2_load() ? api.commit_parent_id(commit, n) : NULL;
}
unsigned int git_commit_parentcount(const git_commit *commit) {
    return gh_git2_load() ? api.commit_parentcount(commit) : 0;
}
int git_commit_tree(git_tree **tree_out, const git_commit *commit) {
    return gh_git2_load() ? api.commit_tree(tree_out, commit) : -1;
}
void git_config_entry_free(git_config_entry *entry) {
    if (gh_git2_load()) api.config_entry_free(entry);
}
void git_config_free(git_config *cfg) {
    if (gh_git2_load()) api.config_free(cfg);
}
int git_config_get_bool(int *out, const git_config *cfg, const char *name) {
    return gh_git2_load() ? api.config_get_bool(out, cfg, name) : -1;
}
int git_config_get_entry(git_config_entry **out, const git_config *cfg, const char *name) {
    return gh_git2_load() ? api.config_get_entry(out, cfg, name) : -1;
}
int git_config_get_string_buf(git_buf *out, const git_config *cfg, const char *name) {
    return gh_git2_load() ? api.config_get_string_buf(out, cfg, name) : -1;
}
int git_config_open_ondisk(git_config **out, const char *path) {
    return gh_git2_load() ? api.config_open_ondisk(out, path) : -1;
}
int git_diff_find_options_init(git_diff_find_options *opts, unsigned int version) {
    return gh_git2_load() ? api.diff_find_options_init(opts, version) : -1;
}
int git_diff_find_similar(git_diff *diff, const git_diff_find_options *options) {
    return gh_git2_load() ? api.diff_find_similar(diff, options) : -1;
}
void git_diff_free(git_diff *diff) {
    if (gh_git2_load()) api.diff_free(diff);
}
const git_diff_delta * git_diff_get_delta(const git_diff *diff, size_t idx) {
    return gh_git2_load() ? api.diff_get_delta(diff, idx) : NULL;
}
size_t git_diff_num_deltas(const git_diff *diff) {
    return gh_git2_load() ? api.diff_num_deltas(diff) : 0;
}
int git_diff_options_init(git_diff_options *opts, unsigned int version) {
    return gh_git2_load() ? api.diff_options_init(opts, version) : -1;
}
int git_diff_tree_to_index(git_diff **diff, git_repository *repo, git_tree *old_tree, git_index *index, const git_diff_options *opts) {
    return gh_git2_load() ? api.diff_tree_to_index(diff, repo, old_tree, index, opts) : -1;
}
int git_diff_tree_to_tree(git_diff **diff, git_repository *repo, git_tree *old_tree, git_tree *new_tree, const git_diff_options *opts) {
    return gh_git2_load() ? api.diff_tree_to_tree(diff, repo, old_tree, new_tree, opts) : -1;
}
const git_error * git_error_last(void) {
    return gh_git2_load() ? api.error_last() : &load_failure;
}
void git_index_free(git_index *index) {
    if (gh_git2_load()) api.index_free(index);
}
int git_index_open(git_index **out, const char *index_path) {
    return gh_git2_load() ? api.index_open(out, index_path) : -1;
}
int git_libgit2_init(void) {
    return gh_git2_load() ? api.libgit2_init() : -1;
}
int git_oid_fromstr(git_oid *out, const char *str) {
    return gh_git2_load() ? api.oid_fromstr(out, str) : -1;
}
char * git_oid_tostr(char *out, size_t n, const git_oid *id) {
    return gh_git2_load() ? api.oid_tostr(out, n, id) : NULL;
}
void git_reference_free(git_reference *ref) {
    if (gh_git2_load()) api.reference_free(ref);
}
int git_reference_lookup(git_reference **out, git_repository *repo, const char *name) {
    return gh_git2_load() ? api.reference_lookup(out, repo, name) : -1;
}
int git_reference_resolve(git_reference **out, const git_reference *ref) {
    return gh_git2_load() ? api.reference_resolve(out, ref) : -1;
}
const char * git_reference_symbolic_target(const git_reference *ref) {
    return gh_git2_load() ? api.reference_symbolic_target(ref) : NULL;
}
const git_oid * git_reference_target(const git_reference *ref) {
    return gh_git2_load() ? api.reference_target(ref) : NULL;
}
git_reference_t git_reference_type(const git_reference *ref) {
    return gh_git2_load() ? api.reference_type(ref) : GIT_REFERENCE_INVALID;
}
void git_remote_free(git_remote *remote) {
    if (gh_git2_load()) api.remote_free(remote);
}
int git_remote_list(git_strarray *out, git_repository *repo) {
    return gh_git2_load() ? api.remote_list(out, repo) : -1;
}
int git_remote_lookup(git_remote **out, git_repository *repo, const char *name) {
    return gh_git2_load() ? api.remote_lookup(out, repo, name) : -1;
}
const char * git_remote_url(const git_remote *remote) {
    return gh_git2_load() ? api.remote_url(remote) : NULL;
}
const char * git_repository_commondir(const git_repository *repo) {
    return gh_git2_load() ? api.repository_commondir(repo) : NULL;
}
int git_repository_config_snapshot(git_config **out, git_repository *repo) {
    return gh_git2_load() ? api.repository_config_snapshot(out, repo) : -1;
}
void git_repository_free(git_repository *repo) {
    if (gh_git2_load()) api.repository_free(repo);
}
int git_repository_index(git_index **out, git_repository *repo) {
    return gh_git2_load() ? api.repository_index(out, repo) : -1;
}
int git_repository_is_worktree(const git_repository *repo) {
    return gh_git2_load() ? api.repository_is_worktree(repo) : -1;
}
int git_repository_open_ext(git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs) {
    return gh_git2_load() ? api.repository_open_ext(out, path, flags, ceiling_dirs) : -1;
}
const char * git_repository_path(const git_repository *repo) {
    return gh_git2_load() ? api.repository_path(repo) : NULL;
}
int git_repository_set_workdir(git_repository *repo, const char *workdir, int update_gitlink) {
    return gh_git2_load() ? api.repository_set_workdir(repo, workdir, update_gitlink) : -1;
}
const char * git_repository_workdir(const git_repository *repo) {
    return gh_git2_load() ? api.repository_workdir(repo) : NULL;
}
void git_strarray_dispose(git_strarray *array) {
    if (gh_git2_load()) api.strarray_dispose(array);
}
void git_tree_free(git_tree *tree) {
    if (gh_git2_load()) api.tree_free(tree);
}
