#ifndef GIBSON_HOOK_KAFKA_LOADER_LIBRARY_H
#define GIBSON_HOOK_KAFKA_LOADER_LIBRARY_H
/* Inside KafkaLoader only: the dlopen handle of the loaded librdkafka (NULL until gh_kafka_load succeeded),
   so the consumer resolves its own symbols from the same library. */
void *gh_kafka_library(void);
#endif
