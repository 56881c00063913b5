"""The in-memory graph: entities by id plus adjacency indexes in both directions,
loaded with the same rules as the Neo4j store: versions of a record combine as
`graphstore.merge` says, relationships to unknown nodes are skipped, and a citation
of a work not loaded yet waits for that work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from researchgraph.graphstore.derived import WorkFacts
from researchgraph.graphstore.external_ids import ExternalId, Scheme
from researchgraph.graphstore.merge import fill, merge_into
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    GraphBatch,
    InstitutionRecord,
    InvitationRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)


class MemoryGraph:
    def __init__(self) -> None:
        self.researchers: dict[str, ResearcherRecord] = {}
        self.works: dict[str, WorkRecord] = {}
        self.topics: dict[str, TopicRecord] = {}
        self.institutions: dict[str, InstitutionRecord] = {}
        self.sources: dict[str, SourceRecord] = {}
        self.authors_of: dict[str, dict[str, AuthorshipRecord]] = defaultdict(dict)
        self.works_of: dict[str, set[str]] = defaultdict(set)
        self.topics_of: dict[str, dict[str, WorkTopicRecord]] = defaultdict(dict)
        self.works_about: dict[str, set[str]] = defaultdict(set)
        self.references_of: dict[str, set[str]] = defaultdict(set)
        self.citations_of: dict[str, set[str]] = defaultdict(set)
        self.pending_citations: dict[str, set[str]] = defaultdict(set)  # cited -> citing
        self.works_in: dict[str, set[str]] = defaultdict(set)  # source -> works (any venue id)
        self.venue_indexed: dict[str, str] = {}  # work -> the venue it is indexed under
        # The institutions a work's authors list on it (those loaded), and back.
        self.listed_institutions: dict[str, set[str]] = {}
        self.works_at: dict[str, set[str]] = defaultdict(set)
        self.affiliations_of: dict[str, dict[str, AffiliationRecord]] = defaultdict(dict)
        self.members_of: dict[str, set[str]] = defaultdict(set)
        self.followers_of: dict[str, set[str]] = defaultdict(set)
        self.followed_by: dict[str, set[str]] = defaultdict(set)  # user -> researchers
        self.followed_since: dict[tuple[str, str], int] = {}  # (user, researcher) -> ms
        self.claimant_of: dict[str, str] = {}  # researcher -> user
        self.claim_of: dict[str, str] = {}  # user -> researcher
        self.invitations: dict[str, InvitationRecord] = {}
        # External id -> the nodes that have carried it (a merge may since have changed it).
        self.holders: dict[ExternalId, set[str]] = defaultdict(set)

    def load(self, batch: GraphBatch) -> None:
        merge_into(self.researchers, batch.researchers)
        merge_into(self.topics, batch.topics)
        merge_into(self.institutions, batch.institutions)
        merge_into(self.sources, batch.sources)
        merge_into(self.researchers, batch.researcher_mentions, fill)
        merge_into(self.topics, batch.topic_mentions, fill)
        merge_into(self.institutions, batch.institution_mentions, fill)
        merge_into(self.sources, batch.source_mentions, fill)
        merge_into(self.works, batch.works)
        self._index_external_ids(batch)
        for work in batch.works:
            for citing in self.pending_citations.pop(work.id, set()):
                self._cite(citing, work.id)
            self._index_venue(work.id)
        authored = set()
        for authorship in batch.authorships:
            if authorship.researcher_id in self.researchers and authorship.work_id in self.works:
                self.authors_of[authorship.work_id][authorship.researcher_id] = authorship
                self.works_of[authorship.researcher_id].add(authorship.work_id)
                authored.add(authorship.work_id)
        for work_id in authored:
            self._index_institutions(work_id)
        for about in batch.work_topics:
            if about.work_id in self.works and about.topic_id in self.topics:
                self.topics_of[about.work_id][about.topic_id] = about
                self.works_about[about.topic_id].add(about.work_id)
        for citation in batch.citations:
            if citation.citing_id not in self.works or citation.citing_id == citation.cited_id:
                continue
            if citation.cited_id in self.works:
                self._cite(citation.citing_id, citation.cited_id)
            else:
                self.pending_citations[citation.cited_id].add(citation.citing_id)
        for affiliation in batch.affiliations:
            if (
                affiliation.researcher_id in self.researchers
                and affiliation.institution_id in self.institutions
            ):
                self.affiliations_of[affiliation.researcher_id][affiliation.institution_id] = (
                    affiliation
                )
                self.members_of[affiliation.institution_id].add(affiliation.researcher_id)

    def _index_external_ids(self, batch: GraphBatch) -> None:
        """The ids the batch's records leave on their nodes. A record without one
        cannot change a node's (`graphstore.merge` keeps the value it has), so only
        records with one are looked at: most mentions carry none new."""
        for work in batch.works:
            held = self.works[work.id]
            for scheme, given, value in (
                (Scheme.DOI, work.doi, held.doi),
                (Scheme.ARXIV, work.arxiv_id, held.arxiv_id),
            ):
                if given and value:
                    self.holders[ExternalId(scheme, value)].add(work.id)
        for researcher in (*batch.researchers, *batch.researcher_mentions):
            if researcher.orcid and (orcid := self.researchers[researcher.id].orcid):
                self.holders[ExternalId(Scheme.ORCID, orcid)].add(researcher.id)
        for institution in (*batch.institutions, *batch.institution_mentions):
            if institution.ror and (ror := self.institutions[institution.id].ror):
                self.holders[ExternalId(Scheme.ROR, ror)].add(institution.id)

    def holder(self, key: ExternalId) -> str | None:
        """The smallest id of the nodes that hold `key` now (as the Neo4j store answers)."""
        return min((i for i in self.holders.get(key, ()) if self._holds(i, key)), default=None)

    def _holds(self, node_id: str, key: ExternalId) -> bool:
        match key.scheme:
            case Scheme.DOI:
                return self.works[node_id].doi == key.value
            case Scheme.ARXIV:
                return self.works[node_id].arxiv_id == key.value
            case Scheme.ORCID:
                return self.researchers[node_id].orcid == key.value
            case Scheme.ROR:
                return self.institutions[node_id].ror == key.value

    def work_facts(self) -> Iterator[WorkFacts]:
        """Each authored work as what it implies is derived from (`graphstore.derived`)."""
        for work_id, authors in self.authors_of.items():
            work = self.works[work_id]
            about = self.topics_of.get(work_id, {}).keys()
            yield WorkFacts(work_id, work.year, work.citation_count, authors.keys(), about)

    def _index_venue(self, work_id: str) -> None:
        """As `writes.UPSERT_WORKS` keeps PUBLISHED_IN: the venue the merged record
        names, in place of the one before."""
        venue = self.works[work_id].venue_id
        before = self.venue_indexed.get(work_id)
        if venue == before or venue is None:
            return
        if before is not None:
            self.works_in[before].discard(work_id)
        self.works_in[venue].add(work_id)
        self.venue_indexed[work_id] = venue

    def _index_institutions(self, work_id: str) -> None:
        """As `writes.LINK_WORK_INSTITUTIONS`: the loaded institutions that the
        work's authorships list now."""
        listed = {
            i
            for authorship in self.authors_of[work_id].values()
            for i in authorship.institution_ids
            if i in self.institutions
        }
        for dropped in self.listed_institutions.get(work_id, set()) - listed:
            self.works_at[dropped].discard(work_id)
        for institution_id in listed:
            self.works_at[institution_id].add(work_id)
        self.listed_institutions[work_id] = listed

    def _cite(self, citing: str, cited: str) -> None:
        self.references_of[citing].add(cited)
        self.citations_of[cited].add(citing)
