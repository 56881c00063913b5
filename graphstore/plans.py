"""Read plans: what a request will read around its root entities, decided before any
read, so a store can answer it in one round trip instead of one per relationship.

A plan names relationships and their arguments (page sizes, orderings, cursors),
nothing else; a store answers it with `Prefetched`: every record and list keyed
exactly as the batch methods of `GraphStore` would be asked for it, so the
per-request loaders can be primed with it and resolve without further reads.

`read_plan` answers a plan with the batch methods alone (a few calls per level): it is
the in-memory store's answer, and the reference the Neo4j store's single compiled
query is tested against.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from researchgraph.graphstore.graph import NeighbourRecord
from researchgraph.graphstore.model import OwnerLabel, WorkList
from researchgraph.graphstore.pages import Page, PageRequest, PageRow, WorkFilter, WorksPageRequest
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    InstitutionRecord,
    ResearcherRecord,
    ResearcherStats,
    ResearcherTopicRecord,
    SourceRecord,
    StatGroup,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
    WorkRecord,
    WorkTopicRecord,
    projected,
)

if TYPE_CHECKING:
    from researchgraph.graphstore.protocol import GraphStore


@dataclass(frozen=True, slots=True)
class WorksPagePlan:
    """One page of a declared list of works (`graphstore.model`) whose owner is each
    parent, and what each work of it needs."""

    works: WorkList
    order: str
    limit: int
    after: tuple[int, str] | None = None
    filter: WorkFilter | None = None
    work: WorkPlan = field(default_factory=lambda: WorkPlan())

    def request(self, owner: str) -> WorksPageRequest:
        page = PageRequest(owner, self.order, self.limit, self.after, self.filter, self.work.fields)
        return WorksPageRequest(self.works, page)


@dataclass(frozen=True, slots=True)
class WorkPlan:
    # The record fields read (`records.projected`); None: all. Records read with some
    # fields only stay in their page: they never answer a read of the work by id.
    fields: frozenset[str] | None = None
    venue: bool = False
    # The authorships with each author's record, planned further; None: not read.
    authors: ResearcherPlan | None = None
    # The records of the institutions the authors gave on the work.
    author_institutions: bool = False
    topics: bool = False
    pages: tuple[WorksPagePlan, ...] = ()  # of lists whose owner is the work


@dataclass(frozen=True, slots=True)
class CollaboratorsPlan:
    min_shared: int
    limit: int
    researcher: ResearcherPlan = field(default_factory=lambda: ResearcherPlan())

    def request(self, owner: str) -> CollaboratorsRequest:
        return CollaboratorsRequest(owner, self.min_shared, self.limit)


@dataclass(frozen=True, slots=True)
class ResearcherPlan:
    # The record fields read (`records.projected`); None: all. Records read with some
    # fields only are kept by (id, fields): they never answer a read by id alone.
    fields: frozenset[str] | None = None
    # The groups of counts asked for, one set per field that reads them (roots only).
    stats: tuple[frozenset[StatGroup], ...] = ()
    # The affiliation list with each institution's record.
    affiliations: bool = False
    pages: tuple[WorksPagePlan, ...] = ()  # of lists whose owner is the researcher
    topics: tuple[int, ...] = ()  # the limits asked for
    collaborators: tuple[CollaboratorsPlan, ...] = ()
    # `per_kind` of a graph slice's first ring around the researcher (roots only).
    neighbours: int | None = None


EMPTY_RESEARCHER_PLAN = ResearcherPlan()


@dataclass(frozen=True, slots=True)
class OwnerPlan:
    """A topic, source or institution (`label`) and the pages of its lists."""

    label: OwnerLabel
    pages: tuple[WorksPagePlan, ...] = ()


@dataclass(slots=True)
class Prefetched:
    """Answers keyed as the `GraphStore` batch methods are asked; an entity looked
    for and not found is None."""

    researchers: dict[str, ResearcherRecord | None] = field(default_factory=dict)
    researcher_views: dict[tuple[str, frozenset[str]], ResearcherRecord | None] = field(
        default_factory=dict
    )
    works: dict[str, WorkRecord | None] = field(default_factory=dict)
    topics: dict[str, TopicRecord | None] = field(default_factory=dict)
    institutions: dict[str, InstitutionRecord | None] = field(default_factory=dict)
    sources: dict[str, SourceRecord | None] = field(default_factory=dict)
    stats: dict[StatsRequest, ResearcherStats] = field(default_factory=dict)
    affiliations: dict[str, list[AffiliationRecord]] = field(default_factory=dict)
    authorships: dict[str, list[AuthorshipRecord]] = field(default_factory=dict)
    work_topics: dict[str, list[WorkTopicRecord]] = field(default_factory=dict)
    researcher_topics: dict[TopicsRequest, list[ResearcherTopicRecord]] = field(
        default_factory=dict
    )
    collaborators: dict[CollaboratorsRequest, list[CollaborationRecord]] = field(
        default_factory=dict
    )
    work_pages: dict[WorksPageRequest, Page[WorkRecord]] = field(default_factory=dict)
    neighbours: dict[tuple[str, int], list[NeighbourRecord]] = field(default_factory=dict)

    def owners(self, label: OwnerLabel) -> dict[str, Any]:
        """The records of the entities of `label`."""
        match label:
            case OwnerLabel.TOPIC:
                return self.topics
            case OwnerLabel.SOURCE:
                return self.sources
            case OwnerLabel.INSTITUTION:
                return self.institutions


# --- the reference answer, from batch reads


async def read_plan(
    store: GraphStore, researcher_ids: Sequence[str], plan: ResearcherPlan
) -> Prefetched:
    out = Prefetched()
    await _researchers(store, out, list(dict.fromkeys(researcher_ids)), plan, root=True)
    return out


async def read_work_plan(store: GraphStore, work_ids: Sequence[str], plan: WorkPlan) -> Prefetched:
    out = Prefetched()
    ids = list(dict.fromkeys(work_ids))
    out.works.update(zip(ids, await store.works(ids), strict=True))
    await _works(store, out, {i: w for i in ids if (w := out.works[i]) is not None}, plan)
    return out


async def read_owner_plan(store: GraphStore, ids: Sequence[str], plan: OwnerPlan) -> Prefetched:
    out = Prefetched()
    unique = list(dict.fromkeys(ids))
    match plan.label:
        case OwnerLabel.TOPIC:
            records: Sequence[Any] = await store.topics(unique)
        case OwnerLabel.SOURCE:
            records = await store.sources(unique)
        case OwnerLabel.INSTITUTION:
            records = await store.institutions(unique)
    out.owners(plan.label).update(zip(unique, records, strict=True))
    found = [i for i, r in zip(unique, records, strict=True) if r is not None]
    for page_plan in plan.pages:
        await _pages(store, out, [page_plan.request(i) for i in found], page_plan)
    return out


async def _researchers(
    store: GraphStore, out: Prefetched, ids: list[str], plan: ResearcherPlan, root: bool = False
) -> None:
    records = await store.researchers(ids)
    if plan.fields is None:
        out.researchers.update(zip(ids, records, strict=True))
    else:
        out.researcher_views.update(
            ((i, plan.fields), r and projected(r, plan.fields))
            for i, r in zip(ids, records, strict=True)
        )
    found = [i for i, r in zip(ids, records, strict=True) if r is not None]
    if not found:
        return
    if plan.stats:
        asked = [StatsRequest(i, groups) for i in found for groups in plan.stats]
        out.stats.update(zip(asked, await store.researcher_stats(asked), strict=True))
    if plan.affiliations:
        affiliations = await store.affiliations(found)
        out.affiliations.update(zip(found, affiliations, strict=True))
        places = (a.institution_id for each in affiliations for a in each)
        await _records(out.institutions, places, store.institutions)
    for page_plan in plan.pages:
        await _pages(store, out, [page_plan.request(i) for i in found], page_plan)
    for limit in plan.topics:
        topic_requests = [TopicsRequest(i, limit) for i in found]
        ranked = await store.researcher_topics(topic_requests)
        out.researcher_topics.update(zip(topic_requests, ranked, strict=True))
        await _records(out.topics, (t.topic_id for each in ranked for t in each), store.topics)
    for collaborators in plan.collaborators:
        wanted = [collaborators.request(i) for i in found]
        collaborations = await store.collaborators(wanted)
        out.collaborators.update(zip(wanted, collaborations, strict=True))
        people = list(dict.fromkeys(c.researcher_id for each in collaborations for c in each))
        await _researchers(store, out, people, collaborators.researcher)
    if root and plan.neighbours is not None:
        rings = await store.neighbours(found, plan.neighbours)
        out.neighbours.update(
            ((i, plan.neighbours), ring) for i, ring in zip(found, rings, strict=True)
        )


async def _records(
    into: dict[str, Any], ids: Iterable[str], read: Callable[[list[str]], Awaitable[list[Any]]]
) -> None:
    """The records of `ids` (each once), read in one batch."""
    wanted = list(dict.fromkeys(ids))
    into.update(zip(wanted, await read(wanted), strict=True))


async def _pages(
    store: GraphStore, out: Prefetched, requests: list[WorksPageRequest], plan: WorksPagePlan
) -> None:
    fields = plan.work.fields
    pages = [
        Page(
            [PageRow(row.key, projected(row.record, fields)) for row in page.rows],
            page.total,
            page.has_next,
        )
        for page in await store.work_pages(requests)
    ]
    out.work_pages.update(zip(requests, pages, strict=True))
    works = {row.record.id: row.record for page in pages for row in page.rows}
    if fields is None:
        out.works.update(works)
    await _works(store, out, works, plan.work)


async def _works(
    store: GraphStore, out: Prefetched, works: dict[str, WorkRecord], plan: WorkPlan
) -> None:
    ids = list(works)
    if not ids:
        return
    if plan.venue:
        venues = (w.venue_id for w in works.values() if w.venue_id)
        await _records(out.sources, venues, store.sources)
    if plan.authors is not None or plan.author_institutions:
        authorships = await store.authorships(ids)
        out.authorships.update(zip(ids, authorships, strict=True))
        if plan.authors is not None:
            people = list(dict.fromkeys(a.researcher_id for each in authorships for a in each))
            await _researchers(store, out, people, plan.authors)
        if plan.author_institutions:
            places = (i for each in authorships for a in each for i in a.institution_ids)
            await _records(out.institutions, places, store.institutions)
    if plan.topics:
        work_topics = await store.work_topics(ids)
        out.work_topics.update(zip(ids, work_topics, strict=True))
        await _records(out.topics, (t.topic_id for each in work_topics for t in each), store.topics)
    for page_plan in plan.pages:
        await _pages(store, out, [page_plan.request(i) for i in ids], page_plan)
