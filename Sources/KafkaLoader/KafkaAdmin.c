#include "KafkaAdmin.h"
#include "KafkaLoader.h"
#include "KafkaLoaderInternal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
enum { RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE = -165, RD_KAFKA_RESP_ERR__INVALID_ARG = -186 };

typedef const void *(*result_of)(rd_kafka_event_t *);
typedef const void **(*items_of)(const void *, size_t *);

static struct {
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
} admin;

static int admin_loaded;
static char admin_error[768];
static pthread_once_t admin_once = PTHREAD_ONCE_INIT;

static int resolve(void **slot, const char *name) {
    *slot = gh_kafka_dlsym(name);
    if (*slot == NULL) {
        snprintf(admin_error, sizeof admin_error,
                 "librdkafka '%s' has no symbol '%s' (too old or not librdkafka): install librdkafka 2.0 or later "
                 "(Debian: apt-get install librdkafka1) or set GIBSON_HOOK_LIBRDKAFKA to its path",
                 gh_kafka_load_path(), name);
        return 0;
    }
    return 1;
}

static void load_admin(void) {
#define RESOLVE(slot, name) if (!resolve((void **)&admin.slot, name)) return
    RESOLVE(conf_new, "rd_kafka_conf_new");
    RESOLVE(conf_set, "rd_kafka_conf_set");
    RESOLVE(conf_destroy, "rd_kafka_conf_destroy");
    RESOLVE(new_handle, "rd_kafka_new");
    RESOLVE(destroy, "rd_kafka_destroy");
    RESOLVE(err2str, "rd_kafka_err2str");
    RESOLVE(metadata, "rd_kafka_metadata");
    RESOLVE(metadata_destroy, "rd_kafka_metadata_destroy");
    RESOLVE(queue_new, "rd_kafka_queue_new");
    RESOLVE(queue_destroy, "rd_kafka_queue_destroy");
    RESOLVE(queue_poll, "rd_kafka_queue_poll");
    RESOLVE(event_destroy, "rd_kafka_event_destroy");
    RESOLVE(event_error, "rd_kafka_event_error");
    RESOLVE(event_error_string, "rd_kafka_event_error_string");
    RESOLVE(options_new, "rd_kafka_AdminOptions_new");
    RESOLVE(options_set_request_timeout, "rd_kafka_AdminOptions_set_request_timeout");
    RESOLVE(options_destroy, "rd_kafka_AdminOptions_destroy");
    RESOLVE(new_topic, "rd_kafka_NewTopic_new");
    RESOLVE(new_topic_set_config, "rd_kafka_NewTopic_set_config");
    RESOLVE(new_topic_destroy, "rd_kafka_NewTopic_destroy");
    RESOLVE(create_topics, "rd_kafka_CreateTopics");
    RESOLVE(create_topics_result, "rd_kafka_event_CreateTopics_result");
    RESOLVE(create_topics_result_topics, "rd_kafka_CreateTopics_result_topics");
    RESOLVE(new_partitions, "rd_kafka_NewPartitions_new");
    RESOLVE(new_partitions_destroy, "rd_kafka_NewPartitions_destroy");
    RESOLVE(create_partitions, "rd_kafka_CreatePartitions");
    RESOLVE(create_partitions_result, "rd_kafka_event_CreatePartitions_result");
    RESOLVE(create_partitions_result_topics, "rd_kafka_CreatePartitions_result_topics");
    RESOLVE(topic_result_error, "rd_kafka_topic_result_error");
    RESOLVE(topic_result_error_string, "rd_kafka_topic_result_error_string");
    RESOLVE(topic_result_name, "rd_kafka_topic_result_name");
    RESOLVE(resource_new, "rd_kafka_ConfigResource_new");
    RESOLVE(resource_destroy, "rd_kafka_ConfigResource_destroy");
    RESOLVE(resource_configs, "rd_kafka_ConfigResource_configs");
    RESOLVE(resource_name, "rd_kafka_ConfigResource_name");
    RESOLVE(resource_error, "rd_kafka_ConfigResource_error");
    RESOLVE(resource_error_string, "rd_kafka_ConfigResource_error_string");
    RESOLVE(entry_name, "rd_kafka_ConfigEntry_name");
    RESOLVE(entry_value, "rd_kafka_ConfigEntry_value");
    RESOLVE(describe_configs, "rd_kafka_DescribeConfigs");
    RESOLVE(describe_configs_result, "rd_kafka_event_DescribeConfigs_result");
    RESOLVE(describe_configs_result_resources, "rd_kafka_DescribeConfigs_result_resources");
#undef RESOLVE
    admin.resource_add_incremental = gh_kafka_dlsym("rd_kafka_ConfigResource_add_incremental_config");
    admin.incremental_alter_configs = gh_kafka_dlsym("rd_kafka_IncrementalAlterConfigs");
    admin.incremental_alter_configs_result = gh_kafka_dlsym("rd_kafka_event_IncrementalAlterConfigs_result");
    admin.incremental_alter_configs_result_resources = gh_kafka_dlsym("rd_kafka_IncrementalAlterConfigs_result_resources");
    admin.error_string = gh_kafka_dlsym("rd_kafka_error_string");
    admin.error_destroy = gh_kafka_dlsym("rd_kafka_error_destroy");
    admin_loaded = 1;
}

struct gh_kafka_admin {
    rd_kafka_t *handle;
};

gh_kafka_admin *gh_kafka_admin_new(const char *const *keys, const char *const *values, int count, char *error,
                                   size_t error_size) {
    if (!gh_kafka_load(NULL)) {
        snprintf(error, error_size, "%s", gh_kafka_load_error());
        return NULL;
    }
    pthread_once(&admin_once, load_admin);
    if (!admin_loaded) {
        snprintf(error, error_size, "%s", admin_error);
        return NULL;
    }
    rd_kafka_conf_t *conf = admin.conf_new();
    for (int index = 0; index < count; index++) {
        if (admin.conf_set(conf, keys[index], values[index], error, error_size) != RD_KAFKA_CONF_OK) {
            admin.conf_destroy(conf);
            return NULL;
        }
    }
    rd_kafka_t *handle = admin.new_handle(RD_KAFKA_PRODUCER, conf, error, error_size);
    if (handle == NULL) {
        admin.conf_destroy(conf);
        return NULL;
    }
    gh_kafka_admin *made = calloc(1, sizeof *made);
    made->handle = handle;
    return made;
}

void gh_kafka_admin_destroy(gh_kafka_admin *made) {
    if (made == NULL) return;
    admin.destroy(made->handle);
    free(made);
}

struct gh_kafka_cluster {
    const rd_kafka_metadata_t *metadata;
};

int gh_kafka_admin_metadata(gh_kafka_admin *made, int timeout_ms, gh_kafka_cluster **cluster) {
    const rd_kafka_metadata_t *metadata = NULL;
    int err = admin.metadata(made->handle, 1, NULL, &metadata, timeout_ms);
    if (err != 0) return err;
    *cluster = calloc(1, sizeof **cluster);
    (*cluster)->metadata = metadata;
    return 0;
}

void gh_kafka_cluster_destroy(gh_kafka_cluster *cluster) {
    if (cluster == NULL) return;
    admin.metadata_destroy(cluster->metadata);
    free(cluster);
}

int gh_kafka_cluster_brokers(const gh_kafka_cluster *cluster) { return cluster->metadata->broker_cnt; }
int gh_kafka_cluster_topics(const gh_kafka_cluster *cluster) { return cluster->metadata->topic_cnt; }
const char *gh_kafka_cluster_topic_name(const gh_kafka_cluster *cluster, int topic) {
    return cluster->metadata->topics[topic].topic;
}
int gh_kafka_cluster_topic_error(const gh_kafka_cluster *cluster, int topic) {
    return cluster->metadata->topics[topic].err;
}
int gh_kafka_cluster_topic_partitions(const gh_kafka_cluster *cluster, int topic) {
    return cluster->metadata->topics[topic].partition_cnt;
}
int gh_kafka_cluster_topic_replicas(const gh_kafka_cluster *cluster, int topic) {
    const rd_kafka_metadata_topic_t *entry = &cluster->metadata->topics[topic];
    int fewest = 0;
    for (int index = 0; index < entry->partition_cnt; index++) {
        int count = entry->partitions[index].replica_cnt;
        if (index == 0 || count < fewest) fewest = count;
    }
    return fewest;
}

/* kind: 0 topic results (CreateTopics, CreatePartitions), 1 config resources (DescribeConfigs, alters). */
struct gh_kafka_results {
    rd_kafka_event_t *event;
    int kind;
    size_t count;
    const void **items;
};

void gh_kafka_results_destroy(gh_kafka_results *results) {
    if (results == NULL) return;
    admin.event_destroy(results->event);
    free(results);
}

int gh_kafka_results_count(const gh_kafka_results *results) { return (int)results->count; }

const char *gh_kafka_results_name(const gh_kafka_results *results, int index) {
    return results->kind == 0 ? admin.topic_result_name(results->items[index])
                              : admin.resource_name(results->items[index]);
}

int gh_kafka_results_error(const gh_kafka_results *results, int index) {
    return results->kind == 0 ? admin.topic_result_error(results->items[index])
                              : admin.resource_error(results->items[index]);
}

const char *gh_kafka_results_error_string(const gh_kafka_results *results, int index) {
    const char *text = results->kind == 0 ? admin.topic_result_error_string(results->items[index])
                                          : admin.resource_error_string(results->items[index]);
    return text ? text : admin.err2str(gh_kafka_results_error(results, index));
}

int gh_kafka_results_configs(const gh_kafka_results *results, int index) {
    if (results->kind != 1) return 0;
    size_t count = 0;
    admin.resource_configs(results->items[index], &count);
    return (int)count;
}

const char *gh_kafka_results_config_name(const gh_kafka_results *results, int index, int config) {
    size_t count = 0;
    return admin.entry_name(admin.resource_configs(results->items[index], &count)[config]);
}

const char *gh_kafka_results_config_value(const gh_kafka_results *results, int index, int config) {
    size_t count = 0;
    return admin.entry_value(admin.resource_configs(results->items[index], &count)[config]);
}

/* Waits for the request's result event on `queue`; its results, or NULL with the request's error. */
static gh_kafka_results *await(rd_kafka_queue_t *queue, int timeout_ms, int kind, result_of result, items_of items,
                               int *err, char *error, size_t error_size) {
    /* The request times out on its own (request timeout); the extra second lets its event arrive. */
    rd_kafka_event_t *event = admin.queue_poll(queue, timeout_ms + 1000);
    admin.queue_destroy(queue);
    if (event == NULL) {
        *err = -185; /* _TIMED_OUT */
        snprintf(error, error_size, "%s", admin.err2str(*err));
        return NULL;
    }
    if ((*err = admin.event_error(event)) != 0) {
        const char *text = admin.event_error_string(event);
        snprintf(error, error_size, "%s", text ? text : admin.err2str(*err));
        admin.event_destroy(event);
        return NULL;
    }
    const void *made = result(event);
    gh_kafka_results *results = calloc(1, sizeof *results);
    results->event = event;
    results->kind = kind;
    results->items = made ? items(made, &results->count) : NULL;
    return results;
}

static rd_kafka_AdminOptions_t *options(gh_kafka_admin *made, int timeout_ms) {
    rd_kafka_AdminOptions_t *options = admin.options_new(made->handle, RD_KAFKA_ADMIN_OP_ANY);
    char ignored[256];
    admin.options_set_request_timeout(options, timeout_ms, ignored, sizeof ignored);
    return options;
}

gh_kafka_results *gh_kafka_admin_create_topics(gh_kafka_admin *made, int count, const char *const *names,
                                               const int *partitions, const int *replication,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size) {
    rd_kafka_NewTopic_t **topics = calloc((size_t)(count > 0 ? count : 1), sizeof *topics);
    int config = 0;
    for (int index = 0; index < count; index++) {
        topics[index] = admin.new_topic(names[index], partitions[index], replication[index], error, error_size);
        if (topics[index] == NULL) {
            for (int made_index = 0; made_index < index; made_index++) admin.new_topic_destroy(topics[made_index]);
            free(topics);
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            return NULL;
        }
        for (int at = 0; at < config_counts[index]; at++, config++) {
            admin.new_topic_set_config(topics[index], config_keys[config], config_values[config]);
        }
    }
    rd_kafka_queue_t *queue = admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    admin.create_topics(made->handle, topics, (size_t)count, request, queue);
    admin.options_destroy(request);
    for (int index = 0; index < count; index++) admin.new_topic_destroy(topics[index]);
    free(topics);
    return await(queue, timeout_ms, 0, admin.create_topics_result, admin.create_topics_result_topics, err, error,
                 error_size);
}

gh_kafka_results *gh_kafka_admin_create_partitions(gh_kafka_admin *made, int count, const char *const *names,
                                                   const int *totals, int timeout_ms, int *err, char *error,
                                                   size_t error_size) {
    rd_kafka_NewPartitions_t **parts = calloc((size_t)(count > 0 ? count : 1), sizeof *parts);
    for (int index = 0; index < count; index++) {
        parts[index] = admin.new_partitions(names[index], (size_t)totals[index], error, error_size);
        if (parts[index] == NULL) {
            for (int made_index = 0; made_index < index; made_index++) admin.new_partitions_destroy(parts[made_index]);
            free(parts);
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            return NULL;
        }
    }
    rd_kafka_queue_t *queue = admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    admin.create_partitions(made->handle, parts, (size_t)count, request, queue);
    admin.options_destroy(request);
    for (int index = 0; index < count; index++) admin.new_partitions_destroy(parts[index]);
    free(parts);
    return await(queue, timeout_ms, 0, admin.create_partitions_result, admin.create_partitions_result_topics, err,
                 error, error_size);
}

gh_kafka_results *gh_kafka_admin_describe_configs(gh_kafka_admin *made, int count, const char *const *names,
                                                  int timeout_ms, int *err, char *error, size_t error_size) {
    rd_kafka_ConfigResource_t **resources = calloc((size_t)(count > 0 ? count : 1), sizeof *resources);
    for (int index = 0; index < count; index++) resources[index] = admin.resource_new(RD_KAFKA_RESOURCE_TOPIC, names[index]);
    rd_kafka_queue_t *queue = admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    admin.describe_configs(made->handle, resources, (size_t)count, request, queue);
    admin.options_destroy(request);
    for (int index = 0; index < count; index++) admin.resource_destroy(resources[index]);
    free(resources);
    return await(queue, timeout_ms, 1, admin.describe_configs_result, admin.describe_configs_result_resources, err,
                 error, error_size);
}

gh_kafka_results *gh_kafka_admin_alter_configs(gh_kafka_admin *made, int count, const char *const *names,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size) {
    if (admin.incremental_alter_configs == NULL || admin.resource_add_incremental == NULL ||
        admin.incremental_alter_configs_result == NULL || admin.incremental_alter_configs_result_resources == NULL) {
        *err = RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE;
        snprintf(error, error_size,
                 "librdkafka '%s' is version %s, which has no IncrementalAlterConfigs: altering topic configs needs "
                 "librdkafka 2.2.0 or later: install it (Debian 12's librdkafka1 is 2.0) or set GIBSON_HOOK_LIBRDKAFKA to its path",
                 gh_kafka_load_path(), gh_kafka_version_str());
        return NULL;
    }
    rd_kafka_ConfigResource_t **resources = calloc((size_t)(count > 0 ? count : 1), sizeof *resources);
    int config = 0;
    for (int index = 0; index < count; index++) {
        resources[index] = admin.resource_new(RD_KAFKA_RESOURCE_TOPIC, names[index]);
        for (int at = 0; at < config_counts[index]; at++, config++) {
            rd_kafka_error_t *failed = admin.resource_add_incremental(
                resources[index], config_keys[config], RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, config_values[config]);
            if (failed != NULL) {
                snprintf(error, error_size, "%s", admin.error_string ? admin.error_string(failed) : "invalid config");
                if (admin.error_destroy) admin.error_destroy(failed);
                for (int made_index = 0; made_index <= index; made_index++) admin.resource_destroy(resources[made_index]);
                free(resources);
                *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
                return NULL;
            }
        }
    }
    rd_kafka_queue_t *queue = admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    admin.incremental_alter_configs(made->handle, resources, (size_t)count, request, queue);
    admin.options_destroy(request);
    for (int index = 0; index < count; index++) admin.resource_destroy(resources[index]);
    free(resources);
    return await(queue, timeout_ms, 1, admin.incremental_alter_configs_result,
                 admin.incremental_alter_configs_result_resources, err, error, error_size);
}
