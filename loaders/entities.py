"""A researcher's record as a selection reads it. (Entities by id are `BatchLoader`s
of the store's by-id methods: the record, or None when there is none.)"""

from __future__ import annotations

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.records import ResearcherRecord
from researchgraph.loaders.base import StoreLoader


class ResearcherViewLoader(StoreLoader[tuple[str, frozenset[str]], ResearcherRecord | None]):
    """Key: (id, the record fields a selection reads). A planned read primes it with
    records of those fields only; otherwise it answers whole records, by id."""

    def __init__(
        self, store: GraphStore, researchers: DataLoader[str, ResearcherRecord | None]
    ) -> None:
        super().__init__(store)
        self.researchers = researchers

    async def batch_load_fn(
        self, keys: list[tuple[str, frozenset[str]]]
    ) -> list[ResearcherRecord | None]:
        return await self.researchers.load_many([researcher_id for researcher_id, _ in keys])
