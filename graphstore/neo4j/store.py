"""The Neo4j `GraphStore`: each method is one parameterized query (one round trip)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

from neo4j import AsyncManagedTransaction

from researchgraph.graphstore.decisions import InvitationFacts
from researchgraph.graphstore.neo4j import (
    entities,
    external_ids,
    facets,
    migrations,
    pages,
    planned,
    relations,
    similarity,
    users,
    writes,
)
from researchgraph.graphstore.neo4j import invitations as invites
from researchgraph.graphstore.neo4j import neighbours as neighbour_reads
from researchgraph.graphstore.neo4j import search as fulltext
from researchgraph.graphstore.neo4j.connection import DEFAULT_TIMEOUT_S, Connection, open_driver
from researchgraph.graphstore.pages import Page
from researchgraph.graphstore.records import (
    AnswerOutcome,
    GraphBatch,
    InvitationFactsRequest,
    InvitationRecord,
    InvitationsRequest,
    InvitationStatus,
    ProfileChanges,
    SendOutcome,
    UpdateOutcome,
)
from researchgraph.graphstore.touched import Touched

DATA_NODES = "MATCH (n) WHERE NOT n:Migration RETURN count(n) AS nodes"
# An import batch (hundreds of works, a dozen large statements) is no request: its
# statements are planned the first time a batch of their shape comes, seconds each on
# a cold server, and a batch on a large graph writes for longer than a request reads.
IMPORT_BATCH_TIMEOUT_S = 120.0


P = ParamSpec("P")
T = TypeVar("T")


def _on_connection(
    read: Callable[Concatenate[Connection, P], Coroutine[Any, Any, T]],
) -> Callable[Concatenate[Neo4jStore, P], Coroutine[Any, Any, T]]:
    """A store method that is the module function `read` on the store's connection:
    the Cypher and its decoding live in the module of their area; the store only
    holds the connection."""

    async def method(self: Neo4jStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await read(self.connection, *args, **kwargs)

    method.__name__ = read.__name__
    method.__doc__ = read.__doc__
    return method


class Neo4jStore:
    """The `GraphStore` on Neo4j over Bolt; every method one round trip unless it says
    otherwise (`protocol.py` documents what each answers)."""

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

    migrate = _on_connection(migrations.migrate)

    async def data_nodes(self) -> int:
        """Nodes other than the migrations' own markers: 0 for a database that holds
        no data yet."""
        rows = await self.connection.read(DATA_NODES, {})
        return int(rows[0]["nodes"])

    researchers = _on_connection(entities.researchers)
    works = _on_connection(entities.works)
    topics = _on_connection(entities.topics)
    institutions = _on_connection(entities.institutions)
    sources = _on_connection(entities.sources)
    work_facets = _on_connection(facets.work_facets)
    collaborator_institutions = _on_connection(facets.collaborator_institutions)
    related_works = _on_connection(similarity.related_works)
    similar_researchers = _on_connection(similarity.similar_researchers)
    resolve_external_ids = _on_connection(external_ids.resolve)
    researcher_stats = _on_connection(relations.researcher_stats)
    affiliations = _on_connection(relations.affiliations)
    authorships = _on_connection(relations.authorships)
    work_topics = _on_connection(relations.work_topics)
    researcher_topics = _on_connection(relations.researcher_topics)
    collaborators = _on_connection(relations.collaborators)
    coauthors = _on_connection(relations.coauthors)
    shared_works = _on_connection(relations.shared_works)
    work_pages = _on_connection(pages.work_pages)
    institution_researchers = _on_connection(pages.institution_researchers)
    all_researchers = _on_connection(pages.all_researchers)
    prefetch_researchers = _on_connection(planned.prefetch_researchers)
    prefetch_works = _on_connection(planned.prefetch_works)
    prefetch_owners = _on_connection(planned.prefetch_owners)
    neighbours = _on_connection(neighbour_reads.neighbours)
    draw_slices = _on_connection(neighbour_reads.draw_slices)
    search = _on_connection(fulltext.search)
    follow = _on_connection(users.follow)
    followers = _on_connection(users.followers)
    unfollow = _on_connection(users.unfollow)
    following = _on_connection(users.following)
    followed_researchers = _on_connection(users.followed)
    claim = _on_connection(users.claim)
    release_claim = _on_connection(users.release_claim)
    claims = _on_connection(users.claims)

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

        await self.connection.write(work, timeout_s=IMPORT_BATCH_TIMEOUT_S)

    async def refresh(self, touched: Touched) -> None:
        await writes.refresh(self.connection, touched)

    async def close(self) -> None:
        await self.connection.close()
