"""What every loader shares: a store and a bound on how many keys one batch sends; and
the loader that is just one store batch method."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any, Generic, TypeVar, cast

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore

K = TypeVar("K")
V = TypeVar("V")

# Keeps each query's parameter list, and the result it builds, a sane size; a page of
# works asks for at most a few hundred keys per relationship.
MAX_BATCH_SIZE = 1000


class StoreLoader(DataLoader[K, V], Generic[K, V]):
    max_batch_size = MAX_BATCH_SIZE

    def __init__(self, store: GraphStore) -> None:
        # What `DataLoader.__init__` sets, set here: it checks its arguments with
        # `inspect` on every call, and a profile page builds a dozen loaders (2% of
        # its CPU). `test_loader_state_is_what_the_library_sets` keeps the two alike.
        self.loop = asyncio.get_event_loop()
        # The loader's cache, ours to read: `load_many` looks keys up in it directly.
        self.futures: dict[K, asyncio.Future[V]] = {}
        self._cache = cast("MutableMapping[Any, asyncio.Future[V]]", self.futures)
        self._queue = []
        # Values primed and not yet loaded, as they are: `DataLoader.prime` makes a done
        # future for each, and a planned page primes a few hundred (2% of its CPU).
        # A key is here or in `futures`, never both.
        self.primed_values: dict[K, V] = {}
        self.store = store

    @staticmethod
    def get_cache_key(key: K) -> K:
        return key

    def prime(self, key: K, value: V) -> StoreLoader[K, V]:
        """As `DataLoader.prime` (a key already there keeps its value); values only,
        never exceptions."""
        if key not in self.futures:
            self.primed_values.setdefault(key, value)
        return self

    def clear(self, key: K) -> StoreLoader[K, V]:
        self.primed_values.pop(key, None)
        return super().clear(key)

    def clear_all(self) -> StoreLoader[K, V]:
        self.primed_values.clear()
        return super().clear_all()

    def load(self, key: K) -> asyncio.Future[V]:
        """The cached future; shielded while loading: several fields share it, and
        graphql-core cancels the siblings of a failed non-null field; a cancelled
        awaiter must not cancel the value for the fields still waiting on it."""
        future = self._future(key)
        return future if future.done() else asyncio.shield(future)

    def load_many(self, keys: Iterable[K]) -> asyncio.Future[list[V]]:
        """Like `DataLoader.load_many`, but already loaded values come back in a done
        future: awaiting it does not suspend (see `schema.execution`). Only the futures
        still waited on are shielded: a done one cannot be cancelled (a page's hundred
        authors are all primed, and this runs some sixty times per page)."""
        keys = list(keys)
        done: asyncio.Future[list[V]] = self.loop.create_future()
        primed = self.primed_values
        if all(key in primed for key in keys):  # after a planned read, the usual case
            done.set_result([primed[key] for key in keys])
            return done
        futures = [self._future(key) for key in keys]
        try:
            done.set_result([future.result() for future in futures])
        except asyncio.InvalidStateError:  # one is still loading
            return asyncio.gather(*map(asyncio.shield, futures))
        except (Exception, asyncio.CancelledError) as failed:
            done.set_exception(failed)
        return done

    def _future(self, key: K) -> asyncio.Future[V]:
        """The key's future: cached, done with its primed value, or queued."""
        found = self.futures.get(key)
        if found is not None:
            return found
        primed = self.primed_values
        if key in primed:
            done: asyncio.Future[V] = self.loop.create_future()
            done.set_result(primed[key])
            return done
        return super().load(key)


class BatchLoader(StoreLoader[K, V]):
    """A loader whose batch is one call of a store batch method, values aligned with
    keys: most loaders are only that, so they need no class of their own (`Loaders`
    names the method; the `GraphStore` protocol documents what it answers)."""

    def __init__(self, store: GraphStore, fetch: Callable[[list[K]], Awaitable[list[V]]]) -> None:
        super().__init__(store)
        self.fetch = fetch

    async def batch_load_fn(self, keys: list[K]) -> list[V]:
        return await self.fetch(keys)
