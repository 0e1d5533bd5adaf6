"""The Redis cache backend of production (intranet.core.redis_cache), against the real
Redis server of this machine (REDIS_URL, or 127.0.0.1:6379)."""

import os
import uuid

import pytest
import redis

from intranet.core.redis_cache import RedisCache

URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(URL, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail(f"no Redis at {URL}: this machine kind runs one (start it)")
    return RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_one_client_is_reused_for_every_call(backend):
    client = backend._cache.get_client(write=True)
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client


def test_it_is_still_a_cache(backend):
    backend.set("generation", 41, 30)
    assert backend.incr("generation") == 42
    backend.set_many({"a": {"x": [1, 2]}, "b": "texto"}, 30)
    assert backend.get_many(["a", "b", "c"]) == {"a": {"x": [1, 2]}, "b": "texto"}
    assert backend.add("a", "other", 30) is False
    backend.delete("a")
    assert backend.get("a", "gone") == "gone"
