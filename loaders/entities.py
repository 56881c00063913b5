"""Entities by id. Key: the id. Value: the record, or None when there is none."""

from __future__ import annotations

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)
from researchgraph.loaders.base import StoreLoader


class ResearcherByIdLoader(StoreLoader[str, ResearcherRecord | None]):
    async def batch_load_fn(self, ids: list[str]) -> list[ResearcherRecord | None]:
        return await self.store.researchers(ids)


class ResearcherViewLoader(StoreLoader[tuple[str, frozenset[str]], ResearcherRecord | None]):
    """Key: (id, the record fields a selection reads). A planned read primes it with
    records of those fields only; otherwise it answers whole records, by id."""

    def __init__(self, store: GraphStore, researchers: ResearcherByIdLoader) -> None:
        super().__init__(store)
        self.researchers = researchers

    async def batch_load_fn(
        self, keys: list[tuple[str, frozenset[str]]]
    ) -> list[ResearcherRecord | None]:
        return await self.researchers.load_many([researcher_id for researcher_id, _ in keys])


class WorkByIdLoader(StoreLoader[str, WorkRecord | None]):
    async def batch_load_fn(self, ids: list[str]) -> list[WorkRecord | None]:
        return await self.store.works(ids)


class TopicByIdLoader(StoreLoader[str, TopicRecord | None]):
    async def batch_load_fn(self, ids: list[str]) -> list[TopicRecord | None]:
        return await self.store.topics(ids)


class InstitutionByIdLoader(StoreLoader[str, InstitutionRecord | None]):
    async def batch_load_fn(self, ids: list[str]) -> list[InstitutionRecord | None]:
        return await self.store.institutions(ids)


class SourceByIdLoader(StoreLoader[str, SourceRecord | None]):
    async def batch_load_fn(self, ids: list[str]) -> list[SourceRecord | None]:
        return await self.store.sources(ids)
