"""Planned reads: the roots of a document (`researcher`, `work`, `node`, `_entities`)
with everything its selection will read around them, in one store call per distinct
plan. The answer primes every other loader of the request, so the resolvers below
find their data cached and never reach the store."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.plans import Prefetched, ResearcherPlan, WorkPlan
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.loaders.base import StoreLoader

if TYPE_CHECKING:
    from researchgraph.loaders.factory import Loaders

P = TypeVar("P", ResearcherPlan, WorkPlan)
R = TypeVar("R", ResearcherRecord, WorkRecord)


def prime(loaders: Loaders, found: Prefetched) -> None:
    """Every answer into the loader that would have asked for it."""
    answers: list[tuple[DataLoader[Any, Any], dict[Any, Any]]] = [
        (loaders.researcher, found.researchers),
        (loaders.work, found.works),
        (loaders.topic, found.topics),
        (loaders.institution, found.institutions),
        (loaders.source, found.sources),
        (loaders.stats, found.stats),
        (loaders.affiliations, found.affiliations),
        (loaders.authorships, found.authorships),
        (loaders.work_topics, found.work_topics),
        (loaders.researcher_topics, found.researcher_topics),
        (loaders.collaborators, found.collaborators),
        (loaders.researcher_works, found.researcher_works),
        (loaders.references, found.references),
        (loaders.citations, found.citations),
        (loaders.neighbours, found.neighbours),
    ]
    for loader, values in answers:
        for key, value in values.items():
            loader.prime(key, value)


class _PlannedLoader(StoreLoader[tuple[str, P], R | None], Generic[P, R]):
    """Key: (id, plan). Keys sharing a plan are one store call."""

    def __init__(self, store: GraphStore, loaders: Loaders) -> None:
        super().__init__(store)
        self.loaders = loaders

    def fetch(self, ids: Sequence[str], plan: P) -> Awaitable[Prefetched]:
        raise NotImplementedError

    def records(self, found: Prefetched) -> dict[str, R | None]:
        raise NotImplementedError

    async def batch_load_fn(self, keys: list[tuple[str, P]]) -> list[R | None]:
        by_plan: dict[P, list[str]] = {}
        for root, plan in keys:
            by_plan.setdefault(plan, []).append(root)
        records: dict[str, R | None] = {}
        for plan, ids in by_plan.items():
            found = await self.fetch(ids, plan)
            prime(self.loaders, found)
            records.update(self.records(found))
        return [records.get(root) for root, _ in keys]


class PlannedResearchersLoader(_PlannedLoader[ResearcherPlan, ResearcherRecord]):
    def fetch(self, ids: Sequence[str], plan: ResearcherPlan) -> Awaitable[Prefetched]:
        return self.store.prefetch_researchers(ids, plan)

    def records(self, found: Prefetched) -> dict[str, ResearcherRecord | None]:
        return found.researchers


class PlannedWorksLoader(_PlannedLoader[WorkPlan, WorkRecord]):
    def fetch(self, ids: Sequence[str], plan: WorkPlan) -> Awaitable[Prefetched]:
        return self.store.prefetch_works(ids, plan)

    def records(self, found: Prefetched) -> dict[str, WorkRecord | None]:
        return found.works
