/* Cluster metadata and the per-topic results of admin requests, read through the functions
   KafkaAdminSymbols.c resolved. */
#include "KafkaAdmin.h"
#include "KafkaAdminInternal.h"

#include <stdlib.h>

struct gh_kafka_cluster {
    const rd_kafka_metadata_t *metadata;
};

int gh_kafka_admin_metadata(gh_kafka_admin *made, int timeout_ms, gh_kafka_cluster **cluster) {
    const rd_kafka_metadata_t *metadata = NULL;
    int err = gh_admin.metadata(made->handle, 1, NULL, &metadata, gh_kafka_bounded_timeout(timeout_ms));
    if (err != 0) return err;
    if (metadata == NULL) return RD_KAFKA_RESP_ERR__FAIL;
    *cluster = calloc(1, sizeof **cluster);
    if (*cluster == NULL) {
        gh_admin.metadata_destroy(metadata);
        return RD_KAFKA_RESP_ERR__FAIL;
    }
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

