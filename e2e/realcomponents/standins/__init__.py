"""Stand-ins for the servers gibson-hook talks to that cannot run here: Kafka REST proxies (Confluent
v2/v3, Redpanda) and a CloudEvents HTTP sink. Each validates every request against the published contract
encoded in this repository (contract.py, comments naming the spec and version) and supports fault
injection. Temporal is not stood in for: the suite runs the real dev server (temporal_server.py)."""
