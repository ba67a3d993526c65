"""Fixtures for the real-component suite: one tansu broker and one real Temporal dev server per session,
stand-ins for the Kafka REST proxies and the CloudEvents sink on free loopback ports (started in-process,
stopped on teardown), a fault proxy in front of Temporal, a private CA, and the gibson-hook runner. Nothing
here reads outside the repository: the examples are in fixtures/, the contracts in standins/contract.py."""
import json
import os
import shutil
import uuid

import pytest

import hookrunner
from standins.cloudevents_sink import CloudEventsSink
from standins.kafka_rest import KafkaRestStandin
from standins.tansu import TansuBroker
from standins.faultproxy import FaultProxy
from standins.tls import make_ca_and_server_cert
from temporal_server import TemporalServer

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


@pytest.fixture(scope="session")
def example():
    """Loads one of the hand-written example bodies in fixtures/ (a fresh copy each time)."""
    def load(name):
        with open(os.path.join(FIXTURES, name)) as f:
            return json.load(f)
    return load


@pytest.fixture(scope="session")
def broker(tmp_path_factory):
    b = TansuBroker(log_path=str(tmp_path_factory.mktemp("tansu") / "tansu.log"))
    b.start()
    yield b
    b.stop()


@pytest.fixture
def topic(broker):
    """A fresh topic with three partitions, so ordering per key is really tested."""
    return broker.create_topic(f"events-{uuid.uuid4().hex[:12]}", partitions=3)


@pytest.fixture
def kafka_rest(broker):
    """Factory: kafka_rest(api='v2'|'v3'|'redpanda', tls=None) -> started KafkaRestStandin."""
    started = []

    def make(api="v2", tls=None):
        s = KafkaRestStandin(broker.bootstrap, api=api, tls=tls).start()
        started.append(s)
        return s
    yield make
    for s in started:
        s.close()


@pytest.fixture
def ce_sink():
    started = []

    def make(tls=None, status=202):
        s = CloudEventsSink(tls=tls, status=status).start()
        started.append(s)
        return s
    yield make
    for s in started:
        s.stop()


@pytest.fixture(scope="session")
def temporal(tmp_path_factory):
    """The real Temporal dev server (one per session; namespaces `default` and `ci`). Tests use unique
    workflow ids, so runs of different tests never meet."""
    server = TemporalServer(str(tmp_path_factory.mktemp("temporal")), namespaces=("ci",))
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture
def temporal_proxy(temporal):
    """Factory: temporal_proxy(tls=None) -> a started FaultProxy in front of the real server's HTTP API."""
    started = []

    def make(tls=None):
        p = FaultProxy(temporal.http, tls=tls).start()
        started.append(p)
        return p
    yield make
    for p in started:
        p.stop()


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.fail("the TLS tests need the openssl command (Debian package openssl)")
    return make_ca_and_server_cert(str(tmp_path_factory.mktemp("tls")))


@pytest.fixture(scope="session")
def gibson_capable():
    reason = hookrunner.missing_capability()
    if reason:
        pytest.fail(reason, pytrace=False)  # a missing binary fails the suite, never skips it


@pytest.fixture
def hook(gibson_capable, tmp_path):
    return hookrunner.GibsonHook(tmp_path)
