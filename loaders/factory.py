"""The loaders of one request, each built on first use, so results are cached within
that request only (a write in it clears them; the next request starts cold) and a
request pays only for the loaders it uses."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.decisions import InvitationFacts
from researchgraph.graphstore.external_ids import ExternalId
from researchgraph.graphstore.facets import FacetBucketRecord, FacetRequest, InstitutionFacetRequest
from researchgraph.graphstore.graph import SliceDrawing, SliceRequest
from researchgraph.graphstore.pages import Page
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    FollowersPage,
    FollowersRequest,
    InstitutionRecord,
    InvitationFactsRequest,
    InvitationRecord,
    InvitationsRequest,
    ResearcherRecord,
    ResearcherStats,
    ResearcherTopicRecord,
    SourceRecord,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.search import SearchPage, SearchRequest
from researchgraph.graphstore.similarity import Similar, SimilarRequest
from researchgraph.loaders.base import BatchLoader
from researchgraph.loaders.entities import ResearcherViewLoader
from researchgraph.loaders.neighbours import NeighboursByNodeLoader
from researchgraph.loaders.pages import (
    FollowedByUserLoader,
    ResearchersByInstitutionLoader,
    ResearchersPageLoader,
    WorkPagesLoader,
)
from researchgraph.loaders.planned import (
    PlannedOwnersLoader,
    PlannedResearchersLoader,
    PlannedWorksLoader,
)


class Loaders:
    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @cached_property
    def researcher(self) -> BatchLoader[str, ResearcherRecord | None]:
        return BatchLoader(self.store, self.store.researchers)

    @cached_property
    def researcher_view(self) -> ResearcherViewLoader:
        return ResearcherViewLoader(self.store, self.researcher)

    @cached_property
    def work(self) -> BatchLoader[str, WorkRecord | None]:
        return BatchLoader(self.store, self.store.works)

    @cached_property
    def topic(self) -> BatchLoader[str, TopicRecord | None]:
        return BatchLoader(self.store, self.store.topics)

    @cached_property
    def institution(self) -> BatchLoader[str, InstitutionRecord | None]:
        return BatchLoader(self.store, self.store.institutions)

    @cached_property
    def source(self) -> BatchLoader[str, SourceRecord | None]:
        return BatchLoader(self.store, self.store.sources)

    @cached_property
    def external_ids(self) -> BatchLoader[ExternalId, str | None]:
        return BatchLoader(self.store, self.store.resolve_external_ids)

    @cached_property
    def work_facets(self) -> BatchLoader[FacetRequest, list[FacetBucketRecord]]:
        return BatchLoader(self.store, self.store.work_facets)

    @cached_property
    def collaborator_institutions(
        self,
    ) -> BatchLoader[InstitutionFacetRequest, list[FacetBucketRecord]]:
        return BatchLoader(self.store, self.store.collaborator_institutions)

    @cached_property
    def followers(self) -> BatchLoader[FollowersRequest, FollowersPage]:
        return BatchLoader(self.store, self.store.followers)

    @cached_property
    def related_works(self) -> BatchLoader[SimilarRequest, list[Similar[WorkRecord]]]:
        return BatchLoader(self.store, self.store.related_works)

    @cached_property
    def similar_researchers(self) -> BatchLoader[SimilarRequest, list[Similar[ResearcherRecord]]]:
        return BatchLoader(self.store, self.store.similar_researchers)

    @cached_property
    def stats(self) -> BatchLoader[StatsRequest, ResearcherStats]:
        return BatchLoader(self.store, self.store.researcher_stats)

    @cached_property
    def affiliations(self) -> BatchLoader[str, list[AffiliationRecord]]:
        return BatchLoader(self.store, self.store.affiliations)

    @cached_property
    def authorships(self) -> BatchLoader[str, list[AuthorshipRecord]]:
        return BatchLoader(self.store, self.store.authorships)

    @cached_property
    def work_topics(self) -> BatchLoader[str, list[WorkTopicRecord]]:
        return BatchLoader(self.store, self.store.work_topics)

    @cached_property
    def researcher_topics(self) -> BatchLoader[TopicsRequest, list[ResearcherTopicRecord]]:
        return BatchLoader(self.store, self.store.researcher_topics)

    @cached_property
    def collaborators(self) -> BatchLoader[CollaboratorsRequest, list[CollaborationRecord]]:
        return BatchLoader(self.store, self.store.collaborators)

    @cached_property
    def coauthors(self) -> BatchLoader[str, list[str]]:
        return BatchLoader(self.store, self.store.coauthors)

    @cached_property
    def shared_works(self) -> BatchLoader[tuple[str, str], list[str]]:
        return BatchLoader(self.store, self.store.shared_works)

    @cached_property
    def work_pages(self) -> WorkPagesLoader:
        return WorkPagesLoader(self.store, self.work)

    @cached_property
    def institution_researchers(self) -> ResearchersByInstitutionLoader:
        return ResearchersByInstitutionLoader(self.store, self.researcher)

    @cached_property
    def researchers_page(self) -> ResearchersPageLoader:
        return ResearchersPageLoader(self.store, self.researcher)

    @cached_property
    def neighbours(self) -> NeighboursByNodeLoader:
        return NeighboursByNodeLoader(self.store)

    @cached_property
    def slice_drawings(self) -> BatchLoader[SliceRequest, SliceDrawing]:
        return BatchLoader(self.store, self.store.draw_slices)

    @cached_property
    def search(self) -> BatchLoader[SearchRequest, SearchPage]:
        return BatchLoader(self.store, self.store.search)

    @cached_property
    def follows(self) -> BatchLoader[tuple[str, str], bool]:
        return BatchLoader(self.store, self.store.following)

    @cached_property
    def claims(self) -> BatchLoader[str, str | None]:
        return BatchLoader(self.store, self.store.claims)

    @cached_property
    def followed(self) -> FollowedByUserLoader:
        return FollowedByUserLoader(self.store, self.researcher)

    @cached_property
    def invitation_facts(self) -> BatchLoader[InvitationFactsRequest, InvitationFacts]:
        return BatchLoader(self.store, self.store.invitation_facts)

    @cached_property
    def invitations(self) -> BatchLoader[InvitationsRequest, Page[InvitationRecord]]:
        return BatchLoader(self.store, self.store.invitations)

    # Roots with their planned reads; they prime the loaders above.
    @cached_property
    def planned_researchers(self) -> PlannedResearchersLoader:
        return PlannedResearchersLoader(self.store, self)

    @cached_property
    def planned_works(self) -> PlannedWorksLoader:
        return PlannedWorksLoader(self.store, self)

    @cached_property
    def planned_owners(self) -> PlannedOwnersLoader:
        return PlannedOwnersLoader(self.store, self)

    def clear_all(self) -> None:
        """Forget everything cached; called after a write in the same request."""
        for built in vars(self).values():
            if isinstance(built, DataLoader):
                built.clear_all()

    def release(self) -> None:
        """Drop every loader once the request is answered. The planned loaders and
        this object refer to each other, so without this all a page read waits for
        the cycle collector, whose passes over it cost a tenth of a page's CPU; a
        load after it starts a cold loader."""
        for name, built in list(vars(self).items()):
            if isinstance(built, DataLoader):
                built.clear_all()
                del self.__dict__[name]


def build_loaders(store: GraphStore) -> Loaders:
    return Loaders(store)
