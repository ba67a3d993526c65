/* The Admin API requests and their results, through the functions KafkaAdminSymbols.c resolved. */
#include "KafkaAdmin.h"
#include "KafkaAdminInternal.h"
#include "KafkaLoader.h"
#include "KafkaLoaderInternal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gh_kafka_cluster {
    const rd_kafka_metadata_t *metadata;
};

int gh_kafka_admin_metadata(gh_kafka_admin *made, int timeout_ms, gh_kafka_cluster **cluster) {
    const rd_kafka_metadata_t *metadata = NULL;
    int err = gh_admin.metadata(made->handle, 1, NULL, &metadata, timeout_ms);
    if (err != 0) return err;
    *cluster = calloc(1, sizeof **cluster);
    (*cluster)->metadata = metadata;
    return 0;
}

void gh_kafka_cluster_destroy(gh_kafka_cluster *cluster) {
    if (cluster == NULL) return;
    gh_admin.metadata_destroy(cluster->metadata);
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
    gh_admin.event_destroy(results->event);
    free(results);
}

int gh_kafka_results_count(const gh_kafka_results *results) { return (int)results->count; }

const char *gh_kafka_results_name(const gh_kafka_results *results, int index) {
    return results->kind == 0 ? gh_admin.topic_result_name(results->items[index])
                              : gh_admin.resource_name(results->items[index]);
}

int gh_kafka_results_error(const gh_kafka_results *results, int index) {
    return results->kind == 0 ? gh_admin.topic_result_error(results->items[index])
                              : gh_admin.resource_error(results->items[index]);
}

const char *gh_kafka_results_error_string(const gh_kafka_results *results, int index) {
    const char *text = results->kind == 0 ? gh_admin.topic_result_error_string(results->items[index])
                                          : gh_admin.resource_error_string(results->items[index]);
    return text ? text : gh_admin.err2str(gh_kafka_results_error(results, index));
}

int gh_kafka_results_configs(const gh_kafka_results *results, int index) {
    if (results->kind != 1) return 0;
    size_t count = 0;
    gh_admin.resource_configs(results->items[index], &count);
    return (int)count;
}

const char *gh_kafka_results_config_name(const gh_kafka_results *results, int index, int config) {
    size_t count = 0;
    return gh_admin.entry_name(gh_admin.resource_configs(results->items[index], &count)[config]);
}

const char *gh_kafka_results_config_value(const gh_kafka_results *results, int index, int config) {
    size_t count = 0;
    return gh_admin.entry_value(gh_admin.resource_configs(results->items[index], &count)[config]);
}

/* Waits for the request's result event on `queue`; its results, or NULL with the request's error. */
static gh_kafka_results *await(rd_kafka_queue_t *queue, int timeout_ms, int kind, result_of result, items_of items,
                               int *err, char *error, size_t error_size) {
    /* The request times out on its own (request timeout); the extra second lets its event arrive. */
    rd_kafka_event_t *event = gh_admin.queue_poll(queue, timeout_ms + 1000);
    gh_admin.queue_destroy(queue);
    if (event == NULL) {
        *err = -185; /* _TIMED_OUT */
        snprintf(error, error_size, "%s", gh_admin.err2str(*err));
        return NULL;
    }
    if ((*err = gh_admin.event_error(event)) != 0) {
        const char *text = gh_admin.event_error_string(event);
        snprintf(error, error_size, "%s", text ? text : gh_admin.err2str(*err));
        gh_admin.event_destroy(event);
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
    rd_kafka_AdminOptions_t *options = gh_admin.options_new(made->handle, RD_KAFKA_ADMIN_OP_ANY);
    char ignored[256];
    gh_admin.options_set_request_timeout(options, timeout_ms, ignored, sizeof ignored);
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
        topics[index] = gh_admin.new_topic(names[index], partitions[index], replication[index], error, error_size);
        if (topics[index] == NULL) {
            for (int made_index = 0; made_index < index; made_index++) gh_admin.new_topic_destroy(topics[made_index]);
            free(topics);
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            return NULL;
        }
        for (int at = 0; at < config_counts[index]; at++, config++) {
            gh_admin.new_topic_set_config(topics[index], config_keys[config], config_values[config]);
        }
    }
    rd_kafka_queue_t *queue = gh_admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    gh_admin.create_topics(made->handle, topics, (size_t)count, request, queue);
    gh_admin.options_destroy(request);
    for (int index = 0; index < count; index++) gh_admin.new_topic_destroy(topics[index]);
    free(topics);
    return await(queue, timeout_ms, 0, gh_admin.create_topics_result, gh_admin.create_topics_result_topics, err, error,
                 error_size);
}

gh_kafka_results *gh_kafka_admin_create_partitions(gh_kafka_admin *made, int count, const char *const *names,
                                                   const int *totals, int timeout_ms, int *err, char *error,
                                                   size_t error_size) {
    rd_kafka_NewPartitions_t **parts = calloc((size_t)(count > 0 ? count : 1), sizeof *parts);
    for (int index = 0; index < count; index++) {
        parts[index] = gh_admin.new_partitions(names[index], (size_t)totals[index], error, error_size);
        if (parts[index] == NULL) {
            for (int made_index = 0; made_index < index; made_index++) gh_admin.new_partitions_destroy(parts[made_index]);
            free(parts);
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            return NULL;
        }
    }
    rd_kafka_queue_t *queue = gh_admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    gh_admin.create_partitions(made->handle, parts, (size_t)count, request, queue);
    gh_admin.options_destroy(request);
    for (int index = 0; index < count; index++) gh_admin.new_partitions_destroy(parts[index]);
    free(parts);
    return await(queue, timeout_ms, 0, gh_admin.create_partitions_result, gh_admin.create_partitions_result_topics, err,
                 error, error_size);
}

gh_kafka_results *gh_kafka_admin_describe_configs(gh_kafka_admin *made, int count, const char *const *names,
                                                  int timeout_ms, int *err, char *error, size_t error_size) {
    rd_kafka_ConfigResource_t **resources = calloc((size_t)(count > 0 ? count : 1), sizeof *resources);
    for (int index = 0; index < count; index++) resources[index] = gh_admin.resource_new(RD_KAFKA_RESOURCE_TOPIC, names[index]);
    rd_kafka_queue_t *queue = gh_admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    gh_admin.describe_configs(made->handle, resources, (size_t)count, request, queue);
    gh_admin.options_destroy(request);
    for (int index = 0; index < count; index++) gh_admin.resource_destroy(resources[index]);
    free(resources);
    return await(queue, timeout_ms, 1, gh_admin.describe_configs_result, gh_admin.describe_configs_result_resources, err,
                 error, error_size);
}

gh_kafka_results *gh_kafka_admin_alter_configs(gh_kafka_admin *made, int count, const char *const *names,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size) {
    if (gh_admin.incremental_alter_configs == NULL || gh_admin.resource_add_incremental == NULL ||
        gh_admin.incremental_alter_configs_result == NULL || gh_admin.incremental_alter_configs_result_resources == NULL) {
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
        resources[index] = gh_admin.resource_new(RD_KAFKA_RESOURCE_TOPIC, names[index]);
        for (int at = 0; at < config_counts[index]; at++, config++) {
            rd_kafka_error_t *failed = gh_admin.resource_add_incremental(
                resources[index], config_keys[config], RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, config_values[config]);
            if (failed != NULL) {
                snprintf(error, error_size, "%s", gh_admin.error_string ? gh_admin.error_string(failed) : "invalid config");
                if (gh_admin.error_destroy) gh_admin.error_destroy(failed);
                for (int made_index = 0; made_index <= index; made_index++) gh_admin.resource_destroy(resources[made_index]);
                free(resources);
                *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
                return NULL;
            }
        }
    }
    rd_kafka_queue_t *queue = gh_admin.queue_new(made->handle);
    rd_kafka_AdminOptions_t *request = options(made, timeout_ms);
    gh_admin.incremental_alter_configs(made->handle, resources, (size_t)count, request, queue);
    gh_admin.options_destroy(request);
    for (int index = 0; index < count; index++) gh_admin.resource_destroy(resources[index]);
    free(resources);
    return await(queue, timeout_ms, 1, gh_admin.incremental_alter_configs_result,
                 gh_admin.incremental_alter_configs_result_resources, err, error, error_size);
}
