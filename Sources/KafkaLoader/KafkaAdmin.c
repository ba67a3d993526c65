/* The Admin API requests, through the functions KafkaAdminSymbols.c resolved; their results are read in
   KafkaAdminResults.c. */
#include "KafkaAdmin.h"
#include "KafkaAdminInternal.h"
#include "KafkaLoader.h"
#include "KafkaLoaderInternal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gh_kafka_timeout_ms(double seconds) {
    /* NaN and negatives wait not at all; the comparison happens in double, before any conversion. */
    if (!(seconds > 0)) return 0;
    if (seconds * 1000 >= GH_KAFKA_MAX_TIMEOUT_MS) return GH_KAFKA_MAX_TIMEOUT_MS;
    return (int)(seconds * 1000);
}

static void out_of_memory(int *err, char *error, size_t error_size) {
    *err = RD_KAFKA_RESP_ERR__FAIL;
    snprintf(error, error_size, "out of memory");
}

/* Waits for the request's result event on `queue`; its results, or NULL with the request's error. */
static gh_kafka_results *await(rd_kafka_queue_t *queue, int timeout_ms, int kind, result_of result, items_of items,
                               int *err, char *error, size_t error_size) {
    /* The request times out on its own (request timeout); the extra second lets its event arrive. Bounded
       first: INT_MAX + 1000 would overflow. */
    rd_kafka_event_t *event = gh_admin.queue_poll(queue, gh_kafka_bounded_timeout(timeout_ms) + 1000);
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
    if (made == NULL) {
        /* Another event than the request's result: no per-topic answers, which must not read as success. */
        gh_admin.event_destroy(event);
        *err = RD_KAFKA_RESP_ERR__FAIL;
        snprintf(error, error_size, "librdkafka answered the request with an event that is not its result");
        return NULL;
    }
    gh_kafka_results *results = calloc(1, sizeof *results);
    if (results == NULL) {
        gh_admin.event_destroy(event);
        out_of_memory(err, error, error_size);
        return NULL;
    }
    results->event = event;
    results->kind = kind;
    results->items = items(made, &results->count);
    return results;
}

/* The request's options with its timeout, and the queue its result arrives on; 0 with `*err` and `error` set
   (nothing left to free) when librdkafka refuses either. */
static int prepare(gh_kafka_admin *made, int timeout_ms, rd_kafka_AdminOptions_t **options, rd_kafka_queue_t **queue,
                   int *err, char *error, size_t error_size) {
    *options = gh_admin.options_new(made->handle, RD_KAFKA_ADMIN_OP_ANY);
    if (*options == NULL) {
        out_of_memory(err, error, error_size);
        return 0;
    }
    char reason[512] = "";
    int failed = gh_admin.options_set_request_timeout(*options, gh_kafka_bounded_timeout(timeout_ms), reason, sizeof reason);
    if (failed != 0) {
        gh_admin.options_destroy(*options);
        *err = failed;
        snprintf(error, error_size, "request timeout of %d ms refused: %s", gh_kafka_bounded_timeout(timeout_ms),
                 reason[0] ? reason : gh_admin.err2str(failed));
        return 0;
    }
    *queue = gh_admin.queue_new(made->handle);
    if (*queue == NULL) {
        gh_admin.options_destroy(*options);
        out_of_memory(err, error, error_size);
        return 0;
    }
    return 1;
}

gh_kafka_results *gh_kafka_admin_create_topics(gh_kafka_admin *made, int count, const char *const *names,
                                               const int *partitions, const int *replication,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size) {
    *err = 0;
    rd_kafka_NewTopic_t **topics = calloc((size_t)(count > 0 ? count : 1), sizeof *topics);
    if (topics == NULL) {
        out_of_memory(err, error, error_size);
        return NULL;
    }
    int config = 0, made_count = 0;
    for (int index = 0; index < count && *err == 0; index++) {
        topics[index] = gh_admin.new_topic(names[index], partitions[index], replication[index], error, error_size);
        if (topics[index] == NULL) {
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            break;
        }
        made_count++;
        for (int at = 0; at < config_counts[index]; at++, config++) {
            int failed = gh_admin.new_topic_set_config(topics[index], config_keys[config], config_values[config]);
            if (failed != 0) {
                *err = failed;
                snprintf(error, error_size, "topic '%s' config '%s': %s", names[index], config_keys[config],
                         gh_admin.err2str(failed));
                break;
            }
        }
    }
    rd_kafka_AdminOptions_t *request = NULL;
    rd_kafka_queue_t *queue = NULL;
    int ready = *err == 0 && prepare(made, timeout_ms, &request, &queue, err, error, error_size);
    if (ready) {
        gh_admin.create_topics(made->handle, topics, (size_t)count, request, queue);
        gh_admin.options_destroy(request);
    }
    for (int index = 0; index < made_count; index++) gh_admin.new_topic_destroy(topics[index]);
    free(topics);
    if (!ready) return NULL;
    return await(queue, timeout_ms, 0, gh_admin.create_topics_result, gh_admin.create_topics_result_topics, err, error,
                 error_size);
}

gh_kafka_results *gh_kafka_admin_create_partitions(gh_kafka_admin *made, int count, const char *const *names,
                                                   const int *totals, int timeout_ms, int *err, char *error,
                                                   size_t error_size) {
    *err = 0;
    rd_kafka_NewPartitions_t **parts = calloc((size_t)(count > 0 ? count : 1), sizeof *parts);
    if (parts == NULL) {
        out_of_memory(err, error, error_size);
        return NULL;
    }
    int made_count = 0;
    for (int index = 0; index < count; index++) {
        parts[index] = gh_admin.new_partitions(names[index], (size_t)totals[index], error, error_size);
        if (parts[index] == NULL) {
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            break;
        }
        made_count++;
    }
    rd_kafka_AdminOptions_t *request = NULL;
    rd_kafka_queue_t *queue = NULL;
    int ready = *err == 0 && prepare(made, timeout_ms, &request, &queue, err, error, error_size);
    if (ready) {
        gh_admin.create_partitions(made->handle, parts, (size_t)count, request, queue);
        gh_admin.options_destroy(request);
    }
    for (int index = 0; index < made_count; index++) gh_admin.new_partitions_destroy(parts[index]);
    free(parts);
    if (!ready) return NULL;
    return await(queue, timeout_ms, 0, gh_admin.create_partitions_result, gh_admin.create_partitions_result_topics, err,
                 error, error_size);
}

/* `count` topic config resources, or NULL with `*err` and `error` set. */
static rd_kafka_ConfigResource_t **topic_resources(int count, const char *const *names, int *made_count, int *err,
                                                   char *error, size_t error_size) {
    rd_kafka_ConfigResource_t **resources = calloc((size_t)(count > 0 ? count : 1), sizeof *resources);
    *made_count = 0;
    if (resources == NULL) {
        out_of_memory(err, error, error_size);
        return NULL;
    }
    for (int index = 0; index < count; index++) {
        resources[index] = gh_admin.resource_new(RD_KAFKA_RESOURCE_TOPIC, names[index]);
        if (resources[index] == NULL) {
            *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
            snprintf(error, error_size, "topic '%s': librdkafka refused it as a config resource", names[index]);
            return resources;
        }
        (*made_count)++;
    }
    return resources;
}

static void destroy_resources(rd_kafka_ConfigResource_t **resources, int made_count) {
    if (resources == NULL) return;
    for (int index = 0; index < made_count; index++) gh_admin.resource_destroy(resources[index]);
    free(resources);
}

gh_kafka_results *gh_kafka_admin_describe_configs(gh_kafka_admin *made, int count, const char *const *names,
                                                  int timeout_ms, int *err, char *error, size_t error_size) {
    *err = 0;
    int made_count = 0;
    rd_kafka_ConfigResource_t **resources = topic_resources(count, names, &made_count, err, error, error_size);
    rd_kafka_AdminOptions_t *request = NULL;
    rd_kafka_queue_t *queue = NULL;
    int ready = *err == 0 && prepare(made, timeout_ms, &request, &queue, err, error, error_size);
    if (ready) {
        gh_admin.describe_configs(made->handle, resources, (size_t)count, request, queue);
        gh_admin.options_destroy(request);
    }
    destroy_resources(resources, made_count);
    if (!ready) return NULL;
    return await(queue, timeout_ms, 1, gh_admin.describe_configs_result, gh_admin.describe_configs_result_resources, err,
                 error, error_size);
}

gh_kafka_results *gh_kafka_admin_alter_configs(gh_kafka_admin *made, int count, const char *const *names,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size) {
    *err = 0;
    if (gh_admin.incremental_alter_configs == NULL || gh_admin.resource_add_incremental == NULL ||
        gh_admin.incremental_alter_configs_result == NULL || gh_admin.incremental_alter_configs_result_resources == NULL) {
        *err = RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE;
        snprintf(error, error_size,
                 "librdkafka '%s' is version %s, which has no IncrementalAlterConfigs: altering topic configs needs "
                 "librdkafka 2.2.0 or later: install it or set GIBSON_HOOK_LIBRDKAFKA to its path",
                 gh_kafka_load_path(), gh_kafka_version_str());
        return NULL;
    }
    int made_count = 0;
    rd_kafka_ConfigResource_t **resources = topic_resources(count, names, &made_count, err, error, error_size);
    int config = 0;
    for (int index = 0; index < count && *err == 0; index++) {
        for (int at = 0; at < config_counts[index]; at++, config++) {
            rd_kafka_error_t *failed = gh_admin.resource_add_incremental(
                resources[index], config_keys[config], RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, config_values[config]);
            if (failed != NULL) {
                snprintf(error, error_size, "topic '%s' config '%s': %s", names[index], config_keys[config],
                         gh_admin.error_string ? gh_admin.error_string(failed) : "invalid config");
                if (gh_admin.error_destroy) gh_admin.error_destroy(failed);
                *err = RD_KAFKA_RESP_ERR__INVALID_ARG;
                break;
            }
        }
    }
    rd_kafka_AdminOptions_t *request = NULL;
    rd_kafka_queue_t *queue = NULL;
    int ready = *err == 0 && prepare(made, timeout_ms, &request, &queue, err, error, error_size);
    if (ready) {
        gh_admin.incremental_alter_configs(made->handle, resources, (size_t)count, request, queue);
        gh_admin.options_destroy(request);
    }
    destroy_resources(resources, made_count);
    if (!ready) return NULL;
    return await(queue, timeout_ms, 1, gh_admin.incremental_alter_configs_result,
                 gh_admin.incremental_alter_configs_result_resources, err, error, error_size);
}
