#ifndef GIBSON_HOOK_KAFKA_ADMIN_INTERNAL_H
#define GIBSON_HOOK_KAFKA_ADMIN_INTERNAL_H
/* Shared by KafkaAdminSymbols.c (which resolves them) and KafkaAdmin.c (which calls them); not seen by Swift. */
#include <stddef.h>
#include <stdint.h>

#include "KafkaAdmin.h"

/* From librdkafka's src/rdkafka.h (stable ABI since 1.0): opaque handles, the metadata structs, and the
   constants used here. */
typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_conf_s rd_kafka_conf_t;
typedef struct rd_kafka_queue_s rd_kafka_queue_t;
typedef struct rd_kafka_op_s rd_kafka_event_t;
typedef struct rd_kafka_AdminOptions_s rd_kafka_AdminOptions_t;
typedef struct rd_kafka_NewTopic_s rd_kafka_NewTopic_t;
typedef struct rd_kafka_NewPartitions_s rd_kafka_NewPartitions_t;
typedef struct rd_kafka_ConfigResource_s rd_kafka_ConfigResource_t;
typedef struct rd_kafka_ConfigEntry_s rd_kafka_ConfigEntry_t;
typedef struct rd_kafka_topic_result_s rd_kafka_topic_result_t;
typedef struct rd_kafka_error_s rd_kafka_error_t;
typedef struct rd_kafka_metadata_partition {
    int32_t id;
    int err;
    int32_t leader;
    int replica_cnt;
    int32_t *replicas;
    int isr_cnt;
    int32_t *isrs;
} rd_kafka_metadata_partition_t;
typedef struct rd_kafka_metadata_topic {
    char *topic;
    int partition_cnt;
    rd_kafka_metadata_partition_t *partitions;
    int err;
} rd_kafka_metadata_topic_t;
typedef struct rd_kafka_metadata {
    int broker_cnt;
    void *brokers;
    int topic_cnt;
    rd_kafka_metadata_topic_t *topics;
    int32_t orig_broker_id;
    char *orig_broker_name;
} rd_kafka_metadata_t;
enum { RD_KAFKA_PRODUCER = 0, RD_KAFKA_CONF_OK = 0, RD_KAFKA_ADMIN_OP_ANY = 0, RD_KAFKA_RESOURCE_TOPIC = 2,
       RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET = 0 };
enum { RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE = -165, RD_KAFKA_RESP_ERR__INVALID_ARG = -186, RD_KAFKA_RESP_ERR__FAIL = -196 };

typedef const void *(*result_of)(rd_kafka_event_t *);
typedef const void **(*items_of)(const void *, size_t *);

/* The Admin API's functions, resolved by gh_kafka_admin_new from the library gh_kafka_load loaded. */
extern struct gh_kafka_admin_api {
    rd_kafka_conf_t *(*conf_new)(void);
    int (*conf_set)(rd_kafka_conf_t *, const char *, const char *, char *, size_t);
    void (*conf_destroy)(rd_kafka_conf_t *);
    rd_kafka_t *(*new_handle)(int, rd_kafka_conf_t *, char *, size_t);
    void (*destroy)(rd_kafka_t *);
    const char *(*err2str)(int);
    int (*metadata)(rd_kafka_t *, int, void *, const rd_kafka_metadata_t **, int);
    void (*metadata_destroy)(const rd_kafka_metadata_t *);
    rd_kafka_queue_t *(*queue_new)(rd_kafka_t *);
    void (*queue_destroy)(rd_kafka_queue_t *);
    rd_kafka_event_t *(*queue_poll)(rd_kafka_queue_t *, int);
    void (*event_destroy)(rd_kafka_event_t *);
    int (*event_error)(rd_kafka_event_t *);
    const char *(*event_error_string)(rd_kafka_event_t *);
    rd_kafka_AdminOptions_t *(*options_new)(rd_kafka_t *, int);
    int (*options_set_request_timeout)(rd_kafka_AdminOptions_t *, int, char *, size_t);
    void (*options_destroy)(rd_kafka_AdminOptions_t *);
    rd_kafka_NewTopic_t *(*new_topic)(const char *, int, int, char *, size_t);
    int (*new_topic_set_config)(rd_kafka_NewTopic_t *, const char *, const char *);
    void (*new_topic_destroy)(rd_kafka_NewTopic_t *);
    void (*create_topics)(rd_kafka_t *, rd_kafka_NewTopic_t **, size_t, const rd_kafka_AdminOptions_t *, rd_kafka_queue_t *);
    result_of create_topics_result;
    items_of create_topics_result_topics;
    rd_kafka_NewPartitions_t *(*new_partitions)(const char *, size_t, char *, size_t);
    void (*new_partitions_destroy)(rd_kafka_NewPartitions_t *);
    void (*create_partitions)(rd_kafka_t *, rd_kafka_NewPartitions_t **, size_t, const rd_kafka_AdminOptions_t *, rd_kafka_queue_t *);
    result_of create_partitions_result;
    items_of create_partitions_result_topics;
    int (*topic_result_error)(const rd_kafka_topic_result_t *);
    const char *(*topic_result_error_string)(const rd_kafka_topic_result_t *);
    const char *(*topic_result_name)(const rd_kafka_topic_result_t *);
    rd_kafka_ConfigResource_t *(*resource_new)(int, const char *);
    void (*resource_destroy)(rd_kafka_ConfigResource_t *);
    const rd_kafka_ConfigEntry_t **(*resource_configs)(const rd_kafka_ConfigResource_t *, size_t *);
    const char *(*resource_name)(const rd_kafka_ConfigResource_t *);
    int (*resource_error)(const rd_kafka_ConfigResource_t *);
    const char *(*resource_error_string)(const rd_kafka_ConfigResource_t *);
    const char *(*entry_name)(const rd_kafka_ConfigEntry_t *);
    const char *(*entry_value)(const rd_kafka_ConfigEntry_t *);
    void (*describe_configs)(rd_kafka_t *, rd_kafka_ConfigResource_t **, size_t, const rd_kafka_AdminOptions_t *, rd_kafka_queue_t *);
    result_of describe_configs_result;
    items_of describe_configs_result_resources;
    /* librdkafka 2.2.0 and later only: NULL before. */
    rd_kafka_error_t *(*resource_add_incremental)(rd_kafka_ConfigResource_t *, const char *, int, const char *);
    void (*incremental_alter_configs)(rd_kafka_t *, rd_kafka_ConfigResource_t **, size_t, const rd_kafka_AdminOptions_t *, rd_kafka_queue_t *);
    result_of incremental_alter_configs_result;
    items_of incremental_alter_configs_result_resources;
    const char *(*error_string)(const rd_kafka_error_t *);
    void (*error_destroy)(rd_kafka_error_t *);
} gh_admin;

/* One client handle for admin requests. */
struct gh_kafka_admin {
    rd_kafka_t *handle;
};

/* kind: 0 topic results (CreateTopics, CreatePartitions), 1 config resources (DescribeConfigs, alters). */
struct gh_kafka_results {
    rd_kafka_event_t *event;
    int kind;
    size_t count;
    const void **items;
};

/* `timeout_ms` kept within 0...GH_KAFKA_MAX_TIMEOUT_MS (what AdminOptions accept), so adding to it cannot
   overflow. */
static inline int gh_kafka_bounded_timeout(int timeout_ms) {
    return timeout_ms < 0 ? 0 : timeout_ms > GH_KAFKA_MAX_TIMEOUT_MS ? GH_KAFKA_MAX_TIMEOUT_MS : timeout_ms;
}
#endif
