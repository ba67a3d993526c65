#include "KafkaLoader.h"
#include "KafkaLoaderInternal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The consumer half of librdkafka's API, from src/rdkafka.h (stable ABI since 1.0): a high-level consumer in
   a group, manual offset commits, partition-EOF events so `listen --once` knows when it has caught up. */
typedef struct rd_kafka_topic_partition_s {
    char *topic;
    int32_t partition;
    int64_t offset;
    void *metadata;
    size_t metadata_size;
    void *opaque;
    int err;
    void *_private;
} rd_kafka_topic_partition_t;
typedef struct rd_kafka_topic_partition_list_s {
    int cnt;
    int size;
    rd_kafka_topic_partition_t *elems;
} rd_kafka_topic_partition_list_t;
enum {
    RD_KAFKA_CONSUMER = 1,
    RD_KAFKA_CONF_OK = 0,
    RD_KAFKA_PARTITION_UA = -1,
    RD_KAFKA_RESP_ERR__PARTITION_EOF = -191,
    RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS = -175,
};
typedef void rebalance_callback(rd_kafka_t *, int, rd_kafka_topic_partition_list_t *, void *);

static struct {
    rd_kafka_conf_t *(*conf_new)(void);
    int (*conf_set)(rd_kafka_conf_t *, const char *, const char *, char *, size_t);
    void (*conf_destroy)(rd_kafka_conf_t *);
    rd_kafka_t *(*new_handle)(int, rd_kafka_conf_t *, char *, size_t);
    void (*destroy)(rd_kafka_t *);
    int (*poll_set_consumer)(rd_kafka_t *);
    rd_kafka_topic_partition_list_t *(*list_new)(int);
    rd_kafka_topic_partition_t *(*list_add)(rd_kafka_topic_partition_list_t *, const char *, int32_t);
    void (*list_destroy)(rd_kafka_topic_partition_list_t *);
    int (*subscribe)(rd_kafka_t *, const rd_kafka_topic_partition_list_t *);
    rd_kafka_message_t *(*consumer_poll)(rd_kafka_t *, int);
    void (*message_destroy)(rd_kafka_message_t *);
    const char *(*message_errstr)(const rd_kafka_message_t *);
    const char *(*topic_name)(const void *);
    int (*message_headers)(const rd_kafka_message_t *, rd_kafka_headers_t **);
    int (*header_get_all)(const rd_kafka_headers_t *, size_t, const char **, const void **, size_t *);
    int (*commit)(rd_kafka_t *, const rd_kafka_topic_partition_list_t *, int);
    int (*assignment)(rd_kafka_t *, rd_kafka_topic_partition_list_t **);
    int (*consumer_close)(rd_kafka_t *);
    const char *(*err2str)(int);
    int (*position)(rd_kafka_t *, rd_kafka_topic_partition_list_t *);
    int (*get_watermark_offsets)(rd_kafka_t *, const char *, int32_t, int64_t *, int64_t *);
    void (*conf_set_rebalance_cb)(rd_kafka_conf_t *, rebalance_callback *);
    void (*conf_set_opaque)(rd_kafka_conf_t *, void *);
    int (*assign)(rd_kafka_t *, const rd_kafka_topic_partition_list_t *);
    /* librdkafka >= 1.6 (cooperative rebalancing); NULL with older ones, which only assign eagerly. */
    const char *(*rebalance_protocol)(rd_kafka_t *);
    void *(*incremental_assign)(rd_kafka_t *, const rd_kafka_topic_partition_list_t *);
    void *(*incremental_unassign)(rd_kafka_t *, const rd_kafka_topic_partition_list_t *);
    void (*error_destroy)(void *);
} api;

static int resolved;
static char resolve_error[512];
static pthread_once_t resolve_once = PTHREAD_ONCE_INIT;

static void resolve_all(void) {
    if (gh_kafka_dlsym("rd_kafka_version") == NULL) {
        snprintf(resolve_error, sizeof resolve_error, "%s", gh_kafka_load_error());
        return;
    }
#define RESOLVE(slot, name)                                                                                     \
    if ((*(void **)&api.slot = gh_kafka_dlsym(name)) == NULL) {                                                 \
        snprintf(resolve_error, sizeof resolve_error, "librdkafka has no consumer symbol '%s'", name);          \
        return;                                                                                                 \
    }
    RESOLVE(conf_new, "rd_kafka_conf_new");
    RESOLVE(conf_set, "rd_kafka_conf_set");
    RESOLVE(conf_destroy, "rd_kafka_conf_destroy");
    RESOLVE(new_handle, "rd_kafka_new");
    RESOLVE(destroy, "rd_kafka_destroy");
    RESOLVE(poll_set_consumer, "rd_kafka_poll_set_consumer");
    RESOLVE(list_new, "rd_kafka_topic_partition_list_new");
    RESOLVE(list_add, "rd_kafka_topic_partition_list_add");
    RESOLVE(list_destroy, "rd_kafka_topic_partition_list_destroy");
    RESOLVE(subscribe, "rd_kafka_subscribe");
    RESOLVE(consumer_poll, "rd_kafka_consumer_poll");
    RESOLVE(message_destroy, "rd_kafka_message_destroy");
    RESOLVE(message_errstr, "rd_kafka_message_errstr");
    RESOLVE(topic_name, "rd_kafka_topic_name");
    RESOLVE(message_headers, "rd_kafka_message_headers");
    RESOLVE(header_get_all, "rd_kafka_header_get_all");
    RESOLVE(commit, "rd_kafka_commit");
    RESOLVE(assignment, "rd_kafka_assignment");
    RESOLVE(consumer_close, "rd_kafka_consumer_close");
    RESOLVE(err2str, "rd_kafka_err2str");
    RESOLVE(position, "rd_kafka_position");
    RESOLVE(get_watermark_offsets, "rd_kafka_get_watermark_offsets");
    RESOLVE(conf_set_rebalance_cb, "rd_kafka_conf_set_rebalance_cb");
    RESOLVE(conf_set_opaque, "rd_kafka_conf_set_opaque");
    RESOLVE(assign, "rd_kafka_assign");
#undef RESOLVE
    *(void **)&api.rebalance_protocol = gh_kafka_dlsym("rd_kafka_rebalance_protocol");
    *(void **)&api.incremental_assign = gh_kafka_dlsym("rd_kafka_incremental_assign");
    *(void **)&api.incremental_unassign = gh_kafka_dlsym("rd_kafka_incremental_unassign");
    *(void **)&api.error_destroy = gh_kafka_dlsym("rd_kafka_error_destroy");
    resolved = 1;
}

/* A partition's place: whether the consumer has reached its end since its last record. */
typedef struct {
    char *topic;
    int32_t partition;
    int at_end;
} partition_state;

struct gh_kafka_consumer {
    rd_kafka_t *handle;
    rd_kafka_message_t *current;
    partition_state *partitions;
    int partition_count;
};

static partition_state *state_of(gh_kafka_consumer *consumer, const char *topic, int32_t partition) {
    for (int index = 0; index < consumer->partition_count; index++) {
        partition_state *state = &consumer->partitions[index];
        if (state->partition == partition && strcmp(state->topic, topic) == 0) return state;
    }
    consumer->partitions = realloc(consumer->partitions, sizeof(partition_state) * (size_t)(consumer->partition_count + 1));
    partition_state *state = &consumer->partitions[consumer->partition_count++];
    state->topic = strdup(topic);
    state->partition = partition;
    state->at_end = 0;
    return state;
}

/* A (re)assignment: every partition's end-of-partition flag is cleared, so a partition read to its end
   under an earlier assignment (or by an earlier member) is not taken as caught up before it is read again;
   then the assignment librdkafka's default handler would make, eager or cooperative. */
static void on_rebalance(rd_kafka_t *handle, int err, rd_kafka_topic_partition_list_t *partitions, void *opaque) {
    gh_kafka_consumer *consumer = opaque;
    for (int index = 0; index < consumer->partition_count; index++) consumer->partitions[index].at_end = 0;
    const char *protocol = api.rebalance_protocol ? api.rebalance_protocol(handle) : NULL;
    int cooperative = protocol && strcmp(protocol, "COOPERATIVE") == 0 && api.incremental_assign &&
                      api.incremental_unassign && api.error_destroy;
    int assigning = err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS;
    if (cooperative) {
        void *error = assigning ? api.incremental_assign(handle, partitions) : api.incremental_unassign(handle, partitions);
        if (error) api.error_destroy(error);
    } else {
        api.assign(handle, assigning ? partitions : NULL);
    }
}

gh_kafka_consumer *gh_kafka_consumer_new(const char *const *keys, const char *const *values, int count,
                                         const char *const *topics, int topic_count, char *error, size_t error_size) {
    pthread_once(&resolve_once, resolve_all);
    if (!resolved) {
        snprintf(error, error_size, "%s", resolve_error);
        return NULL;
    }
    rd_kafka_conf_t *conf = api.conf_new();
    for (int index = 0; index < count; index++) {
        if (api.conf_set(conf, keys[index], values[index], error, error_size) != RD_KAFKA_CONF_OK) {
            api.conf_destroy(conf);
            return NULL;
        }
    }
    gh_kafka_consumer *consumer = calloc(1, sizeof *consumer);
    api.conf_set_opaque(conf, consumer);
    api.conf_set_rebalance_cb(conf, on_rebalance);
    rd_kafka_t *handle = api.new_handle(RD_KAFKA_CONSUMER, conf, error, error_size);
    if (handle == NULL) {
        api.conf_destroy(conf);
        free(consumer);
        return NULL;
    }
    api.poll_set_consumer(handle);
    rd_kafka_topic_partition_list_t *list = api.list_new(topic_count);
    for (int index = 0; index < topic_count; index++) api.list_add(list, topics[index], RD_KAFKA_PARTITION_UA);
    int err = api.subscribe(handle, list);
    api.list_destroy(list);
    if (err != 0) {
        snprintf(error, error_size, "subscribe failed: %s", api.err2str(err));
        api.destroy(handle);
        free(consumer);
        return NULL;
    }
    consumer->handle = handle;
    return consumer;
}

static void release(gh_kafka_consumer *consumer) {
    if (consumer->current) api.message_destroy(consumer->current);
    consumer->current = NULL;
}

void gh_kafka_consumer_destroy(gh_kafka_consumer *consumer) {
    if (consumer == NULL) return;
    release(consumer);
    api.consumer_close(consumer->handle);
    api.destroy(consumer->handle);
    for (int index = 0; index < consumer->partition_count; index++) free(consumer->partitions[index].topic);
    free(consumer->partitions);
    free(consumer);
}

int gh_kafka_consumer_poll(gh_kafka_consumer *consumer, int timeout_ms, gh_kafka_record *record) {
    release(consumer);
    memset(record, 0, sizeof *record);
    rd_kafka_message_t *message = api.consumer_poll(consumer->handle, timeout_ms);
    if (message == NULL) return GH_KAFKA_POLL_NOTHING;
    const char *topic = message->rkt ? api.topic_name(message->rkt) : "";
    record->topic = topic;
    record->partition = message->partition;
    record->offset = message->offset;
    record->error = message->err;
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        state_of(consumer, topic, message->partition)->at_end = 1;
        api.message_destroy(message);
        return GH_KAFKA_POLL_END;
    }
    consumer->current = message;
    if (message->err != 0) {
        record->error_text = api.message_errstr(message);
        return GH_KAFKA_POLL_ERROR;
    }
    state_of(consumer, topic, message->partition)->at_end = 0;
    record->key = message->key;
    record->key_size = message->key_len;
    record->value = message->payload;
    record->value_size = message->len;
    rd_kafka_headers_t *headers = NULL;
    if (api.message_headers(message, &headers) == 0 && headers) {
        const char *name;
        const void *value;
        size_t size;
        while (api.header_get_all(headers, (size_t)record->header_count, &name, &value, &size) == 0) record->header_count++;
    }
    return GH_KAFKA_POLL_RECORD;
}

int gh_kafka_consumer_header(gh_kafka_consumer *consumer, int index, const char **name, const void **value, size_t *size) {
    rd_kafka_headers_t *headers = NULL;
    if (consumer->current == NULL || api.message_headers(consumer->current, &headers) != 0 || headers == NULL) return 0;
    return api.header_get_all(headers, (size_t)index, name, value, size) == 0;
}

int gh_kafka_consumer_commit(gh_kafka_consumer *consumer, const char *const *topics, const int32_t *partitions,
                             const int64_t *next_offsets, int count) {
    rd_kafka_topic_partition_list_t *list = api.list_new(count);
    for (int index = 0; index < count; index++) api.list_add(list, topics[index], partitions[index])->offset = next_offsets[index];
    int err = api.commit(consumer->handle, list, 0);
    api.list_destroy(list);
    return err;
}

int gh_kafka_consumer_caught_up(gh_kafka_consumer *consumer) {
    rd_kafka_topic_partition_list_t *assigned = NULL;
    if (api.assignment(consumer->handle, &assigned) != 0 || assigned == NULL) return 0;
    int caught_up = assigned->cnt > 0;
    for (int index = 0; index < assigned->cnt && caught_up; index++) {
        rd_kafka_topic_partition_t *partition = &assigned->elems[index];
        caught_up = state_of(consumer, partition->topic, partition->partition)->at_end;
    }
    api.list_destroy(assigned);
    return caught_up;
}

int64_t gh_kafka_consumer_lag(gh_kafka_consumer *consumer) {
    rd_kafka_topic_partition_list_t *assigned = NULL;
    if (api.assignment(consumer->handle, &assigned) != 0 || assigned == NULL) return -1;
    int64_t lag = 0;
    if (assigned->cnt == 0 || api.position(consumer->handle, assigned) != 0) lag = -1;
    for (int index = 0; index < assigned->cnt && lag >= 0; index++) {
        rd_kafka_topic_partition_t *partition = &assigned->elems[index];
        int64_t low = -1, high = -1;
        /* The cached high watermark of the last fetch: no broker request. */
        if (api.get_watermark_offsets(consumer->handle, partition->topic, partition->partition, &low, &high) != 0 || high < 0) continue;
        int64_t at = partition->offset >= 0 ? partition->offset : (low >= 0 ? low : 0);
        if (high > at) lag += high - at;
    }
    api.list_destroy(assigned);
    return lag;
}
