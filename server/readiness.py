"""Liveness and readiness. The process is live once it runs; it is ready once the
store has answered (and the migrations ran) and while it keeps answering. Until then
a background task retries with backoff, so a database that comes up later is picked
up without a restart."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from researchgraph.graphstore import GraphStore, StoreUnavailable
from researchgraph.server.config import Settings
from researchgraph.server.stores import prepare

log = logging.getLogger("researchgraph.server")

MAX_BACKOFF_S = 10.0
CHECK_TIMEOUT_S = 2.0


class Readiness:
    def __init__(self, store: GraphStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.prepared = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._prepare())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task

    async def _prepare(self) -> None:
        delay = 0.2
        while True:
            try:
                await prepare(self.store, self.settings)
            except StoreUnavailable as error:
                log.warning("store not ready (retrying in %.1fs): %s", delay, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF_S)
            else:
                self.prepared.set()
                return

    async def ready(self) -> bool:
        """Prepared, and answering now."""
        if not self.prepared.is_set():
            return False
        try:
            await asyncio.wait_for(self.store.ping(), CHECK_TIMEOUT_S)
        except (StoreUnavailable, TimeoutError):
            return False
        return True
