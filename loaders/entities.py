"""Entities by id. Key: the id. Value: the record, or None when there is none."""

from __future__ import annotations

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
