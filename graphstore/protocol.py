"""The storage boundary: every read is a batch (keys in, one list out, aligned with
the keys, `None` or `[]` for a miss), so loaders can serve a whole request with one
call per relationship. Both stores implement this and pass the same contract tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from researchgraph.graphstore.decisions import InvitationFacts
from researchgraph.graphstore.external_ids import ExternalId
from researchgraph.graphstore.facets import FacetBucketRecord, FacetRequest, InstitutionFacetRequest
from researchgraph.graphstore.graph import NeighbourRecord, SliceDrawing, SliceRequest
from researchgraph.graphstore.pages import Page, PageRequest, WorksPageRequest
from researchgraph.graphstore.plans import OwnerPlan, Prefetched, ResearcherPlan, WorkPlan
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
from researchgraph.graphstore.similarity import Similar, SimilarRequest
from researchgraph.graphstore.touched import Touched


class GraphStore(Protocol):
    # --- entities by id: one record or None per id
    async def researchers(self, ids: Sequence[str]) -> list[ResearcherRecord | None]: ...
    async def works(self, ids: Sequence[str]) -> list[WorkRecord | None]: ...
    async def topics(self, ids: Sequence[str]) -> list[TopicRecord | None]: ...
    async def institutions(self, ids: Sequence[str]) -> list[InstitutionRecord | None]: ...
    async def sources(self, ids: Sequence[str]) -> list[SourceRecord | None]: ...
    async def resolve_external_ids(self, external: Sequence[ExternalId]) -> list[str | None]:
        """The id of the node holding each DOI, arXiv id, ORCID or ROR id, or None;
        of several holders, the smallest id."""
        ...

    # --- relationships by owner id: one list per id, in the documented order
    async def researcher_stats(self, requests: Sequence[StatsRequest]) -> list[ResearcherStats]:
        """Exactly the groups asked for (`ResearcherStats.only`); zeros for an unknown id."""
        ...

    async def affiliations(self, researcher_ids: Sequence[str]) -> list[list[AffiliationRecord]]:
        """Current first, then by latest year descending, then institution id."""
        ...

    async def authorships(self, work_ids: Sequence[str]) -> list[list[AuthorshipRecord]]:
        """By author position ascending."""
        ...

    async def work_topics(self, work_ids: Sequence[str]) -> list[list[WorkTopicRecord]]:
        """By score descending, then topic id."""
        ...

    async def researcher_topics(
        self, requests: Sequence[TopicsRequest]
    ) -> list[list[ResearcherTopicRecord]]:
        """Topics of a researcher's works: by works descending, then topic id."""
        ...

    async def collaborators(
        self, requests: Sequence[CollaboratorsRequest]
    ) -> list[list[CollaborationRecord]]:
        """Co-authors with at least `min_shared` shared works: by shared works
        descending, then latest shared year descending, then id."""
        ...

    async def coauthors(self, researcher_ids: Sequence[str]) -> list[list[str]]:
        """Distinct co-author ids, ascending, at most `COAUTHOR_CAP` per researcher."""
        ...

    async def shared_works(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        """Ids of up to `SHARED_WORKS_SHOWN` works both researchers of a pair wrote,
        newest first (then by id)."""
        ...

    # --- keyset pages: one page per request
    async def work_pages(self, requests: Sequence[WorksPageRequest]) -> list[Page[WorkRecord]]:
        """A page of each request's declared list of works (`graphstore.model`), by
        `WorkOrder`, each work once; an empty page for an unknown owner."""
        ...

    async def institution_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        """Ordered by `ResearcherOrder`."""
        ...

    async def all_researchers(self, request: PageRequest) -> Page[ResearcherRecord]:
        """The top-level researcher list (`owner` is ignored). Not a batch: a
        document asks for it once, and it is bounded by `limit`, not by an owner."""
        ...

    # --- read plans: a request's reads around its roots in one round trip
    async def prefetch_researchers(self, ids: Sequence[str], plan: ResearcherPlan) -> Prefetched:
        """Everything `plan` names around each researcher, keyed as the batch methods
        above are asked for it (see `graphstore.plans`)."""
        ...

    async def prefetch_works(self, ids: Sequence[str], plan: WorkPlan) -> Prefetched: ...
    async def prefetch_owners(self, ids: Sequence[str], plan: OwnerPlan) -> Prefetched:
        """Topics, sources or institutions (`plan.label`) with the pages `plan` names."""
        ...

    # --- graph primitives
    async def neighbours(self, ids: Sequence[str], per_kind: int) -> list[list[NeighbourRecord]]:
        """Up to `per_kind` neighbours of each kind per node (capped at
        `NEIGHBOUR_CAP`): by kind, then strength descending, then id."""
        ...

    async def draw_slices(self, requests: Sequence[SliceRequest]) -> list[SliceDrawing]:
        """Each slice's labels and edges (see `SliceRequest`)."""
        ...

    # --- facets
    async def work_facets(self, requests: Sequence[FacetRequest]) -> list[list[FacetBucketRecord]]:
        """The first `limit` buckets of each request (see `graphstore.facets`): by count
        descending, then key; `[]` for an unknown owner."""
        ...

    async def collaborator_institutions(
        self, requests: Sequence[InstitutionFacetRequest]
    ) -> list[list[FacetBucketRecord]]:
        """A researcher's co-authors by institution, in the order of `work_facets`."""
        ...

    # --- neighbours by similarity (`graphstore.similarity`)
    async def related_works(
        self, requests: Sequence[SimilarRequest]
    ) -> list[list[Similar[WorkRecord]]]:
        """Works sharing references, citing works or topics with each work, best first
        (`similarity.ranked`); `[]` for an unknown id."""
        ...

    async def similar_researchers(
        self, requests: Sequence[SimilarRequest]
    ) -> list[list[Similar[ResearcherRecord]]]:
        """Researchers sharing topics and venues with each researcher, not their
        co-authors, best first."""
        ...

    # --- search
    async def search(self, requests: Sequence[SearchRequest]) -> list[SearchPage]:
        """Hits `offset` to `offset + limit` of the nodes of the asked kinds that match
        the terms and pass the filter, best first (`search.hit_order`), and how many
        match (at most `SEARCH_WINDOW` per kind)."""
        ...

    # --- users: follows and claims
    async def follow(self, user_id: str, researcher_id: str, now_ms: int) -> bool:
        """Idempotent (a second follow keeps the first one's time); False (and nothing
        written) when the researcher does not exist."""
        ...

    async def followers(self, requests: Sequence[FollowersRequest]) -> list[FollowersPage]:
        """Who follows each record, in `follower_order`, with their total."""
        ...

    async def unfollow(self, user_id: str, researcher_id: str) -> bool:
        """Idempotent; False when the researcher does not exist."""
        ...

    async def following(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        """Whether each (user, researcher) pair is a follow."""
        ...

    async def followed_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        """Researchers a user (`owner`) follows, by `ResearcherOrder`."""
        ...

    async def claim(self, user_id: str, researcher_id: str) -> ClaimOutcome:
        """Atomic: of concurrent claims of one record, exactly one is CLAIMED."""
        ...

    async def release_claim(self, user_id: str) -> str | None:
        """The researcher id released, or None when the user held no claim."""
        ...

    async def claims(self, user_ids: Sequence[str]) -> list[str | None]:
        """The researcher each user has claimed, or None."""
        ...

    # --- profile edits and invitations
    async def update_profile(
        self, user_id: str, researcher_id: str, changes: ProfileChanges
    ) -> UpdateOutcome:
        """Only the record's claimant may edit it; nothing changes otherwise."""
        ...

    async def invitation_facts(
        self, requests: Sequence[InvitationFactsRequest]
    ) -> list[InvitationFacts]:
        """What `send_invitation` would decide on, read without writing: the viewer's
        standing towards a record (`viewerCan.invite`, `pendingInvitation`)."""
        ...

    async def send_invitation(
        self, user_id: str, target_id: str, message: str, *, invitation_id: str, now_ms: int
    ) -> tuple[SendOutcome, InvitationRecord | None]:
        """From the record the user claimed to a claimed record open to collaborate; no
        second pending invitation to the same record; at most `INVITATIONS_PER_DAY`
        in any 24 hours. Checked and written atomically."""
        ...

    async def respond_invitation(
        self, user_id: str, invitation_id: str, accept: bool, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        """By the invited record's claimant only (NOT_FOUND for anyone else)."""
        ...

    async def withdraw_invitation(
        self, user_id: str, invitation_id: str, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        """By the sender only (NOT_FOUND for anyone else)."""
        ...

    async def invitations(
        self, requests: Sequence[InvitationsRequest]
    ) -> list[Page[InvitationRecord]]:
        """Newest first; key = -created_ms."""
        ...

    # --- writes
    async def load(self, batch: GraphBatch, deferred: Touched | None = None) -> None:
        """Upsert entities and relationships; loading the same batch twice changes
        nothing. With `deferred` (a bulk import), what the batch's works imply is not
        refreshed with it but noted there, for one `refresh` at the end."""
        ...

    async def refresh(self, touched: Touched) -> None:
        """Brings what the works of `touched` imply up to date."""
        ...

    async def ping(self) -> None:
        """Returns when the store answers; raises `StoreUnavailable` otherwise."""
        ...

    async def close(self) -> None: ...
