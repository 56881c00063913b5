"""The connection's decisions on driver errors (retry, translate, propagate), with a
driver that fails on cue: which failure a real database gives when is not ours to
choose."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from researchgraph.graphstore import StoreTimeout, StoreUnavailable
from researchgraph.graphstore.neo4j import connection
from researchgraph.graphstore.neo4j.connection import READ_ATTEMPTS, Connection

DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"
SYNTAX = "Neo.ClientError.Statement.SyntaxError"


def _server_error(code: str) -> Neo4jError:
    """An error as the driver makes it from the server's FAILURE message."""
    return Neo4jError._hydrate_neo4j(code=code, message="as the server says")


class _Result:
    def keys(self) -> list[str]:
        return ["n"]

    async def __aiter__(self) -> AsyncIterator[list[int]]:
        yield [1]

    async def consume(self) -> None:
        return None


class _Session:
    def __init__(self, driver: _Driver) -> None:
        self.driver = driver

    async def __aenter__(self) -> _Session:
        return self

    async def __aexit__(self, *_: object) -> None:
        return None

    async def run(self, query: object = None, *_: object) -> _Result:
        if str(getattr(query, "text", query)).startswith("EXPLAIN"):
            return _Result()  # planning a first run: not what these tests count
        self.driver.runs += 1
        failures = self.driver.failures
        if failures:
            raise failures.pop(0)
        return _Result()

    async def execute_write(self, *_: object) -> None:
        await self.run()


class _Driver:
    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.runs = 0

    def session(self, **_: Any) -> _Session:
        return _Session(self)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "READ_RETRY_DELAY_S", 0.0)


async def test_a_read_retries_what_the_driver_deems_retryable() -> None:
    driver = _Driver([_server_error(DEADLOCK), SessionExpired("moved"), ServiceUnavailable("gone")])
    assert READ_ATTEMPTS == 3  # the failures above use every retry
    with pytest.raises(StoreUnavailable):
        await Connection(driver).read("RETURN 1 AS n", {})  # type: ignore[arg-type]
    assert driver.runs == READ_ATTEMPTS
    driver = _Driver([_server_error(DEADLOCK), ServiceUnavailable("gone")])
    assert await Connection(driver).read("RETURN 1 AS n", {}) == [{"n": 1}]  # type: ignore[arg-type]
    assert driver.runs == 3


async def test_a_query_error_is_not_retried_nor_called_unavailability() -> None:
    driver = _Driver([_server_error(SYNTAX)])
    with pytest.raises(Neo4jError) as raised:
        await Connection(driver).read("RETURN", {})  # type: ignore[arg-type]
    assert not isinstance(raised.value, StoreUnavailable) and driver.runs == 1
    assert raised.value.code == SYNTAX


async def test_a_lost_commit_is_unavailability_though_not_retryable() -> None:
    lost = IncompleteCommit("the connection closed during the commit")
    assert not lost.is_retryable()
    with pytest.raises(StoreUnavailable):
        await Connection(_Driver([lost])).write(lambda tx: tx.run("RETURN 1"))  # type: ignore[arg-type]


async def test_waiting_too_long_for_a_pooled_connection_is_a_timeout() -> None:
    driver = _Driver([ConnectionAcquisitionTimeoutError("no connection within 5.0s")])
    with pytest.raises(StoreTimeout):
        await Connection(driver).read("RETURN 1 AS n", {})  # type: ignore[arg-type]


async def test_an_outage_forgets_what_the_database_had_planned() -> None:
    driver = _Driver([])
    store = Connection(driver)  # type: ignore[arg-type]
    await store.read("RETURN 1 AS n", {})
    async with store.first_runs.admitted("RETURN 1 AS n") as first:
        assert not first
    driver.failures = [ServiceUnavailable("gone")] * READ_ATTEMPTS
    with pytest.raises(StoreUnavailable):
        await store.read("RETURN 1 AS n", {})
    async with store.first_runs.admitted("RETURN 1 AS n") as first:
        assert first  # a restarted database plans it again
