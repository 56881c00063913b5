"""Relationship lists keyed by their owner (or by an owner plus list arguments).
Value: the list in the store's documented order, `[]` for an unknown owner."""

from __future__ import annotations

from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    ResearcherStats,
    ResearcherTopicRecord,
    StatsRequest,
    TopicsRequest,
    WorkTopicRecord,
)
from researchgraph.loaders.base import StoreLoader


class StatsLoader(StoreLoader[StatsRequest, ResearcherStats]):
    """Value: the researcher's counts of the groups asked; zeros for an unknown id."""

    async def batch_load_fn(self, requests: list[StatsRequest]) -> list[ResearcherStats]:
        return await self.store.researcher_stats(requests)


class AffiliationsByResearcherIdLoader(StoreLoader[str, list[AffiliationRecord]]):
    async def batch_load_fn(self, ids: list[str]) -> list[list[AffiliationRecord]]:
        return await self.store.affiliations(ids)


class AuthorshipsByWorkIdLoader(StoreLoader[str, list[AuthorshipRecord]]):
    async def batch_load_fn(self, ids: list[str]) -> list[list[AuthorshipRecord]]:
        return await self.store.authorships(ids)


class TopicsByWorkIdLoader(StoreLoader[str, list[WorkTopicRecord]]):
    async def batch_load_fn(self, ids: list[str]) -> list[list[WorkTopicRecord]]:
        return await self.store.work_topics(ids)


class TopicsByResearcherLoader(StoreLoader[TopicsRequest, list[ResearcherTopicRecord]]):
    async def batch_load_fn(self, keys: list[TopicsRequest]) -> list[list[ResearcherTopicRecord]]:
        return await self.store.researcher_topics(keys)


class CollaboratorsByResearcherLoader(StoreLoader[CollaboratorsRequest, list[CollaborationRecord]]):
    async def batch_load_fn(
        self, keys: list[CollaboratorsRequest]
    ) -> list[list[CollaborationRecord]]:
        return await self.store.collaborators(keys)


class CoauthorsByResearcherIdLoader(StoreLoader[str, list[str]]):
    """Value: distinct co-author ids, ascending (capped); `[]` for an unknown id."""

    async def batch_load_fn(self, ids: list[str]) -> list[list[str]]:
        return await self.store.coauthors(ids)


class SharedWorksByPairLoader(StoreLoader[tuple[str, str], list[str]]):
    """Key: two researcher ids. Value: a few works both wrote, newest first."""

    async def batch_load_fn(self, pairs: list[tuple[str, str]]) -> list[list[str]]:
        return await self.store.shared_works(pairs)
