"""What every loader shares: a store and a bound on how many keys one batch sends."""

from __future__ import annotations

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
