/* Resolves the Admin API from the loaded librdkafka, once, and makes the admin client handle. */
#include "KafkaAdmin.h"
#include "KafkaAdminInternal.h"
#include "KafkaLoader.h"
#include "KafkaLoaderInternal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct gh_kafka_admin_api gh_admin;

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
#define RESOLVE(slot, name) if (!resolve((void **)&gh_admin.slot, name)) return
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
    gh_admin.resource_add_incremental = gh_kafka_dlsym("rd_kafka_ConfigResource_add_incremental_config");
    gh_admin.incremental_alter_configs = gh_kafka_dlsym("rd_kafka_IncrementalAlterConfigs");
    gh_admin.incremental_alter_configs_result = gh_kafka_dlsym("rd_kafka_event_IncrementalAlterConfigs_result");
    gh_admin.incremental_alter_configs_result_resources = gh_kafka_dlsym("rd_kafka_IncrementalAlterConfigs_result_resources");
    gh_admin.error_string = gh_kafka_dlsym("rd_kafka_error_string");
    gh_admin.error_destroy = gh_kafka_dlsym("rd_kafka_error_destroy");
    admin_loaded = 1;
}

/* librdkafka's log lines never reach stderr: the admin requests report their own errors. */
static void discard_log(const void *handle, int level, const char *facility, const char *line) {
    (void)handle, (void)level, (void)facility, (void)line;
}

gh_kafka_admin *gh_kafka_admin_new(const char *const *keys, const char *const *values, int count, int *refused,
                                   char *error, size_t error_size) {
    *refused = -1;
    if (!gh_kafka_load(NULL)) {
        snprintf(error, error_size, "%s", gh_kafka_load_error());
        return NULL;
    }
    pthread_once(&admin_once, load_admin);
    if (!admin_loaded) {
        snprintf(error, error_size, "%s", admin_error);
        return NULL;
    }
    rd_kafka_conf_t *conf = gh_admin.conf_new();
    if (conf == NULL) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    for (int index = 0; index < count; index++) {
        if (gh_admin.conf_set(conf, keys[index], values[index], error, error_size) != RD_KAFKA_CONF_OK) {
            *refused = index;
            gh_admin.conf_destroy(conf);
            return NULL;
        }
    }
    void (*set_log_cb)(rd_kafka_conf_t *, void (*)(const void *, int, const char *, const char *)) =
        gh_kafka_dlsym("rd_kafka_conf_set_log_cb");
    if (set_log_cb) set_log_cb(conf, discard_log);
    rd_kafka_t *handle = gh_admin.new_handle(RD_KAFKA_PRODUCER, conf, error, error_size);
    if (handle == NULL) {
        gh_admin.conf_destroy(conf);
        return NULL;
    }
    gh_kafka_admin *made = calloc(1, sizeof *made);
    if (made == NULL) {
        gh_admin.destroy(handle);
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    made->handle = handle;
    return made;
}

void gh_kafka_admin_destroy(gh_kafka_admin *made) {
    if (made == NULL) return;
    gh_admin.destroy(made->handle);
    free(made);
}
