"""Admission control for GraphQL requests: at most `limit` run at once, at most
`queued` wait, none waits longer than `wait_s`. Beyond that a request is refused at
once (503, `Retry-After`, `OVERLOADED`), and so is one whose wait, predicted from the
requests ahead of it and how long requests have lately taken, would pass `wait_s`:
a refusal a client waited half a second for is no better than a slow answer. Under a
spike the process keeps answering the requests it takes at their normal speed
instead of queueing without bound and answering every one late. A request whose
client disconnects is dropped from the queue, or cancelled while it runs (its store
calls with it: Neo4j rolls back a transaction whose connection the driver closes).

The limits are fixed, from the environment with defaults measured on the profile
page (bench/README.md, "Overload"), rather than an adaptive concurrency limit: the
work a request may do is already bounded by its cost budget, a fixed limit is one
an operator can reason about, and the queue already adapts (the predicted wait);
`limit=0` turns admission control off.

It sits inside `GraphQLOverHTTP`, which has read the body: the next `receive` then
says only that the client went away."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque

from prometheus_client import Counter, Gauge
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from researchgraph.resolvers.errors import ErrorCode
from researchgraph.server.errors import error_response

# Measured on the core profile page with Neo4j (bench/overload.py): more in flight
# only lengthens every request's time in the event loop.
DEFAULT_LIMIT = 8
DEFAULT_QUEUED = 64
DEFAULT_WAIT_S = 0.5
RETRY_AFTER_S = 1
# The weight of the latest request in the running mean of request times.
SERVICE_TIME_WEIGHT = 0.05

REFUSED = Counter(
    "researchgraph_requests_refused_total",
    "GraphQL requests refused by admission control, by why: the queue was full, the "
    "predicted wait was too long, or the request waited its longest.",
    ["reason"],
)
ABANDONED = Counter(
    "researchgraph_requests_abandoned_total",
    "GraphQL requests whose client went away before the answer, by where they were.",
    ["stage"],
)
RUNNING = Gauge(
    "researchgraph_requests_running", "GraphQL requests running.", multiprocess_mode="livesum"
)
WAITING = Gauge(
    "researchgraph_requests_waiting",
    "GraphQL requests waiting to run.",
    multiprocess_mode="livesum",
)


async def _disconnected(receive: Receive) -> Message:
    """The client's disconnect: what follows the body (a GET's empty body, unread
    before, comes first)."""
    while (message := await receive())["type"] != "http.disconnect":
        pass
    return message


_REFUSAL = error_response(
    503,
    "The server is at capacity; retry shortly.",
    ErrorCode.OVERLOADED,
    {"Retry-After": str(RETRY_AFTER_S)},
)


class Admission:
    def __init__(
        self,
        app: ASGIApp,
        limit: int = DEFAULT_LIMIT,
        queued: int = DEFAULT_QUEUED,
        wait_s: float = DEFAULT_WAIT_S,
    ) -> None:
        self.app = app
        self.limit = limit
        self.queued = queued
        self.wait_s = wait_s
        self.running = 0
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._service_s = 0.0  # a running mean of how long admitted requests took

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        request = await receive()  # the body, already read by GraphQLOverHTTP
        gone = asyncio.ensure_future(_disconnected(receive))
        try:
            admitted = await self._admit(gone)
            if admitted is None:
                ABANDONED.labels("waiting").inc()
                return
            if not admitted:
                await _REFUSAL(scope, receive, send)
                return
            started = time.monotonic()
            try:
                await self._run(scope, request, gone, send)
            finally:
                self._release()
                took = time.monotonic() - started
                self._service_s += SERVICE_TIME_WEIGHT * (took - self._service_s)
        finally:
            gone.cancel()

    async def _admit(self, gone: asyncio.Future[Message]) -> bool | None:
        """True: a slot is held; False: refused; None: the client went away."""
        if self.running < self.limit and not self._waiting:
            self.running += 1
            RUNNING.inc()
            return True
        if len(self._waiting) >= self.queued:
            REFUSED.labels("queue_full").inc()
            return False
        # Against half the longest wait: the prediction is a mean, and a request
        # refused after its whole wait cost its client the most.
        if (len(self._waiting) + 1) * self._service_s / self.limit > self.wait_s / 2:
            REFUSED.labels("would_wait_too_long").inc()
            return False
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        WAITING.inc()
        try:
            await asyncio.wait((turn, gone), timeout=self.wait_s, return_when="FIRST_COMPLETED")
        except asyncio.CancelledError:
            self._withdraw(turn)
            raise
        finally:
            WAITING.dec()
        if turn.done() and not gone.done():
            return True
        self._withdraw(turn)
        if gone.done():
            return None
        REFUSED.labels("waited_too_long").inc()
        return False

    def _withdraw(self, turn: asyncio.Future[None]) -> None:
        """Leave the queue, passing on a slot handed over meanwhile."""
        if turn.done():
            self._release()
            return
        turn.cancel()
        self._waiting.remove(turn)

    def _release(self) -> None:
        """Hand the slot to the longest waiting request, or free it."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.running -= 1
        RUNNING.dec()

    async def _run(
        self, scope: Scope, request: Message, gone: asyncio.Future[Message], send: Send
    ) -> None:
        """The request, cancelled if its client goes away first."""
        replayed = False

        async def receive() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return request
            return await asyncio.shield(gone)

        work = asyncio.ensure_future(self.app(scope, receive, send))
        try:
            await asyncio.wait((work, gone), return_when="FIRST_COMPLETED")
        finally:
            if not work.done():
                if gone.done():
                    ABANDONED.labels("running").inc()
                work.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await work
        if not work.cancelled():
            work.result()  # its exception, if any
