"""Plain, immutable records that cross the storage boundary.

Stores return these and nothing else; only `researchgraph.schema` turns them into
GraphQL types. Ids are the typed, readable ids of `researchgraph.graphstore.ids`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ResearcherRecord:
    id: str
    name: str
    orcid: str | None = None
    summary: str | None = None
    # None on import means "not stated": a load never overwrites a known value with it.
    open_to_collaborate: bool | None = None
    claimed: bool = False
    # As the source (OpenAlex) reports them, over its whole record of the author.
    h_index: int | None = None
    i10_index: int | None = None
    reported_works: int | None = None
    reported_citations: int | None = None
    # counts_by_year, as three aligned lists (the graph stores lists of scalars only).
    activity_years: tuple[int, ...] | None = None
    activity_works: tuple[int, ...] | None = None
    activity_citations: tuple[int, ...] | None = None
    # Set by the claimant (updateProfile), never by an import.
    links: tuple[str, ...] | None = None
    # The source's `updated_date`: of two versions of a record, the newer wins.
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class WorkRecord:
    id: str
    title: str | None  # None where the source gives none; never invented
    type: str = "OTHER"
    year: int | None = None
    abstract: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    code_url: str | None = None
    citation_count: int = 0
    venue_id: str | None = None
    primary_topic_id: str | None = None
    language: str | None = None
    # The source's `updated_date`: of two versions of a record, the newer wins.
    updated: str | None = None


def projected(record: R, fields: frozenset[str] | None) -> R:
    """`record` as a read of `fields` only gives it: the others None (all: None)."""
    if fields is None:
        return record
    values = (
        getattr(record, f.name) if f.name in fields else None
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
    )
    return type(record)(*values)


@dataclass(frozen=True, slots=True)
class TopicRecord:
    id: str
    name: str
    subfield: str | None = None
    field: str | None = None
    domain: str | None = None
    keywords: tuple[str, ...] | None = None
    # The source's `updated_date`: of two versions of a record, the newer wins.
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class InstitutionRecord:
    id: str
    name: str
    country_code: str | None = None
    type: str | None = None
    ror: str | None = None
    # The source's `updated_date`: of two versions of a record, the newer wins.
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: str
    name: str
    type: str | None = None
    # The source's `updated_date`: of two versions of a record, the newer wins.
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class AuthorshipRecord:
    work_id: str
    researcher_id: str
    position: int
    institution_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkTopicRecord:
    work_id: str
    topic_id: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class CitationRecord:
    citing_id: str
    cited_id: str


@dataclass(frozen=True, slots=True)
class AffiliationRecord:
    researcher_id: str
    institution_id: str
    years: tuple[int, ...] = ()
    current: bool = False


# Co-authors sharing at least this many works count as close collaborators.
CLOSE_COLLABORATOR_MIN_SHARED = 2
# Bounds of path search: co-authors read per researcher, works shown per step.
COAUTHOR_CAP = 5000
SHARED_WORKS_SHOWN = 3


class StatGroup(StrEnum):
    """Counts read together: each group is one pass over the graph, and a page asking
    for the number of works should not pay for counting every co-author."""

    WORKS = "works"  # works, citations
    TOPICS = "topics"  # distinct topics of the works
    NETWORK = "network"  # distinct co-authors, close ones
    FOLLOWERS = "followers"


@dataclass(frozen=True, slots=True)
class ResearcherStats:
    """Counts derived from a researcher's neighbourhood: those of the groups asked for
    (zeros for an unknown id), None for the others."""

    works: int | None = None
    citations: int | None = None
    topics: int | None = None
    collaborators: int | None = None
    close_collaborators: int | None = None
    followers: int | None = None

    def only(self, groups: frozenset[StatGroup]) -> ResearcherStats:
        """These counts with the groups not in `groups` left out."""
        return ResearcherStats(
            **{
                name: getattr(self, name) if group in groups else None
                for name, group in STAT_GROUP_OF.items()
            }
        )


# The group each count is read in.
STAT_GROUP_OF: dict[str, StatGroup] = {
    "works": StatGroup.WORKS,
    "citations": StatGroup.WORKS,
    "topics": StatGroup.TOPICS,
    "collaborators": StatGroup.NETWORK,
    "close_collaborators": StatGroup.NETWORK,
    "followers": StatGroup.FOLLOWERS,
}


@dataclass(frozen=True, slots=True)
class StatsRequest:
    researcher_id: str
    groups: frozenset[StatGroup]


@dataclass(frozen=True, slots=True)
class ResearcherTopicRecord:
    topic_id: str
    works: int
    share: float


@dataclass(frozen=True, slots=True)
class CollaborationRecord:
    researcher_id: str
    shared_works: int
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True, slots=True)
class GraphBatch:
    """Entities and relationships to upsert together, in one transaction; every list
    may be empty.

    An entity's own record is authoritative: its known fields overwrite. A *mention*
    is what another record says of an entity (a work names its authors, venue,
    topics; an author its institutions): it creates the node if missing and fills
    only fields still unknown, so the end state does not depend on import order.
    A citation of a work not loaded yet is kept and linked when that work arrives.
    """

    researchers: list[ResearcherRecord] = field(default_factory=list)
    works: list[WorkRecord] = field(default_factory=list)
    topics: list[TopicRecord] = field(default_factory=list)
    institutions: list[InstitutionRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    researcher_mentions: list[ResearcherRecord] = field(default_factory=list)
    topic_mentions: list[TopicRecord] = field(default_factory=list)
    institution_mentions: list[InstitutionRecord] = field(default_factory=list)
    source_mentions: list[SourceRecord] = field(default_factory=list)
    authorships: list[AuthorshipRecord] = field(default_factory=list)
    work_topics: list[WorkTopicRecord] = field(default_factory=list)
    citations: list[CitationRecord] = field(default_factory=list)
    affiliations: list[AffiliationRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TopicsRequest:
    researcher_id: str
    limit: int


@dataclass(frozen=True, slots=True)
class CollaboratorsRequest:
    researcher_id: str
    min_shared: int
    limit: int


class ClaimOutcome(StrEnum):
    CLAIMED = "CLAIMED"
    ALREADY_YOURS = "ALREADY_YOURS"
    TAKEN = "TAKEN"  # another user holds the record
    YOU_HOLD_ANOTHER = "YOU_HOLD_ANOTHER"  # a user claims at most one record
    NOT_FOUND = "NOT_FOUND"


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """Fields a claimant may edit; None leaves a field as it is, "" clears the summary."""

    summary: str | None = None
    open_to_collaborate: bool | None = None
    links: tuple[str, ...] | None = None


class UpdateOutcome(StrEnum):
    UPDATED = "UPDATED"
    NOT_CLAIMANT = "NOT_CLAIMANT"
    NOT_FOUND = "NOT_FOUND"


class InvitationStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    id: str
    sender_id: str  # the sending user
    from_researcher_id: str  # the record the sender had claimed when sending
    to_researcher_id: str
    message: str
    status: str
    created_ms: int
    responded_ms: int | None = None


@dataclass(frozen=True, slots=True)
class InvitationFactsRequest:
    """What deciding an invitation from `user_id` to `target_id` would read now; the
    sender's invitations are counted from `since_ms` (`decisions.window_start`)."""

    user_id: str
    target_id: str
    since_ms: int


class SendOutcome(StrEnum):
    SENT = "SENT"
    SENDER_HAS_NO_CLAIM = "SENDER_HAS_NO_CLAIM"
    TARGET_NOT_FOUND = "TARGET_NOT_FOUND"
    SELF = "SELF"
    TARGET_NOT_CLAIMED = "TARGET_NOT_CLAIMED"
    TARGET_CLOSED = "TARGET_CLOSED"
    DUPLICATE = "DUPLICATE"
    RATE_LIMITED = "RATE_LIMITED"


class AnswerOutcome(StrEnum):
    DONE = "DONE"
    NOT_FOUND = "NOT_FOUND"  # no such invitation, or the user is not the party who may act
    NOT_PENDING = "NOT_PENDING"


@dataclass(frozen=True, slots=True)
class FollowerRecord:
    """A user following a record: since when (None for follows made before it was
    kept), and the record they claimed, if any."""

    user_id: str
    since_ms: int | None
    researcher_id: str | None


@dataclass(frozen=True, slots=True)
class FollowersRequest:
    """Followers `offset` to `offset + limit` of a record, newest first, then by user."""

    researcher_id: str
    limit: int
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FollowersPage:
    followers: list[FollowerRecord]
    total: int


def follower_order(follower: FollowerRecord) -> tuple[int, str]:
    return -(follower.since_ms or 0), follower.user_id


@dataclass(frozen=True, slots=True)
class InvitationsRequest:
    """A page of a user's invitations: `role` SENT or RECEIVED (to the record they
    claimed), optionally of one status, newest first."""

    user_id: str
    role: str
    status: str | None
    limit: int
    after: tuple[int, str] | None = None
