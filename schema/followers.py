"""Who follows a record: people, shown to the record's claimant."""

from __future__ import annotations

import strawberry

from researchgraph.graphstore.records import FollowerRecord
from researchgraph.resolvers.cursors import CursorPage
from researchgraph.schema.connections import PageInfo
from researchgraph.schema.context import Info
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.times import iso


@strawberry.type(description="A user following a record. Users are shown by their records.")
class Follower:
    since: str | None = strawberry.field(
        description="ISO 8601, UTC; null for follows older than this field."
    )
    record: strawberry.Private[FollowerRecord]

    @strawberry.field(description="The record this follower claimed; null if none.")
    async def researcher(self, info: Info) -> Researcher | None:
        claimed = self.record.researcher_id
        found = await info.context.loaders.researcher.load(claimed) if claimed else None
        return Researcher.from_record(found) if found else None


@strawberry.federation.type(shareable=True)
class FollowerEdge:
    cursor: str
    node: Follower


@strawberry.federation.type(shareable=True, description="Followers, newest first.")
class FollowerConnection:
    edges: list[FollowerEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_record(cls, page: CursorPage[FollowerRecord]) -> FollowerConnection:
        return cls(
            edges=[
                FollowerEdge(
                    cursor=e.cursor, node=Follower(since=iso(e.node.since_ms), record=e.node)
                )
                for e in page.edges
            ],
            page_info=PageInfo.from_record(page),  # type: ignore[arg-type]
            total_count=page.total_count,
        )
