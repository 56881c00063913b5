"""Relay connections (`edges { cursor node }`, `pageInfo`, `totalCount`)."""

import strawberry

from researchgraph.graphstore.facets import (
    NEIGHBOUR_FACET_WORKS,
    WorkFacet,
    WorkSelection,
    grouped_works,
)
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.resolvers import facets
from researchgraph.resolvers.cursors import CursorPage
from researchgraph.resolvers.limits import MAX_FIRST
from researchgraph.resolvers.plan_marks import Planned, planned
from researchgraph.schema.context import Info
from researchgraph.schema.execution import UNPLANNED
from researchgraph.schema.facets import FacetBucket
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.works import Work


@strawberry.federation.type(shareable=True)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def from_record(cls, page: CursorPage[object]) -> "PageInfo":
        return cls(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.start_cursor,
            end_cursor=page.end_cursor,
        )


@strawberry.federation.type(shareable=True)
class WorkEdge:
    cursor: str
    node: Work = strawberry.field(metadata=planned(Planned.NODE))


@strawberry.federation.type(shareable=True)
class WorkConnection:
    edges: list[WorkEdge] = strawberry.field(metadata=planned(Planned.EDGES))
    page_info: PageInfo
    total_count: int = strawberry.field(description="Matching works, across all pages.")
    selection: strawberry.Private[WorkSelection]

    @strawberry.field(
        metadata={UNPLANNED: True},
        description=(
            "Every matching work (all pages) counted by `by`: the `first` (at most "
            f"{MAX_FIRST}) buckets, most works first, then by key. By TOPIC, VENUE, "
            f"INSTITUTION or AUTHOR, at most the {NEIGHBOUR_FACET_WORKS:,} newest matching "
            "works (then by id) are counted: `groupedWorks` says how many."
        ),
    )
    async def group_by(self, info: Info, by: WorkFacet, first: int = 20) -> list[FacetBucket]:
        found = await facets.group_works(info.context, self.selection, by, first)
        return [FacetBucket.from_record(bucket) for bucket in found]

    @strawberry.field(
        description=(
            "How many works `groupBy(by:)` counts: `totalCount`, or by TOPIC, VENUE, "
            f"INSTITUTION or AUTHOR over more than {NEIGHBOUR_FACET_WORKS:,} matching "
            f"works, the {NEIGHBOUR_FACET_WORKS:,} newest."
        )
    )
    def grouped_works(self, by: WorkFacet) -> int:
        return grouped_works(by, self.total_count)

    @classmethod
    def from_record(
        cls, page: CursorPage[WorkRecord], selection: WorkSelection
    ) -> "WorkConnection":
        return cls(
            edges=[WorkEdge(cursor=e.cursor, node=Work.from_record(e.node)) for e in page.edges],
            page_info=PageInfo.from_record(page),  # type: ignore[arg-type]
            total_count=page.total_count,
            selection=selection,
        )


@strawberry.federation.type(shareable=True)
class ResearcherEdge:
    cursor: str
    node: Researcher


@strawberry.federation.type(shareable=True)
class ResearcherConnection:
    edges: list[ResearcherEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_record(cls, page: CursorPage[ResearcherRecord]) -> "ResearcherConnection":
        return cls(
            edges=[
                ResearcherEdge(cursor=e.cursor, node=Researcher.from_record(e.node))
                for e in page.edges
            ],
            page_info=PageInfo.from_record(page),  # type: ignore[arg-type]
            total_count=page.total_count,
        )
