#ifndef GIBSON_HOOK_KAFKA_LOADER_INTERNAL_H
#define GIBSON_HOOK_KAFKA_LOADER_INTERNAL_H
/* Shared by the C files of KafkaLoader, not seen by Swift: the loaded library's symbols, for the parts
   (KafkaAdmin.c) that resolve their own on first use. */

#include <stddef.h>
#include <stdint.h>

/* From librdkafka's src/rdkafka.h (stable ABI since 1.0): the opaque handles and the message as a delivery
   report and a consumer poll see it, shared by the producer (KafkaLoader.c) and the consumer (KafkaConsumer.c). */
typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_conf_s rd_kafka_conf_t;
typedef struct rd_kafka_headers_s rd_kafka_headers_t;
typedef struct rd_kafka_message_s {
    int err;
    void *rkt;
    int32_t partition;
    void *payload;
    size_t len;
    void *key;
    size_t key_len;
    int64_t offset;
    void *_private;
} rd_kafka_message_t;

/* A symbol of the librdkafka that gh_kafka_load loaded; NULL when none was loaded or it lacks the symbol. */
void *gh_kafka_dlsym(const char *name);
/* The path gh_kafka_load was given (or librdkafka.so.1). */
const char *gh_kafka_load_path(void);
#endif
