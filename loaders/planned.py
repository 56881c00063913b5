"""Planned reads: the roots of a document (`researcher`, `work`, `node`, `_entities`)
with everything its selection will read around them, in one store call per distinct
plan. The answer primes every other loader of the request, so the resolvers below
find their data cached and never reach the store."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.plans import OwnerPlan, Prefetched, ResearcherPlan, WorkPlan
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.loaders.base import StoreLoader

if TYPE_CHECKING:
    from researchgraph.loaders.factory import Loaders

P = TypeVar("P", ResearcherPlan, WorkPlan, OwnerPlan)
R = TypeVar("R")


def prime(loaders: Loaders, found: Prefetched) -> None:
    """Every answer into the loader that would have asked for it; a loader with no
    answer is not built."""
    answers: list[tuple[Callable[[], DataLoader[Any, Any]], dict[Any, Any]]] = [
        (lambda: loaders.researcher, found.researchers),
        (lambda: loaders.researcher_view, found.researcher_views),
        (lambda: loaders.work, found.works),
        (lambda: loaders.topic, found.topics),
        (lambda: loaders.institution, found.institutions),
        (lambda: loaders.source, found.sources),
        (lambda: loaders.stats, found.stats),
        (lambda: loaders.affiliations, found.affiliations),
        (lambda: loaders.authorships, found.authorships),
        (lambda: loaders.work_topics, found.work_topics),
        (lambda: loaders.researcher_topics, found.researcher_topics),
        (lambda: loaders.collaborators, found.collaborators),
        (lambda: loaders.work_pages, found.work_pages),
        (lambda: loaders.neighbours, found.neighbours),
    ]
    for loader_of, values in answers:
        if values:
            loader = loader_of()
            for key, value in values.items():
                loader.prime(key, value)


class _PlannedLoader(StoreLoader[tuple[str, P], R | None], ABC, Generic[P, R]):
    """Key: (id, plan). Keys sharing a plan are one store call."""

    def __init__(self, store: GraphStore, loaders: Loaders) -> None:
        super().__init__(store)
        self.loaders = loaders

    @abstractmethod
    def fetch(self, ids: Sequence[str], plan: P) -> Awaitable[Prefetched]:
        """The one store call that answers a plan for `ids`."""

    @abstractmethod
    def records(self, found: Prefetched, plan: P) -> dict[str, R | None]:
        """The roots' own records in the answer."""

    async def batch_load_fn(self, keys: list[tuple[str, P]]) -> list[R | None]:
        by_plan: dict[P, list[str]] = {}
        for root, plan in keys:
            by_plan.setdefault(plan, []).append(root)
        records: dict[str, R | None] = {}
        for plan, ids in by_plan.items():
            found = await self.fetch(ids, plan)
            prime(self.loaders, found)
            records.update(self.records(found, plan))
        return [records.get(root) for root, _ in keys]


class PlannedResearchersLoader(_PlannedLoader[ResearcherPlan, ResearcherRecord]):
    def fetch(self, ids: Sequence[str], plan: ResearcherPlan) -> Awaitable[Prefetched]:
        return self.store.prefetch_researchers(ids, plan)

    def records(
        self, found: Prefetched, plan: ResearcherPlan
    ) -> dict[str, ResearcherRecord | None]:
        return found.researchers


class PlannedWorksLoader(_PlannedLoader[WorkPlan, WorkRecord]):
    def fetch(self, ids: Sequence[str], plan: WorkPlan) -> Awaitable[Prefetched]:
        return self.store.prefetch_works(ids, plan)

    def records(self, found: Prefetched, plan: WorkPlan) -> dict[str, WorkRecord | None]:
        return found.works


class PlannedOwnersLoader(_PlannedLoader[OwnerPlan, Any]):
    """Topics, sources and institutions with the pages of their lists."""

    def fetch(self, ids: Sequence[str], plan: OwnerPlan) -> Awaitable[Prefetched]:
        return self.store.prefetch_owners(ids, plan)

    def records(self, found: Prefetched, plan: OwnerPlan) -> dict[str, Any]:
        return found.owners(plan.label)
