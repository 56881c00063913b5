"""The in-memory store's reads of entities, relationships, pages of lists, facets and
neighbours by similarity, with the orderings and tie-breaks of the Neo4j store."""

from __future__ import annotations

from collections.abc import Sequence

from researchgraph.graphstore.external_ids import ExternalId
from researchgraph.graphstore.facets import FacetBucketRecord, FacetRequest, InstitutionFacetRequest
from researchgraph.graphstore.memory import facets, similarity, work_lists
from researchgraph.graphstore.memory.base import MemoryBase
from researchgraph.graphstore.ordering import (
    affiliation_order,
    authorship_order,
    collaboration_order,
    researcher_topic_order,
    work_topic_order,
)
from researchgraph.graphstore.pages import (
    Page,
    PageRequest,
    WorksPageRequest,
)
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    COAUTHOR_CAP,
    SHARED_WORKS_SHOWN,
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    InstitutionRecord,
    ResearcherRecord,
    ResearcherStats,
    ResearcherTopicRecord,
    SourceRecord,
    StatGroup,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.similarity import Similar, SimilarRequest


class Reads(MemoryBase):
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

    # --- relationships
    async def researcher_stats(self, requests: Sequence[StatsRequest]) -> list[ResearcherStats]:
        return [self._stats(r.researcher_id, r.groups) for r in requests]

    def _stats(self, researcher_id: str, groups: frozenset[StatGroup]) -> ResearcherStats:
        works = self.graph.works_of.get(researcher_id, set())
        counts: dict[str, int] = {}
        if StatGroup.WORKS in groups:
            counts["works"] = len(works)
            counts["citations"] = self.derived.citations[researcher_id]
        if StatGroup.TOPICS in groups:
            counts["topics"] = len(self.derived.topics_of(researcher_id))
        if StatGroup.NETWORK in groups:
            shared = self.derived.coauthors_of(researcher_id)
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
            counts = self.derived.topics_of(request.researcher_id)
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
                for c, s in self.derived.coauthors_of(request.researcher_id).items()
                if s.works >= request.min_shared
            ]
            result.append(sorted(found, key=collaboration_order)[: request.limit])
        return result

    async def coauthors(self, researcher_ids: Sequence[str]) -> list[list[str]]:
        return [sorted(self.derived.coauthors_of(i))[:COAUTHOR_CAP] for i in researcher_ids]

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

    async def institution_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        return [
            self._researcher_page(self.graph.members_of.get(r.owner or "", set()), r)
            for r in requests
        ]

    async def all_researchers(self, request: PageRequest) -> Page[ResearcherRecord]:
        return self._researcher_page(self.graph.researchers.keys(), request)

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
    async def related_works(
        self, requests: Sequence[SimilarRequest]
    ) -> list[list[Similar[WorkRecord]]]:
        return [similarity.related_works(self.graph, r.node_id, r.limit) for r in requests]

    async def similar_researchers(
        self, requests: Sequence[SimilarRequest]
    ) -> list[list[Similar[ResearcherRecord]]]:
        return [
            similarity.similar_researchers(
                self.graph, self.derived, r.node_id, r.limit, self._stored_researcher
            )
            for r in requests
        ]

    def _stored_researcher(self, researcher_id: str) -> ResearcherRecord:
        found = self._researcher(researcher_id)
        assert found is not None, "similar researchers are stored ones"
        return found
