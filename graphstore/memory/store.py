"""The in-memory `GraphStore`: the embedded default, answering every batch read
from `MemoryGraph` with exactly the orderings and tie-breaks of the Neo4j store. Each
area is a module of its own (`reads`, `neighbours`, `users`, `searching`)."""

from __future__ import annotations

from collections.abc import Sequence

from researchgraph.graphstore import plans
from researchgraph.graphstore.derived import derive
from researchgraph.graphstore.memory.neighbours import Neighbours
from researchgraph.graphstore.memory.reads import Reads
from researchgraph.graphstore.memory.searching import Searching
from researchgraph.graphstore.memory.users import Users
from researchgraph.graphstore.plans import OwnerPlan, Prefetched, ResearcherPlan, WorkPlan
from researchgraph.graphstore.records import GraphBatch
from researchgraph.graphstore.search import SEARCHED_KINDS
from researchgraph.graphstore.touched import Touched


class MemoryStore(Reads, Neighbours, Users, Searching):
    async def prefetch_researchers(self, ids: Sequence[str], plan: ResearcherPlan) -> Prefetched:
        return await plans.read_plan(self, ids, plan)

    async def prefetch_works(self, ids: Sequence[str], plan: WorkPlan) -> Prefetched:
        return await plans.read_work_plan(self, ids, plan)

    async def prefetch_owners(self, ids: Sequence[str], plan: OwnerPlan) -> Prefetched:
        return await plans.read_owner_plan(self, ids, plan)

    # --- writes
    async def load(self, batch: GraphBatch, deferred: Touched | None = None) -> None:
        self.graph.load(batch)
        self._indexes.clear()
        self._derived = None

    async def refresh(self, touched: Touched) -> None:
        """What works imply and the search index, built once at the end of an import
        rather than by its first reads."""
        self._derived = derive(self.graph.work_facts())
        for kind in SEARCHED_KINDS:
            self._search_index(kind)

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        return None
