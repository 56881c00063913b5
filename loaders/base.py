"""What every loader shares: a store and a bound on how many keys one batch sends."""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore

K = TypeVar("K")
V = TypeVar("V")

# Keeps each query's parameter list, and the result it builds, a sane size; a page of
# works asks for at most a few hundred keys per relationship.
MAX_BATCH_SIZE = 1000


class StoreLoader(DataLoader[K, V], Generic[K, V]):
    def __init__(self, store: GraphStore) -> None:
        super().__init__(max_batch_size=MAX_BATCH_SIZE)
        self.store = store

    def load(self, key: K) -> asyncio.Future[V]:
        """The cached future, shielded: several fields share it, and graphql-core
        cancels the siblings of a failed non-null field; a cancelled awaiter must not
        cancel the value for the fields still waiting on it."""
        return asyncio.shield(super().load(key))
