"""The Query root."""

from typing import Annotated

import strawberry

from researchgraph.graphstore.ids import NodeKind as StoreNodeKind
from researchgraph.resolvers import catalog, nodes, researchers, slices, works
from researchgraph.resolvers import paths as path_resolvers
from researchgraph.resolvers import search as search_resolvers
from researchgraph.resolvers.errors import NotFound
from researchgraph.resolvers.limits import MAX_FIRST, MAX_NODES, MAX_SLICE_NODES
from researchgraph.resolvers.search import MAX_COMPLETIONS, MAX_RESULTS
from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.connections import ResearcherConnection
from researchgraph.schema.context import PERSONAL, Info, root_plans
from researchgraph.schema.entities import node_from_record
from researchgraph.schema.enums import ResearcherOrder, SliceKind
from researchgraph.schema.graph import GraphSlice
from researchgraph.schema.nodes import Node
from researchgraph.schema.paths import CollaborationPath
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.search import SearchConnection, SearchFilter, SearchHit
from researchgraph.schema.users import Viewer
from researchgraph.schema.works import Source, Work

EXTERNAL_IDS = (
    "an OpenAlex URL, a work's DOI or arXiv id, a researcher's ORCID, an institution's ROR id"
)


def _store_kinds(kinds: list[SliceKind] | None) -> list[StoreNodeKind] | None:
    return [k.to_store() for k in kinds] if kinds else None


@strawberry.type
class Query:
    @strawberry.field(
        description=(
            "Any entity by id (the prefix A, W, T, I, S names its kind) or by an id people "
            f"already hold: {EXTERNAL_IDS}."
        )
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = await nodes.node(info.context, id, root_plans(info))
        return node_from_record(found) if found else None

    @strawberry.field(
        description=(
            f"Entities by id, as `node` takes them, at most {MAX_NODES}: in the order "
            "asked, null for an id no entity has."
        )
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        found = await nodes.nodes(info.context, list(ids), root_plans(info))
        return [node_from_record(record) if record else None for record in found]

    @strawberry.field(
        description=(
            "Researchers by name, works by title and abstract, topics and institutions by "
            f"name; typo-tolerant and prefix-matching. `first` at most {MAX_RESULTS}."
        )
    )
    async def search(
        self,
        info: Info,
        query: str,
        kinds: list[SliceKind] | None = None,
        first: int = 10,
        filter: SearchFilter | None = None,
    ) -> list[SearchHit]:
        found = await search_resolvers.search(
            info.context, query, _store_kinds(kinds), first, filter.to_store() if filter else None
        )
        return [SearchHit.from_record(hit) for hit in found]

    @strawberry.field(
        description=(
            "`search` in pages: `totalCount`, and edges with their `score` and `highlights`; "
            f"`first` at most {MAX_RESULTS}."
        )
    )
    async def search_connection(
        self,
        info: Info,
        query: str,
        kinds: list[SliceKind] | None = None,
        filter: SearchFilter | None = None,
        first: int = 10,
        after: str | None = None,
    ) -> SearchConnection:
        terms, page = await search_resolvers.search_page(
            info.context,
            query,
            _store_kinds(kinds),
            filter.to_store() if filter else None,
            first,
            after,
        )
        return SearchConnection.from_record(terms, page)

    @strawberry.field(
        description=(
            "Type-ahead: nodes whose name (a work's title) has a word beginning with each "
            "word of `query`, best and then shortest first; `first` at most "
            f"{MAX_COMPLETIONS}."
        )
    )
    async def autocomplete(
        self, info: Info, query: str, kinds: list[SliceKind] | None = None, first: int = 5
    ) -> list[SearchHit]:
        found = await search_resolvers.autocomplete(info.context, query, _store_kinds(kinds), first)
        return [SearchHit.from_record(hit) for hit in found]

    @strawberry.field(
        description=(
            "The shortest co-authorship chain between two researchers, at most `maxHops` "
            "(1-6) links; null when there is none within that bound."
        )
    )
    async def collaboration_path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 4,
    ) -> CollaborationPath | None:
        found = await path_resolvers.collaboration_path(info.context, from_, to, max_hops)
        return CollaborationPath.from_record(found) if found else None

    @strawberry.federation.field(
        tags=[PERSONAL], description="The signed-in user; null when anonymous."
    )
    def viewer(self, info: Info) -> Viewer | None:
        viewer_id = info.context.viewer_id
        return Viewer(id=strawberry.ID(viewer_id)) if viewer_id else None

    @strawberry.field(
        description=(
            "A researcher (OpenAlex author) by id, e.g. A5023888391, its OpenAlex URL or an "
            "ORCID (0000-0002-1825-0097, orcid:…, https://orcid.org/…)."
        )
    )
    async def researcher(self, info: Info, id: strawberry.ID) -> Researcher | None:
        found = await researchers.researcher(info.context, id, root_plans(info))
        return Researcher.from_record(found) if found else None

    @strawberry.field(description=f"All researchers; `first` at most {MAX_FIRST}.")
    async def researchers(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        order_by: ResearcherOrder = ResearcherOrder.WORKS_DESC,
    ) -> ResearcherConnection:
        found = await researchers.researchers(info.context, first, after, order_by)
        return ResearcherConnection.from_record(found)

    @strawberry.field(
        description=(
            "A work by id, e.g. W2741809807, its OpenAlex URL, a DOI (10.…, doi:10.…, "
            "https://doi.org/10.…; any case) or an arXiv id (arxiv:2301.01234, with or "
            "without a version)."
        )
    )
    async def work(self, info: Info, id: strawberry.ID) -> Work | None:
        found = await works.work(info.context, id, root_plans(info))
        return Work.from_record(found) if found else None

    @strawberry.field(description="A topic by id, e.g. T10012, or its OpenAlex URL.")
    async def topic(self, info: Info, id: strawberry.ID) -> Topic | None:
        found = await catalog.topic(info.context, id, root_plans(info))
        return Topic.from_record(found) if found else None

    @strawberry.field(
        description=(
            "An institution by id, e.g. I136199984, its OpenAlex URL or a ROR id "
            "(https://ror.org/03vek6s52, ror:03vek6s52, 03vek6s52)."
        )
    )
    async def institution(self, info: Info, id: strawberry.ID) -> Institution | None:
        found = await catalog.institution(info.context, id, root_plans(info))
        return Institution.from_record(found) if found else None

    @strawberry.field(description="A venue (journal, repository, conference) by id.")
    async def source(self, info: Info, id: strawberry.ID) -> Source | None:
        found = await catalog.source(info.context, id, root_plans(info))
        return Source.from_record(found) if found else None

    @strawberry.field(
        description=(
            "The neighbourhood of any researcher, work, topic or institution: depth 1-2, "
            f"at most `limit` (max {MAX_SLICE_NODES}) nodes."
        )
    )
    async def graph_slice(
        self,
        info: Info,
        center: strawberry.ID,
        depth: int = 1,
        limit: int = 100,
        kinds: list[SliceKind] | None = None,
    ) -> GraphSlice:
        found = await slices.graph_slice(info.context, center, depth, limit, _store_kinds(kinds))
        if found is None:
            raise NotFound(f"No node has id `{center}`.", argument="center")
        return GraphSlice.from_record(found)
