"""Neo4j plans a query text the first time it runs it, inside the transaction and so
inside its timeout: the profile page's planned query took 1.5 s on a warm server and
7.5 s on one just restarted (2 cores). A first run gets a planning allowance on top
of the timeout, and concurrent first runs of one text wait for the one under way
instead of each planning it: after a restart under load, every request would plan
the same text at once, each slower for the others. A write transaction of several
statements counts as one text: its function's name."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

# Above the longest planning measured (7.5 s, a restarted server on 2 cores).
PLANNING_ALLOWANCE_S = 20.0
# As many texts as Neo4j's own query cache holds by default
# (`server.db.query_cache_size`): beyond it, Neo4j may have dropped the plan too.
REMEMBERED = 1000


class FirstRuns:
    """Which query texts the database has planned, as far as this process saw."""

    def __init__(self, remembered: int = REMEMBERED) -> None:
        self._planned: OrderedDict[str, None] = OrderedDict()
        self._planning: dict[str, asyncio.Event] = {}
        self._remembered = remembered

    @asynccontextmanager
    async def admitted(self, query: str) -> AsyncIterator[float]:
        """Run `query` inside; yields the seconds to add to its timeout."""
        while query not in self._planned and query in self._planning:
            await self._planning[query].wait()  # another first run: it fails or plans
        if query in self._planned:
            self._planned.move_to_end(query)
            yield 0.0
            return
        done = self._planning[query] = asyncio.Event()
        try:
            yield PLANNING_ALLOWANCE_S
            self._planned[query] = None
            if len(self._planned) > self._remembered:
                self._planned.popitem(last=False)
        finally:
            del self._planning[query]
            done.set()

    def forget(self) -> None:
        """The database went away: a restarted one has planned nothing."""
        self._planned.clear()
