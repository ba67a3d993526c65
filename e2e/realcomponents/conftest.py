"""Fixtures for the real-component suite: one tansu broker per session, stand-ins on free loopback ports
(started in-process, stopped on teardown), a private CA, and the gibson-hook runner."""
import json
import os
import shutil
import uuid

import pytest

import hookrunner
from standins import specs
from standins.cloudevents_sink import CloudEventsSink
from standins.kafka_rest import KafkaRestStandin
from standins.tansu import TansuBroker
from standins.temporal import TemporalStandin
from standins.tls import make_ca_and_server_cert


@pytest.fixture(scope="session")
def specs_dir():
    path = specs.specs_dir()
    if not os.path.isdir(path):
        pytest.fail(f"specs not found at {path!r}: lay shared/ beside the repository or set GIBSON_HOOK_SHARED_DIR")
    return path


@pytest.fixture(scope="session")
def example(specs_dir):
    def load(name):
        with open(os.path.join(specs_dir, "examples", name)) as f:
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


@pytest.fixture
def temporal():
    started = []

    def make(prefix="/api/v1", tls=None):
        s = TemporalStandin(prefix=prefix, tls=tls).start()
        started.append(s)
        return s
    yield make
    for s in started:
        s.stop()


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
