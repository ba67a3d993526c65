#include "KafkaLoader.h"
#include "KafkaLoaderInternal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* From librdkafka's src/rdkafka.h (stable ABI since 1.0): the constants used here (the handles and the
   message are in KafkaLoaderInternal.h). */
enum { RD_KAFKA_PRODUCER = 0, RD_KAFKA_CONF_OK = 0, RD_KAFKA_MSG_F_COPY = 0x2 };
enum { RD_KAFKA_PURGE_F_QUEUE = 0x1, RD_KAFKA_PURGE_F_INFLIGHT = 0x2 };
enum { RD_KAFKA_VTYPE_END = 0, RD_KAFKA_VTYPE_TOPIC = 1, RD_KAFKA_VTYPE_VALUE = 4, RD_KAFKA_VTYPE_KEY = 5,
       RD_KAFKA_VTYPE_OPAQUE = 6, RD_KAFKA_VTYPE_MSGFLAGS = 7, RD_KAFKA_VTYPE_HEADERS = 10 };
typedef void (*dr_msg_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *);
typedef void (*log_cb)(const rd_kafka_t *, int, const char *, const char *);
typedef void (*error_cb)(rd_kafka_t *, int, const char *, void *);
enum { RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN = -187 };

static struct {
    int (*version)(void);
    const char *(*version_str)(void);
    const char *(*err2str)(int);
    const char *(*err2name)(int);
    rd_kafka_conf_t *(*conf_new)(void);
    int (*conf_set)(rd_kafka_conf_t *, const char *, const char *, char *, size_t);
    void (*conf_destroy)(rd_kafka_conf_t *);
    void (*conf_set_dr_msg_cb)(rd_kafka_conf_t *, dr_msg_cb);
    void (*conf_set_opaque)(rd_kafka_conf_t *, void *);
    void (*conf_set_log_cb)(rd_kafka_conf_t *, log_cb);
    void (*conf_set_error_cb)(rd_kafka_conf_t *, error_cb);
    void *(*opaque)(const rd_kafka_t *);
    rd_kafka_t *(*new_handle)(int, rd_kafka_conf_t *, char *, size_t);
    void (*destroy)(rd_kafka_t *);
    int (*producev)(rd_kafka_t *, ...);
    rd_kafka_headers_t *(*headers_new)(size_t);
    void (*headers_destroy)(rd_kafka_headers_t *);
    int (*header_add)(rd_kafka_headers_t *, const char *, ssize_t, const void *, ssize_t);
    int (*flush)(rd_kafka_t *, int);
    int (*poll)(rd_kafka_t *, int);
    int (*purge)(rd_kafka_t *, int);
    int (*message_status)(const rd_kafka_message_t *);
} api;

static int loaded;
static void *library_handle;
static char load_error[768];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_path;
static void *library_handle;

static const char *const package_hint =
    "install librdkafka 2.0 or later (Debian: apt-get install librdkafka1) or set GIBSON_HOOK_LIBRDKAFKA to its path";

static int resolve(void *library, void **slot, const char *name) {
    *slot = dlsym(library, name);
    if (*slot == NULL) {
        snprintf(load_error, sizeof load_error, "librdkafka '%s' has no symbol '%s' (too old or not librdkafka): %s",
                 load_path, name, package_hint);
        return 0;
    }
    return 1;
}

static void load(void) {
    void *library = dlopen(load_path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "librdkafka could not be loaded (%s): %s",
                 reason ? reason : "not found", package_hint);
        return;
    }
#define RESOLVE(slot, name) if (!resolve(library, (void **)&api.slot, name)) return
    RESOLVE(version, "rd_kafka_version");
    RESOLVE(version_str, "rd_kafka_version_str");
    if ((unsigned)api.version() < GH_KAFKA_MIN_VERSION) {
        snprintf(load_error, sizeof load_error, "librdkafka '%s' is version %s, older than 2.0.0: %s", load_path,
                 api.version_str(), package_hint);
        return;
    }
    RESOLVE(err2str, "rd_kafka_err2str");
    RESOLVE(err2name, "rd_kafka_err2name");
    RESOLVE(conf_new, "rd_kafka_conf_new");
    RESOLVE(conf_set, "rd_kafka_conf_set");
    RESOLVE(conf_destroy, "rd_kafka_conf_destroy");
    RESOLVE(conf_set_dr_msg_cb, "rd_kafka_conf_set_dr_msg_cb");
    RESOLVE(conf_set_opaque, "rd_kafka_conf_set_opaque");
    RESOLVE(conf_set_log_cb, "rd_kafka_conf_set_log_cb");
    RESOLVE(conf_set_error_cb, "rd_kafka_conf_set_error_cb");
    RESOLVE(opaque, "rd_kafka_opaque");
    RESOLVE(new_handle, "rd_kafka_new");
    RESOLVE(destroy, "rd_kafka_destroy");
    RESOLVE(producev, "rd_kafka_producev");
    RESOLVE(headers_new, "rd_kafka_headers_new");
    RESOLVE(headers_destroy, "rd_kafka_headers_destroy");
    RESOLVE(header_add, "rd_kafka_header_add");
    RESOLVE(flush, "rd_kafka_flush");
    RESOLVE(poll, "rd_kafka_poll");
    RESOLVE(purge, "rd_kafka_purge");
    RESOLVE(message_status, "rd_kafka_message_status");
#undef RESOLVE
    library_handle = library;
    loaded = 1;
}

int gh_kafka_load(const char *path) {
    if (load_path == NULL) load_path = strdup(path && *path ? path : "librdkafka.so.1");
    pthread_once(&load_once, load);
    return loaded;
}

const char *gh_kafka_load_error(void) { return load_error; }
const char *gh_kafka_load_path(void) { return load_path ? load_path : ""; }
void *gh_kafka_dlsym(const char *name) { return loaded ? dlsym(library_handle, name) : NULL; }
const char *gh_kafka_version_str(void) { return loaded ? api.version_str() : ""; }
const char *gh_kafka_err2str(int err) { return loaded ? api.err2str(err) : load_error; }
const char *gh_kafka_err2name(int err) { return loaded ? api.err2name(err) : ""; }

struct gh_kafka_producer {
    rd_kafka_t *handle;
    intptr_t base; /* opaque of message 0 of the current batch: a late report of an earlier batch is ignored */
    int capacity;
    int *errors;
    int *statuses;
    char *reported;
    int *order;      /* indices in the order their reports arrived */
    int order_count; /* reports arrived in this batch */
    int order_taken; /* of those, handed to the caller by gh_kafka_take_reports */
    pthread_mutex_t log_lock; /* the log callback runs on librdkafka's threads */
    char last_problem[512];
    unsigned problems;
};

static void keep_problem(gh_kafka_producer *producer, const char *line) {
    pthread_mutex_lock(&producer->log_lock);
    snprintf(producer->last_problem, sizeof producer->last_problem, "%s", line);
    producer->problems++;
    pthread_mutex_unlock(&producer->log_lock);
}

/* librdkafka's own log lines never reach stderr: the latest error (level 3 or more severe) is kept for the
   caller, which reports it in its own words. */
static void on_log(const rd_kafka_t *handle, int level, const char *facility, const char *line) {
    gh_kafka_producer *producer = api.opaque(handle);
    (void)facility;
    if (producer != NULL && level <= 3) keep_problem(producer, line);
}

/* Errors (without an error callback librdkafka logs them too), except the summary "N/N brokers are down",
   which would hide the connection error that explains it. */
static void on_error(rd_kafka_t *handle, int err, const char *reason, void *opaque) {
    (void)handle;
    if (opaque != NULL && err != RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) keep_problem(opaque, reason);
}

static void on_delivery(rd_kafka_t *handle, const rd_kafka_message_t *message, void *opaque) {
    (void)handle;
    gh_kafka_producer *producer = opaque;
    intptr_t index = (intptr_t)message->_private - producer->base;
    if (index < 0 || index >= producer->capacity) return;
    producer->errors[index] = message->err;
    producer->statuses[index] = api.message_status(message);
    /* A record the broker took: whatever went wrong before has recovered, so it no longer explains anything. */
    if (message->err == 0) {
        pthread_mutex_lock(&producer->log_lock);
        producer->last_problem[0] = 0;
        pthread_mutex_unlock(&producer->log_lock);
    }
    if (!producer->reported[index]) producer->order[producer->order_count++] = (int)index;
    producer->reported[index] = 1;
}

gh_kafka_producer *gh_kafka_producer_new(const char *const *keys, const char *const *values, int count,
                                         int capacity, char *error, size_t error_size) {
    if (!loaded) {
        snprintf(error, error_size, "%s", load_error);
        return NULL;
    }
    gh_kafka_producer *producer = calloc(1, sizeof *producer);
    pthread_mutex_init(&producer->log_lock, NULL);
    gh_kafka_begin(producer, capacity);
    rd_kafka_conf_t *conf = api.conf_new();
    for (int index = 0; index < count; index++) {
        if (api.conf_set(conf, keys[index], values[index], error, error_size) != RD_KAFKA_CONF_OK) {
            api.conf_destroy(conf);
            gh_kafka_producer_destroy(producer);
            return NULL;
        }
    }
    api.conf_set_dr_msg_cb(conf, on_delivery);
    api.conf_set_opaque(conf, producer);
    api.conf_set_log_cb(conf, on_log);
    api.conf_set_error_cb(conf, on_error);
    producer->handle = api.new_handle(RD_KAFKA_PRODUCER, conf, error, error_size);
    if (producer->handle == NULL) {
        api.conf_destroy(conf);
        gh_kafka_producer_destroy(producer);
        return NULL;
    }
    return producer;
}

void gh_kafka_begin(gh_kafka_producer *producer, int capacity) {
    free(producer->errors);
    free(producer->statuses);
    free(producer->reported);
    free(producer->order);
    int slots = capacity > 0 ? capacity : 1;
    producer->base += producer->capacity;
    producer->capacity = capacity;
    producer->errors = calloc(slots, sizeof(int));
    producer->statuses = calloc(slots, sizeof(int));
    producer->reported = calloc(slots, 1);
    producer->order = calloc(slots, sizeof(int));
    producer->order_count = 0;
    producer->order_taken = 0;
}

void gh_kafka_producer_destroy(gh_kafka_producer *producer) {
    if (producer == NULL) return;
    if (producer->handle) api.destroy(producer->handle);
    free(producer->errors);
    free(producer->statuses);
    free(producer->reported);
    free(producer->order);
    pthread_mutex_destroy(&producer->log_lock);
    free(producer);
}

int gh_kafka_produce(gh_kafka_producer *producer, const char *topic, const void *key, size_t key_size,
                     const void *value, size_t value_size, const char *const *header_names,
                     const void *const *header_values, const size_t *header_sizes, int header_count, int index) {
    rd_kafka_headers_t *headers = api.headers_new((size_t)header_count);
    for (int at = 0; at < header_count; at++) {
        api.header_add(headers, header_names[at], -1, header_values[at], (ssize_t)header_sizes[at]);
    }
    int err = api.producev(producer->handle, RD_KAFKA_VTYPE_TOPIC, topic, RD_KAFKA_VTYPE_MSGFLAGS,
                           (int)RD_KAFKA_MSG_F_COPY, RD_KAFKA_VTYPE_KEY, (void *)key, key_size, RD_KAFKA_VTYPE_VALUE,
                           (void *)value, value_size, RD_KAFKA_VTYPE_HEADERS, headers, RD_KAFKA_VTYPE_OPAQUE,
                           (void *)(producer->base + index), RD_KAFKA_VTYPE_END);
    if (err != 0) api.headers_destroy(headers); /* on success the record owns them */
    api.poll(producer->handle, 0);
    return err;
}

int gh_kafka_flush(gh_kafka_producer *producer, int timeout_ms) {
    return api.flush(producer->handle, timeout_ms < 0 ? 0 : timeout_ms);
}

void gh_kafka_purge(gh_kafka_producer *producer) {
    api.purge(producer->handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    api.flush(producer->handle, 100); /* serves the purged messages' reports */
}

int gh_kafka_report(const gh_kafka_producer *producer, int index, int *error, int *status) {
    if (index < 0 || index >= producer->capacity || !producer->reported[index]) return 0;
    *error = producer->errors[index];
    *status = producer->statuses[index];
    return 1;
}

int gh_kafka_take_reports(gh_kafka_producer *producer, int *indices, int max) {
    int count = 0;
    while (count < max && producer->order_taken < producer->order_count) {
        indices[count++] = producer->order[producer->order_taken++];
    }
    return count;
}

unsigned gh_kafka_last_problem(gh_kafka_producer *producer, char *buffer, size_t size) {
    pthread_mutex_lock(&producer->log_lock);
    unsigned problems = producer->problems;
    snprintf(buffer, size, "%s", producer->last_problem);
    pthread_mutex_unlock(&producer->log_lock);
    return problems;
}
