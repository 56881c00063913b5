"""Builds every loader for one request, so results are cached within that request
only (a write in it clears them; the next request starts cold)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from aiodataloader import DataLoader

from researchgraph.graphstore import GraphStore
from researchgraph.loaders.entities import (
    InstitutionByIdLoader,
    ResearcherByIdLoader,
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
    StatsByResearcherIdLoader,
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


@dataclass(frozen=True)
class Loaders:
    researcher: ResearcherByIdLoader
    work: WorkByIdLoader
    topic: TopicByIdLoader
    institution: InstitutionByIdLoader
    source: SourceByIdLoader
    stats: StatsByResearcherIdLoader
    affiliations: AffiliationsByResearcherIdLoader
    authorships: AuthorshipsByWorkIdLoader
    work_topics: TopicsByWorkIdLoader
    researcher_topics: TopicsByResearcherLoader
    collaborators: CollaboratorsByResearcherLoader
    coauthors: CoauthorsByResearcherIdLoader
    shared_works: SharedWorksByPairLoader
    researcher_works: WorksByResearcherLoader
    topic_works: WorksByTopicLoader
    references: ReferencesByWorkLoader
    citations: CitationsByWorkLoader
    institution_researchers: ResearchersByInstitutionLoader
    researchers_page: ResearchersPageLoader
    neighbours: NeighboursByNodeLoader
    edges_among: EdgesAmongNodesLoader
    search: HitsBySearchLoader
    follows: FollowsByPairLoader
    claims: ClaimByUserIdLoader
    followed: FollowedByUserLoader
    invitations: InvitationsByUserLoader
    # Roots with their planned reads; they prime the loaders above.
    planned_researchers: PlannedResearchersLoader = field(init=False)
    planned_works: PlannedWorksLoader = field(init=False)

    def __post_init__(self) -> None:
        store = self.researcher.store
        object.__setattr__(self, "planned_researchers", PlannedResearchersLoader(store, self))
        object.__setattr__(self, "planned_works", PlannedWorksLoader(store, self))

    def clear_all(self) -> None:
        """Forget everything cached; called after a write in the same request."""
        for each in fields(self):
            loader: DataLoader[object, object] = getattr(self, each.name)
            loader.clear_all()


def build_loaders(store: GraphStore) -> Loaders:
    researcher = ResearcherByIdLoader(store)
    work = WorkByIdLoader(store)
    return Loaders(
        researcher=researcher,
        work=work,
        topic=TopicByIdLoader(store),
        institution=InstitutionByIdLoader(store),
        source=SourceByIdLoader(store),
        stats=StatsByResearcherIdLoader(store),
        affiliations=AffiliationsByResearcherIdLoader(store),
        authorships=AuthorshipsByWorkIdLoader(store),
        work_topics=TopicsByWorkIdLoader(store),
        researcher_topics=TopicsByResearcherLoader(store),
        collaborators=CollaboratorsByResearcherLoader(store),
        coauthors=CoauthorsByResearcherIdLoader(store),
        shared_works=SharedWorksByPairLoader(store),
        researcher_works=WorksByResearcherLoader(store, work),
        topic_works=WorksByTopicLoader(store, work),
        references=ReferencesByWorkLoader(store, work),
        citations=CitationsByWorkLoader(store, work),
        institution_researchers=ResearchersByInstitutionLoader(store, researcher),
        researchers_page=ResearchersPageLoader(store, researcher),
        neighbours=NeighboursByNodeLoader(store),
        edges_among=EdgesAmongNodesLoader(store),
        search=HitsBySearchLoader(store),
        follows=FollowsByPairLoader(store),
        claims=ClaimByUserIdLoader(store),
        followed=FollowedByUserLoader(store, researcher),
        invitations=InvitationsByUserLoader(store),
    )
