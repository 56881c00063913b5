"""The Researcher type and the profile-page types around it."""

from typing import TYPE_CHECKING, Annotated, Any, Optional

import strawberry

from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.records import (
    AffiliationRecord,
    CollaborationRecord,
    InstitutionRecord,
    ResearcherRecord,
    ResearcherTopicRecord,
    TopicRecord,
)
from researchgraph.graphstore.similarity import Similar
from researchgraph.resolvers import abilities, similarity, slices
from researchgraph.resolvers import facets as facet_resolvers
from researchgraph.resolvers import researchers as resolvers
from researchgraph.resolvers import users as user_resolvers
from researchgraph.resolvers.limits import MAX_FIRST
from researchgraph.resolvers.plan_marks import PLANS, STAT, Planned, planned, reads
from researchgraph.resolvers.similarity import MAX_SIMILAR
from researchgraph.resolvers.trust import TrustResult, trust_formula
from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.context import PERSONAL, Info, person_fields, root_plans
from researchgraph.schema.enums import (
    AbilityReason,
    SliceKind,
    TrustBand,
    VerificationLevel,
)
from researchgraph.schema.execution import UNPLANNED
from researchgraph.schema.facets import FacetBucket
from researchgraph.schema.nodes import Node
from researchgraph.schema.similarity import SimilarityReason
from researchgraph.schema.work_lists import works_field

if TYPE_CHECKING:
    from researchgraph.schema.followers import FollowerConnection
    from researchgraph.schema.graph import GraphSlice
    from researchgraph.schema.invitations import Invitation

Lazy = strawberry.lazy


def _count(stat: str) -> Any:
    """A count field reading `stat` (a `ResearcherStats` field) in its group."""

    async def resolve(self: Any, info: Info) -> int:
        return await resolvers.count(info.context, self.researcher_id, stat)

    return strawberry.field(resolver=resolve, metadata={STAT: stat})


@strawberry.type(
    description="Counted from the graph when asked: each count reads only what it needs."
)
class ResearcherCounts:
    researcher_id: strawberry.Private[str]

    works = _count("works")
    followers = _count("followers")
    topics = _count("topics")
    close_collaborators = _count("close_collaborators")
    citations = _count("citations")
    collaborators = _count("collaborators")


@strawberry.type(description="One input of the trust score: contribution = value x weight.")
class TrustSignal:
    name: str
    value: float
    weight: float
    contribution: float


@strawberry.type(description=trust_formula())
class TrustSnapshot:
    score: int
    band: TrustBand
    verification_level: VerificationLevel
    claimed: bool
    signals: list[TrustSignal]

    @classmethod
    def from_record(cls, trust: TrustResult) -> "TrustSnapshot":
        return cls(
            score=trust.score,
            band=TrustBand(trust.band),
            verification_level=VerificationLevel(trust.verification_level),
            claimed=trust.claimed,
            signals=[
                TrustSignal(
                    name=s.name, value=s.value, weight=s.weight, contribution=s.contribution
                )
                for s in trust.signals
            ],
        )


@strawberry.type
class YearCount:
    year: int
    works: int
    citations: int


@strawberry.type(
    description=(
        "What the source (OpenAlex) reports over its whole record of the author; the graph "
        "may hold only part of it (see `counts`)."
    )
)
class SourceMetrics:
    h_index: int | None
    i10_index: int | None
    works_count: int | None
    cited_by_count: int | None
    counts_by_year: list[YearCount]

    @classmethod
    def from_record(cls, record: ResearcherRecord) -> Optional["SourceMetrics"]:
        years = zip(
            record.activity_years or (),
            record.activity_works or (),
            record.activity_citations or (),
            strict=True,
        )
        metrics = cls(
            h_index=record.h_index,
            i10_index=record.i10_index,
            works_count=record.reported_works,
            cited_by_count=record.reported_citations,
            counts_by_year=[YearCount(year=y, works=w, citations=c) for y, w, c in years],
        )
        empty = cls(
            h_index=None, i10_index=None, works_count=None, cited_by_count=None, counts_by_year=[]
        )
        return None if metrics == empty else metrics


@strawberry.type
class Affiliation:
    years: list[int]
    institution: Annotated["Institution", Lazy("researchgraph.schema.catalog")]

    @classmethod
    def from_record(cls, record: AffiliationRecord, place: InstitutionRecord) -> "Affiliation":
        return cls(years=list(record.years), institution=Institution.from_record(place))


@strawberry.type
class ResearcherTopic:
    works: int
    share: float = strawberry.field(description="Share of the researcher's works on it, 0-1.")
    topic: Annotated["Topic", Lazy("researchgraph.schema.catalog")]

    @classmethod
    def from_record(cls, record: ResearcherTopicRecord, topic: TopicRecord) -> "ResearcherTopic":
        return cls(works=record.works, share=round(record.share, 4), topic=Topic.from_record(topic))


@strawberry.type
class Collaboration:
    shared_works: int
    first_year: int | None
    last_year: int | None
    researcher: "Researcher" = strawberry.field(metadata=planned(Planned.PERSON))

    @classmethod
    def from_record(cls, record: CollaborationRecord, other: ResearcherRecord) -> "Collaboration":
        return cls(
            shared_works=record.shared_works,
            first_year=record.first_year,
            last_year=record.last_year,
            researcher=Researcher.from_record(other),
        )


@strawberry.type(description="Whether the viewer may do one thing now; `reason` says why not.")
class Ability:
    allowed: bool
    reason: AbilityReason | None

    @classmethod
    def from_record(cls, ability: abilities.Ability) -> "Ability":
        return cls(allowed=ability.allowed, reason=ability.reason)


@strawberry.type(
    description=(
        "What the viewer may do to this record, by the rules its mutations apply: "
        "follow (`followResearcher`), claim (`claimResearcher`), invite "
        "(`sendInvitation`), edit (`updateProfile`)."
    )
)
class ViewerCan:
    record: strawberry.Private[ResearcherRecord]

    @strawberry.field
    async def follow(self, info: Info) -> Ability:
        return Ability.from_record(await abilities.follow(info.context, self.record.id))

    @strawberry.field
    async def claim(self, info: Info) -> Ability:
        return Ability.from_record(await abilities.claim(info.context, self.record))

    @strawberry.field
    async def invite(self, info: Info) -> Ability:
        return Ability.from_record(await abilities.invite(info.context, self.record.id))

    @strawberry.field
    async def edit(self, info: Info) -> Ability:
        return Ability.from_record(await abilities.edit(info.context, self.record.id))


@strawberry.federation.type(keys=["id"])
class Researcher(Node):
    id: strawberry.ID
    name: str
    orcid: str | None
    summary: str | None
    open_to_collaborate: bool
    claimed: bool
    links: list[str] = strawberry.field(description="Set by the claimant.")
    record: strawberry.Private[ResearcherRecord]

    @classmethod
    def from_record(cls, record: ResearcherRecord) -> "Researcher":
        return cls(
            id=strawberry.ID(record.id),
            name=record.name,
            orcid=record.orcid,
            summary=record.summary,
            open_to_collaborate=bool(record.open_to_collaborate),
            claimed=record.claimed,
            links=list(record.links or ()),
            record=record,
        )

    @strawberry.field
    def source_metrics(self) -> SourceMetrics | None:
        # Built when asked for: a page holds a hundred co-authors who never are.
        return SourceMetrics.from_record(self.record)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Optional["Researcher"]:
        found = await resolvers.researcher(info.context, id, root_plans(info))
        return cls.from_record(found) if found else None

    @strawberry.field(
        metadata=planned(Planned.AFFILIATIONS),
        description="The current institution; null when none was imported.",
    )
    async def affiliation(
        self, info: Info
    ) -> Annotated["Institution", Lazy("researchgraph.schema.catalog")] | None:
        found = await resolvers.current_affiliation(info.context, self.id)
        return Institution.from_record(found) if found else None

    @strawberry.field(
        metadata=planned(Planned.AFFILIATIONS),
        description="Affiliation history: current first, then most recent.",
    )
    async def affiliations(self, info: Info) -> list[Affiliation]:
        found = await resolvers.affiliations(info.context, self.id)
        return [Affiliation.from_record(a, place) for a, place in found]

    @strawberry.field(metadata={PLANS: Planned.TRUST})
    async def trust(self, info: Info) -> TrustSnapshot:
        return TrustSnapshot.from_record(await resolvers.trust(info.context, self.record))

    @strawberry.field(metadata=planned(Planned.COUNTS))
    def counts(self) -> ResearcherCounts:
        return ResearcherCounts(researcher_id=self.id)

    works = works_field(
        WorkList.RESEARCHER_WORKS, "The researcher's works, newest first by default"
    )

    @strawberry.field(
        metadata=planned(Planned.RESEARCHER_TOPICS),
        description="Topics of the researcher's works, most works first.",
    )
    async def topics(self, info: Info, first: int = 10) -> list[ResearcherTopic]:
        found = await resolvers.topics(info.context, self.id, first)
        return [ResearcherTopic.from_record(t, topic) for t, topic in found]

    @strawberry.field(
        metadata=planned(Planned.COLLABORATORS), description="Co-authors, most shared works first."
    )
    async def collaborators(
        self, info: Info, first: int = 10, min_shared_works: int = 1
    ) -> list[Collaboration]:
        found = await resolvers.collaborators(
            info.context, self.id, first, min_shared_works, person_fields(info)
        )
        return [Collaboration.from_record(c, other) for c, other in found]

    @strawberry.field(
        metadata={UNPLANNED: True},
        description=(
            "Co-authors grouped by the institutions they are affiliated with: `count` is "
            "co-authors, `citations` the citations of the works shared with them; the "
            f"`first` (at most {MAX_FIRST}) groups, most co-authors first, then by id."
        ),
    )
    async def collaborators_by_institution(self, info: Info, first: int = 20) -> list[FacetBucket]:
        found = await facet_resolvers.collaborators_by_institution(info.context, self.id, first)
        return [FacetBucket.from_record(bucket) for bucket in found]

    @strawberry.federation.field(
        tags=[PERSONAL],
        metadata={UNPLANNED: True},
        description=(
            "Who follows this record, newest first: for its claimant only (FORBIDDEN to "
            f"anyone else; `counts.followers` is public). `first` at most {MAX_FIRST}."
        ),
    )
    async def followers(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Annotated["FollowerConnection", Lazy("researchgraph.schema.followers")]:
        from researchgraph.schema.followers import FollowerConnection

        found = await user_resolvers.followers(info.context, self.id, first, after)
        return FollowerConnection.from_record(found)

    @strawberry.field(
        metadata={UNPLANNED: True},
        description=(
            "Researchers like this one whom they have not written with, best first: sharing "
            f"topics and venues; `first` at most {MAX_SIMILAR}."
        ),
    )
    async def similar(self, info: Info, first: int = 10) -> list["SimilarResearcher"]:
        found = await similarity.similar_researchers(info.context, self.id, first)
        return [SimilarResearcher.from_record(s) for s in found]

    @strawberry.field(
        metadata=planned(Planned.COLLABORATORS),
        description="Co-authors sharing at least two works.",
    )
    async def close_collaborators(self, info: Info, first: int = 10) -> list[Collaboration]:
        found = await resolvers.close_collaborators(
            info.context, self.id, first, person_fields(info)
        )
        return [Collaboration.from_record(c, other) for c, other in found]

    @strawberry.field(
        metadata=planned(Planned.SLICE_RING),
        description="Nearby papers, people, topics and institutions.",
    )
    async def graph(
        self,
        info: Info,
        depth: int = 1,
        limit: int = 100,
        kinds: list[SliceKind] | None = None,
    ) -> Annotated["GraphSlice", Lazy("researchgraph.schema.graph")]:
        from researchgraph.schema.graph import GraphSlice

        found = await slices.graph_slice(
            info.context, self.id, depth, limit, [k.to_store() for k in kinds] if kinds else None
        )
        return GraphSlice.from_record(found)  # type: ignore[arg-type]  # this researcher exists

    @strawberry.federation.field(
        tags=[PERSONAL], description="What the viewer may do to this record, and why not."
    )
    def viewer_can(self) -> ViewerCan:
        return ViewerCan(record=self.record)

    @strawberry.federation.field(
        tags=[PERSONAL],
        description="The viewer's invitation to this record still waiting for an answer.",
    )
    async def pending_invitation(
        self, info: Info
    ) -> Annotated["Invitation", Lazy("researchgraph.schema.invitations")] | None:
        from researchgraph.schema.invitations import Invitation

        found = await abilities.pending_invitation(info.context, self.id)
        return Invitation.from_record(found) if found else None

    @strawberry.federation.field(
        tags=[PERSONAL],
        metadata=reads(),
        description="Whether the signed-in viewer follows this researcher.",
    )
    async def viewer_is_following(self, info: Info) -> bool:
        return await user_resolvers.is_following(info.context, self.id)


@strawberry.type(description="A researcher similar to another, with the score and why.")
class SimilarResearcher:
    researcher: Researcher
    score: int
    reasons: list[SimilarityReason]

    @classmethod
    def from_record(cls, found: Similar[ResearcherRecord]) -> "SimilarResearcher":
        return cls(
            researcher=Researcher.from_record(found.record),
            score=found.score,
            reasons=[SimilarityReason.from_record(r) for r in found.reasons],
        )
