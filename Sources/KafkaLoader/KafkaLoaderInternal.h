#ifndef GIBSON_HOOK_KAFKA_LOADER_INTERNAL_H
#define GIBSON_HOOK_KAFKA_LOADER_INTERNAL_H
/* Shared by the C files of KafkaLoader, not seen by Swift: the loaded library's symbols, for the parts
   (KafkaAdmin.c) that resolve their own on first use. */

/* A symbol of the librdkafka that gh_kafka_load loaded; NULL when none was loaded or it lacks the symbol. */
void *gh_kafka_dlsym(const char *name);
/* The path gh_kafka_load was given (or librdkafka.so.1). */
const char *gh_kafka_load_path(void);
#endif
