"""The Neo4j `GraphStore`: each method is one parameterized query (one round trip)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from researchgraph.graphstore.decisions import InvitationFacts
from researchgraph.graphstore.external_ids import ExternalId
from researchgraph.graphstore.facets import FacetBucketRecord, FacetRequest, InstitutionFacetRequest
from researchgraph.graphstore.graph import EdgeRecord, EdgesRequest, NeighbourRecord
from researchgraph.graphstore.neo4j import (
    entities,
    external_ids,
    facets,
    neighbours,
    pages,
    planned,
    relations,
    similarity,
    users,
    writes,
)
from researchgraph.graphstore.neo4j import invitations as invites
from researchgraph.graphstore.neo4j import search as fulltext
from researchgraph.graphstore.neo4j.connection import DEFAULT_TIMEOUT_S, Connection, open_driver
from researchgraph.graphstore.neo4j.migrations import migrate
from researchgraph.graphstore.pages import Page, PageRequest, WorksPageRequest
from researchgraph.graphstore.plans import Prefetched, ResearcherPlan, WorkPlan
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AnswerOutcome,
    AuthorshipRecord,
    ClaimOutcome,
    CollaborationRecord,
    CollaboratorsRequest,
    FollowersPage,
    FollowersRequest,
    GraphBatch,
    InstitutionRecord,
    InvitationFactsRequest,
    InvitationRecord,
    InvitationsRequest,
    InvitationStatus,
    ProfileChanges,
    ResearcherRecord,
    ResearcherStats,
    ResearcherTopicRecord,
    SendOutcome,
    SourceRecord,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
    UpdateOutcome,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.search import SearchPage, SearchRequest
from researchgraph.graphstore.similarity import SimilarRecord, SimilarRequest
from researchgraph.graphstore.touched import Touched

DATA_NODES = "MATCH (n) WHERE NOT n:Migration RETURN count(n) AS nodes"


class Neo4jStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> Neo4jStore:
        return cls(Connection(open_driver(uri, user, password), database, timeout_s))

    async def verify(self) -> None:
        """Fail fast (StoreUnavailable) when the database cannot be reached."""
        await self.connection.verify()

    async def ping(self) -> None:
        await self.connection.verify()

    async def migrate(self) -> list[str]:
        return await migrate(self.connection)

    async def data_nodes(self) -> int:
        """Nodes other than the migrations' own markers: 0 for a database that holds
        no data yet."""
        rows = await self.connection.read(DATA_NODES, {})
        return int(rows[0]["nodes"])

    async def researchers(self, ids: Sequence[str]) -> list[ResearcherRecord | None]:
        return await entities.researchers(self.connection, ids)

    async def works(self, ids: Sequence[str]) -> list[WorkRecord | None]:
        return await entities.works(self.connection, ids)

    async def topics(self, ids: Sequence[str]) -> list[TopicRecord | None]:
        return await entities.topics(self.connection, ids)

    async def institutions(self, ids: Sequence[str]) -> list[InstitutionRecord | None]:
        return await entities.institutions(self.connection, ids)

    async def sources(self, ids: Sequence[str]) -> list[SourceRecord | None]:
        return await entities.sources(self.connection, ids)

    async def work_facets(self, requests: Sequence[FacetRequest]) -> list[list[FacetBucketRecord]]:
        return await facets.work_facets(self.connection, requests)

    async def collaborator_institutions(
        self, requests: Sequence[InstitutionFacetRequest]
    ) -> list[list[FacetBucketRecord]]:
        return await facets.collaborator_institutions(self.connection, requests)

    async def related_works(self, requests: Sequence[SimilarRequest]) -> list[list[SimilarRecord]]:
        return await similarity.related_works(self.connection, requests)

    async def similar_researchers(
        self, requests: Sequence[SimilarRequest]
    ) -> list[list[SimilarRecord]]:
        return await similarity.similar_researchers(self.connection, requests)

    async def resolve_external_ids(self, external: Sequence[ExternalId]) -> list[str | None]:
        return await external_ids.resolve(self.connection, external)

    async def researcher_stats(self, requests: Sequence[StatsRequest]) -> list[ResearcherStats]:
        return await relations.researcher_stats(self.connection, requests)

    async def affiliations(self, researcher_ids: Sequence[str]) -> list[list[AffiliationRecord]]:
        return await relations.affiliations(self.connection, researcher_ids)

    async def authorships(self, work_ids: Sequence[str]) -> list[list[AuthorshipRecord]]:
        return await relations.authorships(self.connection, work_ids)

    async def work_topics(self, work_ids: Sequence[str]) -> list[list[WorkTopicRecord]]:
        return await relations.work_topics(self.connection, work_ids)

    async def researcher_topics(
        self, requests: Sequence[TopicsRequest]
    ) -> list[list[ResearcherTopicRecord]]:
        return await relations.researcher_topics(self.connection, requests)

    async def collaborators(
        self, requests: Sequence[CollaboratorsRequest]
    ) -> list[list[CollaborationRecord]]:
        return await relations.collaborators(self.connection, requests)

    async def coauthors(self, researcher_ids: Sequence[str]) -> list[list[str]]:
        return await relations.coauthors(self.connection, researcher_ids)

    async def shared_works(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        return await relations.shared_works(self.connection, pairs)

    async def work_pages(self, requests: Sequence[WorksPageRequest]) -> list[Page[WorkRecord]]:
        return await pages.work_pages(self.connection, requests)

    async def institution_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        return await pages.institution_researchers(self.connection, requests)

    async def all_researchers(self, request: PageRequest) -> Page[ResearcherRecord]:
        return await pages.all_researchers(self.connection, request)

    async def prefetch_researchers(self, ids: Sequence[str], plan: ResearcherPlan) -> Prefetched:
        return await planned.prefetch_researchers(self.connection, ids, plan)

    async def prefetch_works(self, ids: Sequence[str], plan: WorkPlan) -> Prefetched:
        return await planned.prefetch_works(self.connection, ids, plan)

    async def neighbours(self, ids: Sequence[str], per_kind: int) -> list[list[NeighbourRecord]]:
        return await neighbours.neighbours(self.connection, ids, per_kind)

    async def edges_among(self, requests: Sequence[EdgesRequest]) -> list[list[EdgeRecord]]:
        return await neighbours.edges_among(self.connection, requests)

    async def search(self, requests: Sequence[SearchRequest]) -> list[SearchPage]:
        return await fulltext.search(self.connection, requests)

    async def follow(self, user_id: str, researcher_id: str, now_ms: int) -> bool:
        return await users.follow(self.connection, user_id, researcher_id, now_ms)

    async def followers(self, requests: Sequence[FollowersRequest]) -> list[FollowersPage]:
        return await users.followers(self.connection, requests)

    async def unfollow(self, user_id: str, researcher_id: str) -> bool:
        return await users.unfollow(self.connection, user_id, researcher_id)

    async def following(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        return await users.following(self.connection, pairs)

    async def followed_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        return await users.followed(self.connection, requests)

    async def claim(self, user_id: str, researcher_id: str) -> ClaimOutcome:
        return await users.claim(self.connection, user_id, researcher_id)

    async def release_claim(self, user_id: str) -> str | None:
        return await users.release_claim(self.connection, user_id)

    async def claims(self, user_ids: Sequence[str]) -> list[str | None]:
        return await users.claims(self.connection, user_ids)

    async def update_profile(
        self, user_id: str, researcher_id: str, changes: ProfileChanges
    ) -> UpdateOutcome:
        properties: dict[str, Any] = {}
        if changes.summary is not None:
            properties["summary"] = changes.summary or None  # "" clears it
        if changes.open_to_collaborate is not None:
            properties["openToCollaborate"] = changes.open_to_collaborate
        if changes.links is not None:
            properties["links"] = list(changes.links)
        return await invites.update_profile(self.connection, user_id, researcher_id, properties)

    async def invitation_facts(
        self, requests: Sequence[InvitationFactsRequest]
    ) -> list[InvitationFacts]:
        return await invites.invitation_facts(self.connection, requests)

    async def send_invitation(
        self, user_id: str, target_id: str, message: str, *, invitation_id: str, now_ms: int
    ) -> tuple[SendOutcome, InvitationRecord | None]:
        return await invites.send(
            self.connection,
            user_id=user_id,
            target_id=target_id,
            message=message,
            invitation_id=invitation_id,
            now_ms=now_ms,
        )

    async def respond_invitation(
        self, user_id: str, invitation_id: str, accept: bool, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        return await invites.answer(
            self.connection,
            invites.RESPOND_FACTS,
            user_id=user_id,
            invitation_id=invitation_id,
            status=status.value,
            now_ms=now_ms,
        )

    async def withdraw_invitation(
        self, user_id: str, invitation_id: str, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        return await invites.answer(
            self.connection,
            invites.WITHDRAW_FACTS,
            user_id=user_id,
            invitation_id=invitation_id,
            status=InvitationStatus.WITHDRAWN.value,
            now_ms=now_ms,
        )

    async def invitations(
        self, requests: Sequence[InvitationsRequest]
    ) -> list[Page[InvitationRecord]]:
        return await invites.invitations(self.connection, requests)

    async def load(self, batch: GraphBatch, deferred: Touched | None = None) -> None:
        async def work(tx: AsyncManagedTransaction) -> None:
            await writes.load(tx, batch, deferred)

        await self.connection.write(work)

    async def refresh(self, touched: Touched) -> None:
        await writes.refresh(self.connection, touched)

    async def close(self) -> None:
        await self.connection.close()
