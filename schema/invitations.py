"""Collaboration invitations, visible only to their two parties (through `viewer`)."""

from enum import Enum

import strawberry

from researchgraph.graphstore.records import InvitationRecord
from researchgraph.resolvers.cursors import CursorPage
from researchgraph.schema.connections import PageInfo
from researchgraph.schema.context import Info
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.times import iso


@strawberry.enum
class InvitationStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.type
class Invitation:
    id: strawberry.ID
    message: str
    status: InvitationStatus
    created_at: str = strawberry.field(description="ISO 8601, UTC.")
    responded_at: str | None
    record: strawberry.Private[InvitationRecord]

    @strawberry.field(name="from", description="The sender's claimed record, when sent.")
    async def source(self, info: Info) -> Researcher:
        found = await info.context.loaders.researcher.load(self.record.from_researcher_id)
        return Researcher.from_record(found)  # type: ignore[arg-type]  # records are kept

    @strawberry.field(name="to")
    async def target(self, info: Info) -> Researcher:
        found = await info.context.loaders.researcher.load(self.record.to_researcher_id)
        return Researcher.from_record(found)  # type: ignore[arg-type]

    @classmethod
    def from_record(cls, record: InvitationRecord) -> "Invitation":
        return cls(
            id=strawberry.ID(record.id),
            message=record.message,
            status=InvitationStatus(record.status),
            created_at=iso(record.created_ms) or "",
            responded_at=iso(record.responded_ms),
            record=record,
        )


@strawberry.federation.type(shareable=True)
class InvitationEdge:
    cursor: str
    node: Invitation


@strawberry.federation.type(shareable=True)
class InvitationConnection:
    edges: list[InvitationEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_record(cls, page: CursorPage[InvitationRecord]) -> "InvitationConnection":
        return cls(
            edges=[
                InvitationEdge(cursor=e.cursor, node=Invitation.from_record(e.node))
                for e in page.edges
            ],
            page_info=PageInfo.from_record(page),  # type: ignore[arg-type]
            total_count=page.total_count,
        )
