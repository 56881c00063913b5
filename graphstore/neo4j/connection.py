"""The one place that talks to the driver: runs parameterized Cypher in managed
read or write transactions (the driver retries transient failures; reads are routed
to secondaries on a cluster) and translates driver errors into `StoreUnavailable`."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from prometheus_client import Counter

from researchgraph.graphstore import causal, deadline
from researchgraph.graphstore.errors import InvalidBookmark, StoreTimeout, StoreUnavailable
from researchgraph.graphstore.neo4j.first_runs import PLANNING_ALLOWANCE_S, FirstRuns

T = TypeVar("T")
Params = dict[str, Any]
Rows = list[dict[str, Any]]
WriteWork = Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]

READ_ATTEMPTS = 3
# The longest wait for a pooled connection, and how long a managed write keeps
# retrying transient failures; a request's deadline may shorten both.
ACQUISITION_TIMEOUT_S = 5.0
WRITE_RETRY_TIME_S = 3.0
READ_RETRY_DELAY_S = 0.1

_DRIVER_ERRORS = (Neo4jError, DriverError)


def _unavailable(error: Neo4jError | DriverError) -> bool:
    """A failure of the database's availability, not of a query: what the driver
    deems worth retrying, or a lost connection (even one losing a commit, which it
    does not retry). Any other driver error means a bug in a query."""
    return error.is_retryable() or isinstance(error, ServiceUnavailable)


def _lost(error: Neo4jError | DriverError) -> bool:
    """The connection to the database was lost: it may have restarted, its query
    plans with it (`first_runs`). A deadlock or a busy cluster member is not that."""
    return isinstance(error, ServiceUnavailable | SessionExpired)


NEO4J_ERRORS = Counter(
    "researchgraph_neo4j_errors_total",
    "Driver errors seen (retried or not), by kind: the driver's class, or a Neo4j code.",
    ["kind"],
)


def _count(error: Exception) -> None:
    code = error.code if isinstance(error, Neo4jError) else None
    NEO4J_ERRORS.labels(code or type(error).__name__).inc()


def open_driver(uri: str, user: str, password: str) -> neo4j.AsyncDriver:
    """One driver per process: it pools connections and is safe across coroutines.
    Its waits are short so that, with the database gone, requests fail fast
    (`SERVICE_UNAVAILABLE`) instead of piling up behind a dead pool."""
    return neo4j.AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        max_connection_pool_size=100,
        connection_acquisition_timeout=ACQUISITION_TIMEOUT_S,
        # A TCP connect to an unreachable host (packets dropped, not refused).
        connection_timeout=3.0,
        max_transaction_retry_time=WRITE_RETRY_TIME_S,
        notifications_min_severity="OFF",
    )


# Neo4j's code for a transaction it ended at its timeout.
_TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
DEFAULT_TIMEOUT_S = 10.0


def _timed_out(error: Neo4jError) -> bool:
    return error.code == _TIMED_OUT or "TransactionTimedOut" in (error.code or "")


def _bookmarks() -> neo4j.Bookmarks | None:
    """What this request's sessions must see (`graphstore.causal`); None: nothing."""
    causality = causal.current()
    if causality is None or not causality.bookmarks:
        return None
    return neo4j.Bookmarks.from_raw_values(causality.bookmarks)


class Connection:
    def __init__(
        self,
        driver: neo4j.AsyncDriver,
        database: str | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.driver = driver
        self.database = database
        # Every transaction's server-side timeout: Neo4j cancels it, not just us.
        self.timeout_s = timeout_s
        self.first_runs = FirstRuns()
        self._replanning: set[asyncio.Task[None]] = set()  # held until done

    async def read(self, query: str, params: Params) -> Rows:
        """One auto-commit read (routed to a reader on a cluster), retried on
        transient failures: about half the driver time of `execute_query`, which
        adds a transaction and bookmark bookkeeping that single reads do not need."""
        with self._translated("read"):
            for attempt in range(READ_ATTEMPTS):
                try:
                    async with (
                        self.first_runs.admitted(query, params) as first,
                        self.driver.session(
                            database=self.database,
                            default_access_mode=neo4j.READ_ACCESS,
                            bookmarks=_bookmarks(),
                            bookmark_manager=None,
                            connection_acquisition_timeout=self._within(ACQUISITION_TIMEOUT_S),
                        ) as session,
                    ):
                        if first:
                            self._replan_forgotten()
                            await self._plan(session, query, params)
                        timed = neo4j.Query(query, timeout=self._within(self.timeout_s))
                        return await rows(await session.run(timed, params))
                except _DRIVER_ERRORS as error:
                    if not error.is_retryable() or attempt == READ_ATTEMPTS - 1:
                        raise
                    _count(error)
                    if _lost(error):
                        self.first_runs.forget()
                    await asyncio.sleep(READ_RETRY_DELAY_S * 2**attempt)
        raise AssertionError("unreachable")

    async def write(
        self,
        work: WriteWork[T],
        statement: tuple[str, Params] | None = None,
        timeout_s: float | None = None,
    ) -> T:
        """Run `work` in one managed write transaction; it must be idempotent (retried).
        Its bookmark goes to the request's causality, for the response and the
        request's later reads. `statement`: the one statement `work` runs, and its
        parameters (planned first on its first run); `timeout_s`: instead of the
        store's timeout."""
        first_run = (
            self.first_runs.admitted(statement[0]) if statement else contextlib.nullcontext(False)
        )
        with self._translated("write"):
            async with (
                first_run as first,
                self.driver.session(
                    database=self.database,
                    bookmarks=_bookmarks(),
                    bookmark_manager=None,
                    connection_acquisition_timeout=self._within(ACQUISITION_TIMEOUT_S),
                    max_transaction_retry_time=self._within(WRITE_RETRY_TIME_S),
                ) as session,
            ):
                if first and statement:
                    await self._plan(session, *statement)
                timeout = self._within(timeout_s or self.timeout_s)
                timed = neo4j.unit_of_work(timeout=timeout)(work)
                done = await session.execute_write(timed)
                if (causality := causal.current()) is not None:
                    written = await session.last_bookmarks()
                    causality.written = frozenset(written.raw_values)
                return done

    async def schema(self, statement: str) -> None:
        """A schema statement (an index, a constraint, waiting for indexes) in its own
        managed transaction, without our timeout: populating an index on a large graph
        takes as long as it takes."""
        with self._translated("schema statement"):
            await self.driver.execute_query(statement, database_=self.database)

    def _replan_forgotten(self) -> None:
        """After an outage, the reads planned before it are planned again at once, side
        by side, each in a task of its own outside any request: a page asks several
        in turn, each planned in seconds by a restarted database. A request asking one
        meanwhile waits for it (`first_runs`)."""
        loop = asyncio.get_running_loop()
        for query, params in self.first_runs.take_forgotten():
            task = loop.create_task(self._replan(query, params), context=contextvars.Context())
            self._replanning.add(task)
            task.add_done_callback(self._replanning.discard)

    async def _replan(self, query: str, params: Params) -> None:
        # A failure here is the request's to meet: its own first run plans again.
        with contextlib.suppress(*_DRIVER_ERRORS):
            async with (
                self.first_runs.admitted(query, params) as first,
                self.driver.session(
                    database=self.database, default_access_mode=neo4j.READ_ACCESS
                ) as session,
            ):
                if first:
                    await self._plan(session, query, params)

    async def _plan(self, session: neo4j.AsyncSession, query: str, params: Params) -> None:
        """Neo4j plans `query` (and caches the plan) without running it."""
        explained = neo4j.Query(f"EXPLAIN {query}", timeout=self._within(PLANNING_ALLOWANCE_S))
        await (await session.run(explained, params)).consume()

    def _within(self, seconds: float) -> float:
        """`seconds`, or what is left of the request's deadline when that is less;
        raises `StoreTimeout` when nothing is left."""
        left = deadline.remaining()
        if left is None or left >= seconds:
            return seconds
        if left <= 0:
            raise StoreTimeout("the request's deadline passed before the store was asked")
        return left

    @contextmanager
    def _translated(self, what: str) -> Iterator[None]:
        """The driver's errors as the store's (after the driver's own retries)."""
        try:
            yield
        except _DRIVER_ERRORS as error:
            _count(error)
            if isinstance(error, ConnectionAcquisitionTimeoutError):
                raise StoreTimeout(f"{what} waited too long for a database connection") from error
            if _lost(error):
                self.first_runs.forget()
            if _unavailable(error):
                raise StoreUnavailable(str(error)) from error
            if isinstance(error, Neo4jError) and _timed_out(error):
                raise StoreTimeout(f"{what} timed out after {self.timeout_s}s") from error
            if isinstance(error, Neo4jError) and "InvalidBookmark" in (error.code or ""):
                raise InvalidBookmark(error.message or "unknown bookmark") from error
            raise

    async def write_query(self, query: str, **params: Any) -> Rows:
        """One statement in its own managed write transaction; it must be idempotent
        or decide on locked nodes only (a retry re-runs it)."""

        async def work(tx: neo4j.AsyncManagedTransaction) -> Rows:
            return await run(tx, query, **params)

        return await self.write(work, (query, params))

    async def verify(self) -> None:
        try:
            await self.driver.verify_connectivity()
        except _DRIVER_ERRORS as error:
            if _unavailable(error) or isinstance(error, AuthError):
                raise StoreUnavailable(str(error)) from error
            raise

    async def close(self) -> None:
        await self.driver.close()


async def run(tx: neo4j.AsyncManagedTransaction, query: str, **params: Any) -> Rows:
    return await rows(await tx.run(query, params))


async def rows(result: neo4j.AsyncResult) -> Rows:
    """Each record as a dict of its columns. Queries return maps and scalars, never
    nodes, so `Record.data()`'s recursive export (a fifth of a page's CPU) is skipped."""
    keys = result.keys()
    return [dict(zip(keys, record, strict=True)) async for record in result]
