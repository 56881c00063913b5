"""Keyset pages keyed by their request (owner, order, cursor, filter, size). Each
page primes the by-id loader with the records it carries, so a later lookup of one
of them costs no round trip."""

from __future__ import annotations

from typing import Any

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.pages import Page, PageRequest, WorksPageRequest
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.loaders.base import StoreLoader


def _prime(by_id: DataLoader[str, Any], page: Page[Any]) -> None:
    for row in page.rows:
        by_id.prime(row.record.id, row.record)


class WorkPagesLoader(StoreLoader[WorksPageRequest, Page[WorkRecord]]):
    """Pages of any declared lists of works: one store call for the batch, whatever
    lists it mixes."""

    def __init__(self, store: GraphStore, works: DataLoader[str, WorkRecord | None]) -> None:
        super().__init__(store)
        self.works = works

    async def batch_load_fn(self, keys: list[WorksPageRequest]) -> list[Page[WorkRecord]]:
        pages = await self.store.work_pages(keys)
        for page in pages:
            _prime(self.works, page)
        return pages


class ResearcherPagePrimer(StoreLoader[PageRequest, Page[ResearcherRecord]]):
    """Base of loaders of researcher pages: primes the by-id loader."""

    def __init__(
        self, store: GraphStore, researchers: DataLoader[str, ResearcherRecord | None]
    ) -> None:
        super().__init__(store)
        self.researchers = researchers

    def primed(self, pages: list[Page[ResearcherRecord]]) -> list[Page[ResearcherRecord]]:
        for page in pages:
            _prime(self.researchers, page)
        return pages


class ResearchersByInstitutionLoader(ResearcherPagePrimer):
    async def batch_load_fn(self, keys: list[PageRequest]) -> list[Page[ResearcherRecord]]:
        return self.primed(await self.store.institution_researchers(keys))


class ResearchersPageLoader(ResearcherPagePrimer):
    """The top-level list: one store call per distinct request (a document names it
    once, or a few times under aliases), each bounded by its page size."""

    async def batch_load_fn(self, keys: list[PageRequest]) -> list[Page[ResearcherRecord]]:
        return self.primed([await self.store.all_researchers(key) for key in keys])


class FollowedByUserLoader(ResearcherPagePrimer):
    """Key: a `PageRequest` whose owner is a user. Value: the researchers they follow."""

    async def batch_load_fn(self, keys: list[PageRequest]) -> list[Page[ResearcherRecord]]:
        return self.primed(await self.store.followed_researchers(keys))
