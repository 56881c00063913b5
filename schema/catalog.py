"""Topic and Institution types."""

from typing import TYPE_CHECKING, Annotated, Optional

import strawberry

from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.records import InstitutionRecord, TopicRecord
from researchgraph.resolvers import catalog as resolvers
from researchgraph.schema.context import Info
from researchgraph.schema.enums import ResearcherOrder
from researchgraph.schema.nodes import Node
from researchgraph.schema.work_lists import works_field

if TYPE_CHECKING:
    from researchgraph.schema.connections import ResearcherConnection

Lazy = strawberry.lazy


@strawberry.federation.type(keys=["id"])
class Topic(Node):
    id: strawberry.ID
    name: str
    subfield: str | None
    field: str | None
    domain: str | None
    keywords: list[str]

    @classmethod
    def from_record(cls, record: TopicRecord) -> "Topic":
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            subfield=record.subfield,
            field=record.field,
            domain=record.domain,
            keywords=list(record.keywords or ()),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Optional["Topic"]:
        found = await resolvers.topic(info.context, id)
        return cls.from_record(found) if found else None

    works = works_field(WorkList.TOPIC_WORKS, "Works on this topic, newest first by default")


@strawberry.federation.type(keys=["id"])
class Institution(Node):
    id: strawberry.ID
    name: str
    country_code: str | None
    type: str | None
    ror: str | None

    @classmethod
    def from_record(cls, record: InstitutionRecord) -> "Institution":
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            country_code=record.country_code,
            type=record.type,
            ror=record.ror,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Optional["Institution"]:
        found = await resolvers.institution(info.context, id)
        return cls.from_record(found) if found else None

    works = works_field(
        WorkList.INSTITUTION_WORKS,
        "Works an author lists this institution on, newest first by default",
    )

    @strawberry.field(description="Researchers affiliated with it (now or before).")
    async def researchers(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        order_by: ResearcherOrder = ResearcherOrder.WORKS_DESC,
    ) -> Annotated["ResearcherConnection", Lazy("researchgraph.schema.connections")]:
        from researchgraph.schema.connections import ResearcherConnection

        found = await resolvers.institution_researchers(
            info.context, self.id, first, after, order_by
        )
        return ResearcherConnection.from_record(found)
