#ifndef GIBSON_HOOK_KAFKA_LOADER_H
#define GIBSON_HOOK_KAFKA_LOADER_H
#include <stddef.h>
#include <stdint.h>

/* librdkafka, loaded with dlopen by the processes that deliver (never by a hook), like CurlLoader does for
   libcurl. No librdkafka-dev headers: the few types, prototypes and constants used are declared in
   KafkaLoader.c, copied from librdkafka's src/rdkafka.h (rd_kafka_vtype_t, rd_kafka_message_t,
   rd_kafka_msg_status_t, RD_KAFKA_MSG_F_COPY, RD_KAFKA_PURGE_F_*). Swift sees only this opaque API. */

/* The oldest librdkafka accepted (rd_kafka_version() form 0xMMmmrrpp): 2.0.0, Debian 12's librdkafka1. */
#define GH_KAFKA_MIN_VERSION 0x020000ffu

/* rd_kafka_msg_status_t. */
enum { GH_KAFKA_NOT_PERSISTED = 0, GH_KAFKA_POSSIBLY_PERSISTED = 1, GH_KAFKA_PERSISTED = 2 };

/* Loads librdkafka once from `path` (NULL: the system's librdkafka.so.1) and checks its version. Returns 1 on
   success, 0 on failure (see gh_kafka_load_error). */
int gh_kafka_load(const char *path);
const char *gh_kafka_load_error(void);
/* rd_kafka_version_str() of the loaded library. */
const char *gh_kafka_version_str(void);
const char *gh_kafka_err2str(int err);
const char *gh_kafka_err2name(int err);

/* The Admin API for `gibson-hook topics`. */
#include "KafkaAdmin.h"

/* One producer with its delivery reports, indexed by the caller's message index. */
typedef struct gh_kafka_producer gh_kafka_producer;
/* A producer with `count` configuration properties and room for `capacity` reports; NULL with `error` set. */
gh_kafka_producer *gh_kafka_producer_new(const char *const *keys, const char *const *values, int count,
                                         int capacity, char *error, size_t error_size);
void gh_kafka_producer_destroy(gh_kafka_producer *producer);
/* Starts a new batch of `capacity` messages, indexed from 0: earlier reports are forgotten. */
void gh_kafka_begin(gh_kafka_producer *producer, int capacity);
/* Queues one record (copied); returns 0 or the rd_kafka_resp_err_t. Headers: names, values and lengths. */
int gh_kafka_produce(gh_kafka_producer *producer, const char *topic, const void *key, size_t key_size,
                     const void *value, size_t value_size, const char *const *header_names,
                     const void *const *header_values, const size_t *header_sizes, int header_count, int index);
/* rd_kafka_flush for at most `timeout_ms`; returns 0 when every report arrived. */
int gh_kafka_flush(gh_kafka_producer *producer, int timeout_ms);
/* Purges what is still queued or in flight (their reports arrive as _PURGE_* errors) and serves them. */
void gh_kafka_purge(gh_kafka_producer *producer);
/* 1 when message `index` has a report, with its error and persistence status. */
int gh_kafka_report(const gh_kafka_producer *producer, int index, int *error, int *status);
/* Copies at most `max` indices of messages whose report arrived since the last call, in arrival order. */
int gh_kafka_take_reports(gh_kafka_producer *producer, int *indices, int max);
/* librdkafka's log lines never reach stderr: copies the latest error-level line (empty when none) and
   returns how many there were since the producer was made. */
unsigned gh_kafka_last_problem(gh_kafka_producer *producer, char *buffer, size_t size);

/* One high-level consumer in a group (KafkaConsumer.c): manual commits, partition-EOF tracking. */
typedef struct gh_kafka_consumer gh_kafka_consumer;
/* What gh_kafka_consumer_poll found. */
enum { GH_KAFKA_POLL_NOTHING = 0, GH_KAFKA_POLL_RECORD = 1, GH_KAFKA_POLL_END = 2, GH_KAFKA_POLL_ERROR = 3 };
/* One polled record; its pointers stay valid until the next poll or destroy. */
typedef struct {
    const char *topic;
    int32_t partition;
    int64_t offset;
    const void *key;
    size_t key_size;
    const void *value;
    size_t value_size;
    int header_count;
    int error;
    const char *error_text;
} gh_kafka_record;
/* A consumer with `count` properties, subscribed to `topics`; NULL with `error` set. gh_kafka_load first. */
gh_kafka_consumer *gh_kafka_consumer_new(const char *const *keys, const char *const *values, int count,
                                         const char *const *topics, int topic_count, char *error, size_t error_size);
/* Leaves the group (rd_kafka_consumer_close) and frees everything. */
void gh_kafka_consumer_destroy(gh_kafka_consumer *consumer);
/* Waits up to `timeout_ms` for a record, a partition end or an error (GH_KAFKA_POLL_*). */
int gh_kafka_consumer_poll(gh_kafka_consumer *consumer, int timeout_ms, gh_kafka_record *record);
/* Header `index` of the last polled record; 1 when it exists. */
int gh_kafka_consumer_header(gh_kafka_consumer *consumer, int index, const char **name, const void **value, size_t *size);
/* Commits `count` next offsets synchronously; returns 0 or the rd_kafka_resp_err_t. */
int gh_kafka_consumer_commit(gh_kafka_consumer *consumer, const char *const *topics, const int32_t *partitions,
                             const int64_t *next_offsets, int count);
/* 1 when partitions are assigned and the consumer has reached the end of each since its last record. */
int gh_kafka_consumer_caught_up(gh_kafka_consumer *consumer);
/* Records between the consumer's positions and the partitions' last fetched high watermarks; -1 while no
   partition is assigned. */
int64_t gh_kafka_consumer_lag(gh_kafka_consumer *consumer);
#endif
