#ifndef GIBSON_HOOK_KAFKA_ADMIN_H
#define GIBSON_HOOK_KAFKA_ADMIN_H
#include <stddef.h>
#include <stdint.h>

/* librdkafka's Admin API and cluster metadata, for `gibson-hook topics`: resolved from the library that
   gh_kafka_load loaded, on first use (KafkaAdminSymbols.c). Declarations copied from librdkafka's
   src/rdkafka.h live in KafkaAdminInternal.h; Swift sees only this opaque API. Every call waits at most
   `timeout_ms` for the cluster. */

/* The librdkafka that adds IncrementalAlterConfigs (KIP-339), which altering topic configs needs. */
#define GH_KAFKA_ALTER_CONFIGS_MIN_VERSION 0x020200ffu

/* The longest request timeout librdkafka's AdminOptions accept (one hour); longer ones are cut to it. */
#define GH_KAFKA_MAX_TIMEOUT_MS 3600000
/* `seconds` as the milliseconds every call here takes: 0 for negatives and NaN, at most
   GH_KAFKA_MAX_TIMEOUT_MS. */
int gh_kafka_timeout_ms(double seconds);

/* One client handle for admin requests (a producer that never produces). */
typedef struct gh_kafka_admin gh_kafka_admin;
/* A client with `count` configuration properties, from the library gh_kafka_load loaded (call it first); NULL
   with `error` set, load errors and missing Admin API symbols included. `*refused` is the index of the
   property librdkafka refused (unknown name or invalid value), else -1. */
gh_kafka_admin *gh_kafka_admin_new(const char *const *keys, const char *const *values, int count, int *refused,
                                   char *error, size_t error_size);
void gh_kafka_admin_destroy(gh_kafka_admin *admin);

/* The cluster's metadata: brokers and every topic with its partitions and replicas. */
typedef struct gh_kafka_cluster gh_kafka_cluster;
/* 0 and `*cluster` set, or the rd_kafka_resp_err_t (for example -185 _TIMED_OUT, -195 _TRANSPORT). */
int gh_kafka_admin_metadata(gh_kafka_admin *admin, int timeout_ms, gh_kafka_cluster **cluster);
void gh_kafka_cluster_destroy(gh_kafka_cluster *cluster);
int gh_kafka_cluster_brokers(const gh_kafka_cluster *cluster);
int gh_kafka_cluster_topics(const gh_kafka_cluster *cluster);
const char *gh_kafka_cluster_topic_name(const gh_kafka_cluster *cluster, int topic);
int gh_kafka_cluster_topic_error(const gh_kafka_cluster *cluster, int topic);
int gh_kafka_cluster_topic_partitions(const gh_kafka_cluster *cluster, int topic);
/* The fewest replicas of any of the topic's partitions (0 when it has none). */
int gh_kafka_cluster_topic_replicas(const gh_kafka_cluster *cluster, int topic);

/* The per-topic results of one admin request: a name, an error (0 none) and, for DescribeConfigs, configs. */
typedef struct gh_kafka_results gh_kafka_results;
void gh_kafka_results_destroy(gh_kafka_results *results);
int gh_kafka_results_count(const gh_kafka_results *results);
const char *gh_kafka_results_name(const gh_kafka_results *results, int index);
int gh_kafka_results_error(const gh_kafka_results *results, int index);
const char *gh_kafka_results_error_string(const gh_kafka_results *results, int index);
int gh_kafka_results_configs(const gh_kafka_results *results, int index);
const char *gh_kafka_results_config_name(const gh_kafka_results *results, int index, int config);
/* NULL for a config without a value (sensitive or unset). */
const char *gh_kafka_results_config_value(const gh_kafka_results *results, int index, int config);

/* The requests. Each returns its results, or NULL with the request's own error in `*err` (an
   rd_kafka_resp_err_t) and `error`. Topic configs are given flat: topic i has `config_counts[i]` of the
   `config_keys`/`config_values`, in order. */
gh_kafka_results *gh_kafka_admin_create_topics(gh_kafka_admin *admin, int count, const char *const *names,
                                               const int *partitions, const int *replication,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size);
gh_kafka_results *gh_kafka_admin_create_partitions(gh_kafka_admin *admin, int count, const char *const *names,
                                                   const int *totals, int timeout_ms, int *err, char *error,
                                                   size_t error_size);
gh_kafka_results *gh_kafka_admin_describe_configs(gh_kafka_admin *admin, int count, const char *const *names,
                                                  int timeout_ms, int *err, char *error, size_t error_size);
/* Sets (IncrementalAlterConfigs SET) the given configs of each topic, leaving the others as they are. */
gh_kafka_results *gh_kafka_admin_alter_configs(gh_kafka_admin *admin, int count, const char *const *names,
                                               const int *config_counts, const char *const *config_keys,
                                               const char *const *config_values, int timeout_ms, int *err,
                                               char *error, size_t error_size);
#endif
