"""Stand-ins for the servers gibson-hook talks to: Kafka REST proxies (Confluent v2/v3, Redpanda),
a CloudEvents HTTP sink and the Temporal HTTP API. Each validates every request the way WIRE.md says
the real server does, and supports fault injection for the end-to-end tests."""
