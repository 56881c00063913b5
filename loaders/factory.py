"""The loaders of one request, each built on first use, so results are cached within
that request only (a write in it clears them; the next request starts cold) and a
request pays only for the loaders it uses."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.loaders.entities import (
    InstitutionByIdLoader,
    ResearcherByIdLoader,
    ResearcherViewLoader,
    SourceByIdLoader,
    TopicByIdLoader,
    WorkByIdLoader,
)
from researchgraph.loaders.graph import EdgesAmongNodesLoader, NeighboursByNodeLoader
from researchgraph.loaders.pages import (
    CitationsByWorkLoader,
    ReferencesByWorkLoader,
    ResearchersByInstitutionLoader,
    ResearchersPageLoader,
    WorksByResearcherLoader,
    WorksByTopicLoader,
)
from researchgraph.loaders.planned import PlannedResearchersLoader, PlannedWorksLoader
from researchgraph.loaders.relations import (
    AffiliationsByResearcherIdLoader,
    AuthorshipsByWorkIdLoader,
    CoauthorsByResearcherIdLoader,
    CollaboratorsByResearcherLoader,
    SharedWorksByPairLoader,
    StatsLoader,
    TopicsByResearcherLoader,
    TopicsByWorkIdLoader,
)
from researchgraph.loaders.search import HitsBySearchLoader
from researchgraph.loaders.users import (
    ClaimByUserIdLoader,
    FollowedByUserLoader,
    FollowsByPairLoader,
    InvitationsByUserLoader,
)


class Loaders:
    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @cached_property
    def researcher(self) -> ResearcherByIdLoader:
        return ResearcherByIdLoader(self.store)

    @cached_property
    def researcher_view(self) -> ResearcherViewLoader:
        return ResearcherViewLoader(self.store, self.researcher)

    @cached_property
    def work(self) -> WorkByIdLoader:
        return WorkByIdLoader(self.store)

    @cached_property
    def topic(self) -> TopicByIdLoader:
        return TopicByIdLoader(self.store)

    @cached_property
    def institution(self) -> InstitutionByIdLoader:
        return InstitutionByIdLoader(self.store)

    @cached_property
    def source(self) -> SourceByIdLoader:
        return SourceByIdLoader(self.store)

    @cached_property
    def stats(self) -> StatsLoader:
        return StatsLoader(self.store)

    @cached_property
    def affiliations(self) -> AffiliationsByResearcherIdLoader:
        return AffiliationsByResearcherIdLoader(self.store)

    @cached_property
    def authorships(self) -> AuthorshipsByWorkIdLoader:
        return AuthorshipsByWorkIdLoader(self.store)

    @cached_property
    def work_topics(self) -> TopicsByWorkIdLoader:
        return TopicsByWorkIdLoader(self.store)

    @cached_property
    def researcher_topics(self) -> TopicsByResearcherLoader:
        return TopicsByResearcherLoader(self.store)

    @cached_property
    def collaborators(self) -> CollaboratorsByResearcherLoader:
        return CollaboratorsByResearcherLoader(self.store)

    @cached_property
    def coauthors(self) -> CoauthorsByResearcherIdLoader:
        return CoauthorsByResearcherIdLoader(self.store)

    @cached_property
    def shared_works(self) -> SharedWorksByPairLoader:
        return SharedWorksByPairLoader(self.store)

    @cached_property
    def researcher_works(self) -> WorksByResearcherLoader:
        return WorksByResearcherLoader(self.store, self.work)

    @cached_property
    def topic_works(self) -> WorksByTopicLoader:
        return WorksByTopicLoader(self.store, self.work)

    @cached_property
    def references(self) -> ReferencesByWorkLoader:
        return ReferencesByWorkLoader(self.store, self.work)

    @cached_property
    def citations(self) -> CitationsByWorkLoader:
        return CitationsByWorkLoader(self.store, self.work)

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
    def edges_among(self) -> EdgesAmongNodesLoader:
        return EdgesAmongNodesLoader(self.store)

    @cached_property
    def search(self) -> HitsBySearchLoader:
        return HitsBySearchLoader(self.store)

    @cached_property
    def follows(self) -> FollowsByPairLoader:
        return FollowsByPairLoader(self.store)

    @cached_property
    def claims(self) -> ClaimByUserIdLoader:
        return ClaimByUserIdLoader(self.store)

    @cached_property
    def followed(self) -> FollowedByUserLoader:
        return FollowedByUserLoader(self.store, self.researcher)

    @cached_property
    def invitations(self) -> InvitationsByUserLoader:
        return InvitationsByUserLoader(self.store)

    # Roots with their planned reads; they prime the loaders above.
    @cached_property
    def planned_researchers(self) -> PlannedResearchersLoader:
        return PlannedResearchersLoader(self.store, self)

    @cached_property
    def planned_works(self) -> PlannedWorksLoader:
        return PlannedWorksLoader(self.store, self)

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
