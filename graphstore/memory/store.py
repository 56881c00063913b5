"""The in-memory `GraphStore`: the embedded default, answering every batch read
from `MemoryGraph` with exactly the orderings and tie-breaks of the Neo4j store."""

from __future__ import annotations

import dataclasses
import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice

from researchgraph.graphstore import plans
from researchgraph.graphstore.decisions import (
    InvitationFacts,
    answer_outcome,
    claim_outcome,
    send_outcome,
    update_outcome,
    window_start,
)
from researchgraph.graphstore.external_ids import ExternalId
from researchgraph.graphstore.facets import FacetBucketRecord, FacetRequest, InstitutionFacetRequest
from researchgraph.graphstore.graph import (
    NEIGHBOUR_CAP,
    EdgeKind,
    EdgeRecord,
    EdgesRequest,
    GraphNodeRecord,
    NeighbourRecord,
)
from researchgraph.graphstore.ids import NodeKind, kind_of
from researchgraph.graphstore.memory import facets, similarity, work_lists
from researchgraph.graphstore.memory.graph import MemoryGraph
from researchgraph.graphstore.memory.implied import Implied
from researchgraph.graphstore.memory.search_index import KindIndex
from researchgraph.graphstore.ordering import (
    affiliation_order,
    authorship_order,
    collaboration_order,
    edge_order,
    neighbour_order,
    researcher_topic_order,
    work_topic_order,
)
from researchgraph.graphstore.pages import (
    Page,
    PageRequest,
    PageRow,
    WorksPageRequest,
    paginate,
    researcher_sort_key,
    work_matches,
    work_sort_key,
)
from researchgraph.graphstore.plans import Prefetched, ResearcherPlan, WorkPlan
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    COAUTHOR_CAP,
    SHARED_WORKS_SHOWN,
    AffiliationRecord,
    AnswerOutcome,
    AuthorshipRecord,
    ClaimOutcome,
    CollaborationRecord,
    CollaboratorsRequest,
    FollowerRecord,
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
    StatGroup,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
    UpdateOutcome,
    WorkRecord,
    WorkTopicRecord,
    follower_order,
)
from researchgraph.graphstore.search import (
    SEARCH_WINDOW,
    SEARCHED_KINDS,
    SearchFilter,
    SearchHitRecord,
    SearchPage,
    SearchRequest,
    completion_length,
    hit_order,
    tokens,
)
from researchgraph.graphstore.similarity import SimilarRecord, SimilarRequest
from researchgraph.graphstore.touched import Touched


class MemoryStore:
    def __init__(self) -> None:
        self.graph = MemoryGraph()
        self._indexes: dict[NodeKind, KindIndex] = {}
        self._implied: Implied | None = None

    # --- entities
    async def researchers(self, ids: Sequence[str]) -> list[ResearcherRecord | None]:
        return [self._researcher(i) for i in ids]

    async def works(self, ids: Sequence[str]) -> list[WorkRecord | None]:
        return [self.graph.works.get(i) for i in ids]

    async def topics(self, ids: Sequence[str]) -> list[TopicRecord | None]:
        return [self.graph.topics.get(i) for i in ids]

    async def institutions(self, ids: Sequence[str]) -> list[InstitutionRecord | None]:
        return [self.graph.institutions.get(i) for i in ids]

    async def sources(self, ids: Sequence[str]) -> list[SourceRecord | None]:
        return [self.graph.sources.get(i) for i in ids]

    async def resolve_external_ids(self, external: Sequence[ExternalId]) -> list[str | None]:
        return [self.graph.holder(key) for key in external]

    def _researcher(self, researcher_id: str) -> ResearcherRecord | None:
        found = self.graph.researchers.get(researcher_id)
        if found is None or researcher_id not in self.graph.claimant_of:
            return found
        return dataclasses.replace(found, claimed=True)

    # --- relationships
    async def researcher_stats(self, requests: Sequence[StatsRequest]) -> list[ResearcherStats]:
        return [self._stats(r.researcher_id, r.groups) for r in requests]

    def _stats(self, researcher_id: str, groups: frozenset[StatGroup]) -> ResearcherStats:
        works = self.graph.works_of.get(researcher_id, set())
        counts: dict[str, int] = {}
        if StatGroup.WORKS in groups:
            counts["works"] = len(works)
            counts["citations"] = self.implied.citations[researcher_id]
        if StatGroup.TOPICS in groups:
            counts["topics"] = len(self.implied.topics_of(researcher_id))
        if StatGroup.NETWORK in groups:
            shared = self.implied.coauthors_of(researcher_id)
            counts["collaborators"] = len(shared)
            counts["close_collaborators"] = sum(
                1 for s in shared.values() if s.works >= CLOSE_COLLABORATOR_MIN_SHARED
            )
        if StatGroup.FOLLOWERS in groups:
            counts["followers"] = len(self.graph.followers_of.get(researcher_id, set()))
        return ResearcherStats(**counts)

    async def affiliations(self, researcher_ids: Sequence[str]) -> list[list[AffiliationRecord]]:
        return [
            sorted(self.graph.affiliations_of.get(i, {}).values(), key=affiliation_order)
            for i in researcher_ids
        ]

    async def authorships(self, work_ids: Sequence[str]) -> list[list[AuthorshipRecord]]:
        return [
            sorted(self.graph.authors_of.get(i, {}).values(), key=authorship_order)
            for i in work_ids
        ]

    async def work_topics(self, work_ids: Sequence[str]) -> list[list[WorkTopicRecord]]:
        return [
            sorted(self.graph.topics_of.get(i, {}).values(), key=work_topic_order) for i in work_ids
        ]

    async def researcher_topics(
        self, requests: Sequence[TopicsRequest]
    ) -> list[list[ResearcherTopicRecord]]:
        result = []
        for request in requests:
            works = len(self.graph.works_of.get(request.researcher_id, ()))
            counts = self.implied.topics_of(request.researcher_id)
            found = [ResearcherTopicRecord(t, n, share=n / works) for t, n in counts.items()]
            result.append(sorted(found, key=researcher_topic_order)[: request.limit])
        return result

    async def collaborators(
        self, requests: Sequence[CollaboratorsRequest]
    ) -> list[list[CollaborationRecord]]:
        result = []
        for request in requests:
            found = [
                CollaborationRecord(c, s.works, s.first_year, s.last_year)
                for c, s in self.implied.coauthors_of(request.researcher_id).items()
                if s.works >= request.min_shared
            ]
            result.append(sorted(found, key=collaboration_order)[: request.limit])
        return result

    async def coauthors(self, researcher_ids: Sequence[str]) -> list[list[str]]:
        return [sorted(self.implied.coauthors_of(i))[:COAUTHOR_CAP] for i in researcher_ids]

    async def shared_works(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        def newest_first(work_id: str) -> tuple[int, str]:
            year = self.graph.works[work_id].year
            return (-(year if year is not None else -1), work_id)

        works_of = self.graph.works_of
        return [
            sorted(works_of.get(a, set()) & works_of.get(b, set()), key=newest_first)[
                :SHARED_WORKS_SHOWN
            ]
            for a, b in pairs
        ]

    # --- pages
    async def work_pages(self, requests: Sequence[WorksPageRequest]) -> list[Page[WorkRecord]]:
        return [
            self._work_page(work_lists.members(self.graph, r.works, r.page.owner or ""), r.page)
            for r in requests
        ]

    def _work_page(self, work_ids: Iterable[str], request: PageRequest) -> Page[WorkRecord]:
        works = (self.graph.works[w] for w in work_ids)
        rows = [
            PageRow(work_sort_key(w, request.order), w)
            for w in works
            if work_matches(w, request.filter)
        ]
        return paginate(rows, request)

    async def institution_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        return [
            self._researcher_page(self.graph.members_of.get(r.owner or "", set()), r)
            for r in requests
        ]

    async def all_researchers(self, request: PageRequest) -> Page[ResearcherRecord]:
        return self._researcher_page(self.graph.researchers.keys(), request)

    def _researcher_page(self, ids: Iterable[str], request: PageRequest) -> Page[ResearcherRecord]:
        rows = []
        for researcher_id in ids:
            record = self._researcher(researcher_id)
            if record is None:
                continue
            works = len(self.graph.works_of.get(researcher_id, ()))
            citations = self.implied.citations[researcher_id]
            rows.append(PageRow(researcher_sort_key(works, citations, request.order), record))
        return paginate(rows, request)

    # --- graph primitives
    async def prefetch_researchers(self, ids: Sequence[str], plan: ResearcherPlan) -> Prefetched:
        return await plans.read_plan(self, ids, plan)

    async def prefetch_works(self, ids: Sequence[str], plan: WorkPlan) -> Prefetched:
        return await plans.read_work_plan(self, ids, plan)

    async def neighbours(self, ids: Sequence[str], per_kind: int) -> list[list[NeighbourRecord]]:
        limit = min(per_kind, NEIGHBOUR_CAP)
        return [self._neighbours(node_id, limit) for node_id in ids]

    def _neighbours(self, node_id: str, limit: int) -> list[NeighbourRecord]:
        """The strongest `limit` of each kind, in `neighbour_order`; only those are
        built (a prolific author has thousands)."""
        chosen = []
        for candidates in self._candidates(node_id):
            for other, strength, source, target, edge, weight in heapq.nsmallest(
                limit, candidates, key=_strongest_first
            ):
                chosen.append(_neighbour(self._node(other), source, target, edge, weight, strength))
        return sorted(chosen, key=neighbour_order)

    def _candidates(self, node_id: str) -> list[list[_Candidate]]:
        """A node's neighbours, one list per kind of node."""
        g = self.graph
        works = g.works
        match kind_of(node_id):
            case NodeKind.RESEARCHER if node_id in g.researchers:
                affiliations = g.affiliations_of.get(node_id, {})
                return [
                    [
                        (w, float(works[w].citation_count), node_id, w, EdgeKind.AUTHORED, None)
                        for w in g.works_of.get(node_id, ())
                    ],
                    [
                        (c, s.works, min(node_id, c), max(node_id, c), EdgeKind.COAUTHOR, s.works)
                        for c, s in self.implied.coauthors_of(node_id).items()
                    ],
                    [
                        (t, n, node_id, t, EdgeKind.RESEARCHES, n)
                        for t, n in self.implied.topics_of(node_id).items()
                    ],
                    [
                        (i, len(a.years), node_id, i, EdgeKind.AFFILIATED_WITH, len(a.years))
                        for i, a in affiliations.items()
                    ],
                ]
            case NodeKind.WORK if node_id in g.works:
                return [
                    [
                        (r, 1.0 / (1 + a.position), r, node_id, EdgeKind.AUTHORED, None)
                        for r, a in g.authors_of.get(node_id, {}).items()
                    ],
                    [
                        (t, a.score or 0.0, node_id, t, EdgeKind.ABOUT, a.score)
                        for t, a in g.topics_of.get(node_id, {}).items()
                    ],
                    [
                        *(
                            (w, float(works[w].citation_count), node_id, w, EdgeKind.CITES, None)
                            for w in g.references_of.get(node_id, ())
                        ),
                        *(
                            (w, float(works[w].citation_count), w, node_id, EdgeKind.CITES, None)
                            for w in g.citations_of.get(node_id, ())
                        ),
                    ],
                ]
            case NodeKind.TOPIC if node_id in g.topics:
                return [
                    [
                        (
                            w,
                            float(works[w].citation_count),
                            w,
                            node_id,
                            EdgeKind.ABOUT,
                            g.topics_of[w][node_id].score,
                        )
                        for w in g.works_about.get(node_id, ())
                    ]
                ]
            case NodeKind.INSTITUTION if node_id in g.institutions:
                years = {
                    r: len(g.affiliations_of[r][node_id].years)
                    for r in g.members_of.get(node_id, ())
                }
                return [[(r, n, r, node_id, EdgeKind.AFFILIATED_WITH, n) for r, n in years.items()]]
        return []

    def _node(self, node_id: str) -> GraphNodeRecord:
        return GraphNodeRecord(node_id, kind_of(node_id), self._label(node_id))

    def _label(self, node_id: str) -> str | None:
        return _searched_text(self._named(kind_of(node_id))[node_id])[0]

    async def edges_among(self, requests: Sequence[EdgesRequest]) -> list[list[EdgeRecord]]:
        return [self._edges_among(r.center, set(r.ids)) for r in requests]

    def _edges_among(self, center: str, group: set[str]) -> list[EdgeRecord]:
        g = self.graph
        edges: list[EdgeRecord] = []
        for node_id in group:
            kind = kind_of(node_id)
            if kind is NodeKind.WORK:
                for topic_id, about in g.topics_of.get(node_id, {}).items():
                    if topic_id in group:
                        edges.append(EdgeRecord(node_id, topic_id, EdgeKind.ABOUT, about.score))
                edges += [
                    EdgeRecord(node_id, cited, EdgeKind.CITES)
                    for cited in g.references_of.get(node_id, set()) & group
                    if cited != node_id
                ]
            elif kind is NodeKind.RESEARCHER:
                edges += self._researcher_edges(node_id, group, node_id == center)
        return sorted(edges, key=edge_order)

    def _researcher_edges(
        self, researcher_id: str, group: set[str], is_center: bool
    ) -> list[EdgeRecord]:
        g = self.graph
        works = g.works_of.get(researcher_id, set())
        coauthors = self.implied.coauthors_of(researcher_id)
        shared = {c: coauthors[c].works for c in group if c > researcher_id and c in coauthors}
        topics = self.implied.topics_of(researcher_id) if is_center else Counter()
        return [
            *(EdgeRecord(researcher_id, w, EdgeKind.AUTHORED) for w in works & group),
            *(
                EdgeRecord(researcher_id, i, EdgeKind.AFFILIATED_WITH, float(len(a.years)))
                for i, a in g.affiliations_of.get(researcher_id, {}).items()
                if i in group
            ),
            *(EdgeRecord(researcher_id, c, EdgeKind.COAUTHOR, float(n)) for c, n in shared.items()),
            *(
                EdgeRecord(researcher_id, t, EdgeKind.RESEARCHES, float(n))
                for t, n in topics.items()
                if t in group
            ),
        ]

    # --- users
    async def follow(self, user_id: str, researcher_id: str, now_ms: int) -> bool:
        if researcher_id not in self.graph.researchers:
            return False
        self.graph.followers_of[researcher_id].add(user_id)
        self.graph.followed_by[user_id].add(researcher_id)
        self.graph.followed_since.setdefault((user_id, researcher_id), now_ms)
        return True

    async def followers(self, requests: Sequence[FollowersRequest]) -> list[FollowersPage]:
        pages = []
        for request in requests:
            everyone = sorted(
                (
                    FollowerRecord(
                        user,
                        self.graph.followed_since.get((user, request.researcher_id)),
                        self.graph.claim_of.get(user),
                    )
                    for user in self.graph.followers_of.get(request.researcher_id, ())
                ),
                key=follower_order,
            )
            end = request.offset + request.limit
            pages.append(FollowersPage(everyone[request.offset : end], len(everyone)))
        return pages

    async def unfollow(self, user_id: str, researcher_id: str) -> bool:
        if researcher_id not in self.graph.researchers:
            return False
        self.graph.followers_of[researcher_id].discard(user_id)
        self.graph.followed_by[user_id].discard(researcher_id)
        self.graph.followed_since.pop((user_id, researcher_id), None)
        return True

    async def following(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        return [r in self.graph.followed_by.get(u, set()) for u, r in pairs]

    async def followed_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        return [
            self._researcher_page(self.graph.followed_by.get(r.owner or "", set()), r)
            for r in requests
        ]

    async def claim(self, user_id: str, researcher_id: str) -> ClaimOutcome:
        g = self.graph
        if researcher_id not in g.researchers:
            return ClaimOutcome.NOT_FOUND
        outcome = claim_outcome(user_id, g.claimant_of.get(researcher_id), g.claim_of.get(user_id))
        if outcome is ClaimOutcome.CLAIMED:
            g.claimant_of[researcher_id] = user_id
            g.claim_of[user_id] = researcher_id
        return outcome

    async def release_claim(self, user_id: str) -> str | None:
        researcher_id = self.graph.claim_of.pop(user_id, None)
        if researcher_id is not None:
            del self.graph.claimant_of[researcher_id]
        return researcher_id

    async def claims(self, user_ids: Sequence[str]) -> list[str | None]:
        return [self.graph.claim_of.get(u) for u in user_ids]

    # --- profile edits and invitations
    async def update_profile(
        self, user_id: str, researcher_id: str, changes: ProfileChanges
    ) -> UpdateOutcome:
        g = self.graph
        if researcher_id not in g.researchers:
            return UpdateOutcome.NOT_FOUND
        outcome = update_outcome(g.claim_of.get(user_id) == researcher_id)
        if outcome is not UpdateOutcome.UPDATED:
            return outcome
        record = g.researchers[researcher_id]
        if changes.summary is not None:
            record = dataclasses.replace(record, summary=changes.summary or None)
        if changes.open_to_collaborate is not None:
            record = dataclasses.replace(record, open_to_collaborate=changes.open_to_collaborate)
        if changes.links is not None:
            record = dataclasses.replace(record, links=changes.links)
        g.researchers[researcher_id] = record
        return UpdateOutcome.UPDATED

    def _invitation_facts(self, user_id: str, target_id: str, since_ms: int) -> InvitationFacts:
        g = self.graph
        target = g.researchers.get(target_id)
        sent = [i for i in g.invitations.values() if i.sender_id == user_id]
        pending = [
            i
            for i in sent
            if i.to_researcher_id == target_id and i.status == InvitationStatus.PENDING
        ]
        return InvitationFacts(
            senders_record=g.claim_of.get(user_id),
            target_found=target is not None,
            target_claimed=target_id in g.claimant_of,
            target_open=bool(target and target.open_to_collaborate),
            pending=max(pending, key=lambda i: (i.created_ms, i.id), default=None),
            sent_in_window=sum(1 for i in sent if i.created_ms > since_ms),
        )

    async def invitation_facts(
        self, requests: Sequence[InvitationFactsRequest]
    ) -> list[InvitationFacts]:
        return [self._invitation_facts(r.user_id, r.target_id, r.since_ms) for r in requests]

    async def send_invitation(
        self, user_id: str, target_id: str, message: str, *, invitation_id: str, now_ms: int
    ) -> tuple[SendOutcome, InvitationRecord | None]:
        facts = self._invitation_facts(user_id, target_id, window_start(now_ms))
        outcome = send_outcome(target_id, facts)
        mine = facts.senders_record
        if outcome is not SendOutcome.SENT or mine is None:
            return outcome, None
        invitation = InvitationRecord(
            invitation_id, user_id, mine, target_id, message, InvitationStatus.PENDING.value, now_ms
        )
        self.graph.invitations[invitation_id] = invitation
        return SendOutcome.SENT, invitation

    async def respond_invitation(
        self, user_id: str, invitation_id: str, accept: bool, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        found = self.graph.invitations.get(invitation_id)
        party = found is not None and self.graph.claim_of.get(user_id) == found.to_researcher_id
        status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        return self._answer(found if party else None, status, now_ms)

    async def withdraw_invitation(
        self, user_id: str, invitation_id: str, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        found = self.graph.invitations.get(invitation_id)
        party = found is not None and found.sender_id == user_id
        return self._answer(found if party else None, InvitationStatus.WITHDRAWN, now_ms)

    def _answer(
        self, found: InvitationRecord | None, status: InvitationStatus, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        outcome = answer_outcome(found.status if found else None)
        if outcome is not AnswerOutcome.DONE or found is None:
            return outcome, found
        answered = dataclasses.replace(found, status=status.value, responded_ms=now_ms)
        self.graph.invitations[found.id] = answered
        return AnswerOutcome.DONE, answered

    async def invitations(
        self, requests: Sequence[InvitationsRequest]
    ) -> list[Page[InvitationRecord]]:
        pages = []
        for request in requests:
            claimed = self.graph.claim_of.get(request.user_id)
            mine = [
                i
                for i in self.graph.invitations.values()
                if (i.sender_id if request.role == "SENT" else i.to_researcher_id)
                == (request.user_id if request.role == "SENT" else claimed)
                and (request.status is None or i.status == request.status)
            ]
            rows = [PageRow(-i.created_ms, i) for i in mine]
            pages.append(paginate(rows, PageRequest(None, "", request.limit, request.after)))
        return pages

    # --- facets
    async def work_facets(self, requests: Sequence[FacetRequest]) -> list[list[FacetBucketRecord]]:
        return [facets.work_facet(self.graph, r) for r in requests]

    async def collaborator_institutions(
        self, requests: Sequence[InstitutionFacetRequest]
    ) -> list[list[FacetBucketRecord]]:
        return [
            facets.collaborator_institutions(self.graph, r.researcher_id, r.limit) for r in requests
        ]

    # --- similarity
    async def related_works(self, requests: Sequence[SimilarRequest]) -> list[list[SimilarRecord]]:
        return [similarity.related_works(self.graph, r.node_id, r.limit) for r in requests]

    async def similar_researchers(
        self, requests: Sequence[SimilarRequest]
    ) -> list[list[SimilarRecord]]:
        return [
            similarity.similar_researchers(self.graph, self.implied, r.node_id, r.limit)
            for r in requests
        ]

    # --- search
    async def search(self, requests: Sequence[SearchRequest]) -> list[SearchPage]:
        return [self._search(request) for request in requests]

    def _search(self, request: SearchRequest) -> SearchPage:
        hits: list[SearchHitRecord] = []
        total = 0
        shown = request.offset + request.limit  # of each kind, at most, reach the page
        for kind in request.kinds:
            index = self._search_index(kind)
            matches: Iterable[tuple[str, float]]
            if request.prefix_only:  # every term begins a word of the name (Lucene: 1 each)
                begun = sorted(index.begun(request.terms), key=self._label_order)
                matches = ((node_id, float(len(request.terms))) for node_id in begun)
            else:
                matches = index.ranked(request.terms)  # in `hit_order`
            kept = list(
                islice(
                    ((i, s) for i, s in matches if self._passes(kind, i, request.filter)),
                    SEARCH_WINDOW,
                )
            )
            total += len(kept)
            hits += [SearchHitRecord(self._node(i), score) for i, score in kept[:shown]]
        hits.sort(key=lambda hit: hit_order(hit, request.prefix_only))
        return SearchPage(hits[request.offset : shown], total)

    def _label_order(self, node_id: str) -> tuple[int, str]:
        """Type-ahead's order among equal scores, as `hit_order` has it."""
        return completion_length(self._label(node_id)), node_id

    def _passes(self, kind: NodeKind, node_id: str, wanted: SearchFilter | None) -> bool:
        if wanted is None:
            return True
        g = self.graph
        if kind is NodeKind.WORK:
            listing = (a.institution_ids for a in g.authors_of.get(node_id, {}).values())
            return (
                work_matches(g.works[node_id], wanted.works())
                and (wanted.topic_id is None or wanted.topic_id in g.topics_of.get(node_id, {}))
                and (
                    wanted.institution_id is None
                    or any(wanted.institution_id in i for i in listing)
                )
            )
        if kind is NodeKind.RESEARCHER:
            return (
                wanted.topic_id is None or wanted.topic_id in self.implied.topics_of(node_id)
            ) and (
                wanted.institution_id is None
                or wanted.institution_id in g.affiliations_of.get(node_id, {})
            )
        return True

    def _search_index(self, kind: NodeKind) -> KindIndex:
        """The index of `kind`'s words (its name or title, and its other text); built
        on first use after each load, or by `refresh` at the end of an import."""
        if kind not in self._indexes:
            records = self._named(kind)
            self._indexes[kind] = KindIndex(
                (node_id, tokens(label), tokens(*other))
                for node_id in sorted(records)
                for label, other in [_searched_text(records[node_id])]
            )
        return self._indexes[kind]

    def _named(self, kind: NodeKind) -> Mapping[str, Named]:
        """The records of a kind search finds, by id."""
        g = self.graph
        match kind:
            case NodeKind.RESEARCHER:
                return g.researchers
            case NodeKind.WORK:
                return g.works
            case NodeKind.TOPIC:
                return g.topics
            case _:
                return g.institutions

    # --- writes
    async def load(self, batch: GraphBatch, deferred: Touched | None = None) -> None:
        self.graph.load(batch)
        self._indexes.clear()
        self._implied = None

    async def refresh(self, touched: Touched) -> None:
        """What works imply and the search index, built once at the end of an import
        rather than by its first reads."""
        self._implied = Implied(self.graph)
        for kind in SEARCHED_KINDS:
            self._search_index(kind)

    @property
    def implied(self) -> Implied:
        """What the works imply, current: rebuilt on first use after a load."""
        if self._implied is None:
            self._implied = Implied(self.graph)
        return self._implied

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        return None


# A neighbour not built yet: its id, strength, edge (source, target, kind) and weight.
_Candidate = tuple[str, float, str, str, EdgeKind, float | None]


def _strongest_first(candidate: _Candidate) -> tuple[float, str]:
    return -candidate[1], candidate[0]


def _neighbour(
    node: GraphNodeRecord,
    source: str,
    target: str,
    kind: EdgeKind,
    weight: float | None,
    strength: float,
) -> NeighbourRecord:
    edge = EdgeRecord(source, target, kind, None if weight is None else float(weight))
    return NeighbourRecord(node=node, edge=edge, strength=float(strength))


Named = ResearcherRecord | WorkRecord | TopicRecord | InstitutionRecord


def _searched_text(record: Named) -> tuple[str | None, tuple[str | None, ...]]:
    """A record's label (its name or title) and its other text search reads."""
    match record:
        case WorkRecord():
            return record.title, (record.abstract,)
        case TopicRecord():
            return record.name, record.keywords or ()
        case _:
            return record.name, ()
