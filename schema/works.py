"""The Work type, its authorships, topics and venue, and the work filter."""

from typing import TYPE_CHECKING, Annotated, Optional

import strawberry

from researchgraph.graphstore.ingest.code_links import CODE_HOSTS
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import WorkFilter as StoreWorkFilter
from researchgraph.graphstore.records import (
    AuthorshipRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.similarity import Similar
from researchgraph.resolvers import catalog, similarity
from researchgraph.resolvers import works as resolvers
from researchgraph.resolvers.plan_marks import Planned, planned
from researchgraph.resolvers.similarity import MAX_SIMILAR
from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.context import Info, person_fields, root_plans
from researchgraph.schema.enums import WorkType
from researchgraph.schema.execution import UNPLANNED
from researchgraph.schema.nodes import Node
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.similarity import SimilarityReason
from researchgraph.schema.work_lists import works_field

if TYPE_CHECKING:
    pass

Lazy = strawberry.lazy


@strawberry.input(description="Narrows a list of works; every field is optional.")
class WorkFilter:
    year_from: int | None = None
    year_to: int | None = None
    types: list[WorkType] | None = None

    def to_store(self) -> StoreWorkFilter:
        return StoreWorkFilter(
            year_from=self.year_from,
            year_to=self.year_to,
            types=tuple(t.value for t in self.types) if self.types is not None else None,
        )


@strawberry.federation.type(keys=["id"], description="A venue: journal, repository, conference.")
class Source(Node):
    id: strawberry.ID
    name: str
    type: str | None

    @classmethod
    def from_record(cls, record: SourceRecord) -> "Source":
        return cls(id=strawberry.ID(record.id), name=record.name, type=record.type)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Optional["Source"]:
        found = await catalog.source(info.context, id)
        return cls.from_record(found) if found else None

    works = works_field(WorkList.SOURCE_WORKS, "Works published in it, newest first by default")


@strawberry.type
class Authorship:
    position: int = strawberry.field(description="0 for the first author.")
    researcher: Annotated["Researcher", Lazy("researchgraph.schema.researchers")] = (
        strawberry.field(metadata=planned(Planned.PERSON))
    )
    record: strawberry.Private[AuthorshipRecord]

    @strawberry.field(
        metadata=planned(Planned.AUTHOR_INSTITUTIONS),
        description="Institutions the author gave on this work.",
    )
    async def institutions(
        self, info: Info
    ) -> list[Annotated["Institution", Lazy("researchgraph.schema.catalog")]]:
        found = await info.context.loaders.institution.load_many(list(self.record.institution_ids))
        return [Institution.from_record(i) for i in found if i is not None]

    @classmethod
    def from_record(cls, record: AuthorshipRecord, researcher: ResearcherRecord) -> "Authorship":
        return cls(
            position=record.position, researcher=Researcher.from_record(researcher), record=record
        )


@strawberry.type
class WorkTopic:
    score: float | None
    topic: Annotated["Topic", Lazy("researchgraph.schema.catalog")]

    @classmethod
    def from_record(cls, record: WorkTopicRecord, topic: TopicRecord) -> "WorkTopic":
        return cls(score=record.score, topic=Topic.from_record(topic))


@strawberry.federation.type(keys=["id"])
class Work(Node):
    id: strawberry.ID
    title: str | None = strawberry.field(
        description="As the source gives it; null when the source has no title."
    )
    abstract: str | None
    year: int | None
    type: WorkType
    doi: str | None
    arxiv_id: str | None
    url: str | None
    code_url: str | None = strawberry.field(
        description=(
            "The work's code repository: a location on a code host, else the first "
            f"repository link in the abstract ({', '.join(CODE_HOSTS)}); a project page "
            "is not one."
        )
    )
    citation_count: int = strawberry.field(description="As reported by the source (OpenAlex).")
    record: strawberry.Private[WorkRecord]

    @classmethod
    def from_record(cls, record: WorkRecord) -> "Work":
        return cls(
            id=strawberry.ID(record.id),
            title=record.title,
            abstract=record.abstract,
            year=record.year,
            type=WorkType.of(record.type),
            doi=record.doi,
            arxiv_id=record.arxiv_id,
            url=record.url,
            code_url=record.code_url,
            citation_count=record.citation_count,
            record=record,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Optional["Work"]:
        found = await resolvers.work(info.context, id, root_plans(info))
        return cls.from_record(found) if found else None

    @strawberry.field(metadata=planned(Planned.VENUE, reads=("venue_id",)))
    async def venue(self, info: Info) -> Source | None:
        found = await resolvers.venue(info.context, self.record)
        return Source.from_record(found) if found else None

    @strawberry.field(metadata=planned(Planned.AUTHORS), description="In author order.")
    async def authors(self, info: Info) -> list[Authorship]:
        found = await resolvers.authorships(info.context, self.id, person_fields(info))
        return [Authorship.from_record(a, researcher) for a, researcher in found]

    @strawberry.field(metadata=planned(Planned.WORK_TOPICS), description="Highest score first.")
    async def topics(self, info: Info) -> list[WorkTopic]:
        found = await resolvers.topics(info.context, self.id)
        return [WorkTopic.from_record(t, topic) for t, topic in found]

    @strawberry.field(
        metadata={UNPLANNED: True},
        description=(
            "Works like this one, best first: sharing its references, cited beside it, or "
            f"on its topics (see `SimilarityReasonKind`); `first` at most {MAX_SIMILAR}."
        ),
    )
    async def related(self, info: Info, first: int = 10) -> list["RelatedWork"]:
        found = await similarity.related_works(info.context, self.id, first)
        return [RelatedWork.from_record(s) for s in found]

    references = works_field(WorkList.WORK_REFERENCES, "Works in the graph this one cites")
    cited_by = works_field(WorkList.WORK_CITATIONS, "Works in the graph that cite this one")


@strawberry.type(description="A work related to another, with its score and why.")
class RelatedWork:
    work: Work
    score: int
    reasons: list[SimilarityReason]

    @classmethod
    def from_record(cls, found: Similar[WorkRecord]) -> "RelatedWork":
        return cls(
            work=Work.from_record(found.record),
            score=found.score,
            reasons=[SimilarityReason.from_record(r) for r in found.reasons],
        )
