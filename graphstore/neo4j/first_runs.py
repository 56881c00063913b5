"""Neo4j plans a query text the first time it runs it, inside the transaction and so
inside its timeout: the profile page's planned query took 1.5 s on a warm server and
7.5 s on one just restarted (2 cores). So a first run plans first, under a planning
allowance of its own (`Connection`: an `EXPLAIN`, which leaves the plan cached; the
run after it took 0.9 s instead of 8.6 s on a cold server), and concurrent first
runs of one text wait for the one under way instead of each planning it: after a
restart under load, every request would plan the same text at once, each slower for
the others."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

# Above the longest planning measured (7.5 s, a restarted server on 2 cores).
PLANNING_ALLOWANCE_S = 20.0
# As many texts as Neo4j's own query cache holds by default
# (`server.db.query_cache_size`): beyond it, Neo4j may have dropped the plan too.
REMEMBERED = 1000
# After an outage, the most recently run reads planned again at once, side by side.
REPLANNED = 16

Params = dict[str, Any]


class FirstRuns:
    """Which query texts the database has planned, as far as this process saw."""

    def __init__(self, remembered: int = REMEMBERED) -> None:
        # Each planned text, with the parameters of a read's run (to plan it again).
        self._planned: OrderedDict[str, Params | None] = OrderedDict()
        self._planning: dict[str, asyncio.Event] = {}
        self._forgotten: list[tuple[str, Params]] = []
        self._remembered = remembered

    @asynccontextmanager
    async def admitted(self, query: str, params: Params | None = None) -> AsyncIterator[bool]:
        """Run `query` inside; yields whether this is its first run (to plan).
        `params`: a read's, kept to plan it again after an outage."""
        while query not in self._planned and query in self._planning:
            await self._planning[query].wait()  # another first run: it fails or plans
        if query in self._planned:
            self._planned.move_to_end(query)
            yield False
            return
        done = self._planning[query] = asyncio.Event()
        try:
            yield True
            self._planned[query] = params
            if len(self._planned) > self._remembered:
                self._planned.popitem(last=False)
        finally:
            del self._planning[query]
            done.set()

    def forget(self) -> None:
        """The database went away: a restarted one has planned nothing."""
        if self._planned:
            recent = [(q, p) for q, p in reversed(self._planned.items()) if p is not None]
            self._forgotten = recent[:REPLANNED]
        self._planned.clear()

    def take_forgotten(self) -> list[tuple[str, Params]]:
        """The reads planned before the last outage, most recent first, once."""
        forgotten, self._forgotten = self._forgotten, []
        return forgotten
