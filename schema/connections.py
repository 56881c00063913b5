"""Relay connections (`edges { cursor node }`, `pageInfo`, `totalCount`)."""

import strawberry

from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.resolvers.cursors import CursorPage
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.works import Work


@strawberry.type
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


@strawberry.type
class WorkEdge:
    cursor: str
    node: Work


@strawberry.type
class WorkConnection:
    edges: list[WorkEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Matching works, across all pages.")

    @classmethod
    def from_record(cls, page: CursorPage[WorkRecord]) -> "WorkConnection":
        return cls(
            edges=[WorkEdge(cursor=e.cursor, node=Work.from_record(e.node)) for e in page.edges],
            page_info=PageInfo.from_record(page),  # type: ignore[arg-type]
            total_count=page.total_count,
        )


@strawberry.type
class ResearcherEdge:
    cursor: str
    node: Researcher


@strawberry.type
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
