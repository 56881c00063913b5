"""What every area of the in-memory store shares: the graph, what its works imply
(worked out once after a load), records as reads give them, and the labels of nodes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from researchgraph.graphstore.derived import Derived, derive
from researchgraph.graphstore.graph import GraphNodeRecord
from researchgraph.graphstore.ids import NodeKind, kind_of
from researchgraph.graphstore.memory.graph import MemoryGraph
from researchgraph.graphstore.memory.search_index import KindIndex
from researchgraph.graphstore.pages import (
    Page,
    PageRequest,
    PageRow,
    paginate,
    researcher_sort_key,
    work_matches,
    work_sort_key,
)
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    TopicRecord,
    WorkRecord,
)


class MemoryBase:
    """The state every area reads: the graph, and what is worked out from it once."""

    def __init__(self) -> None:
        self.graph = MemoryGraph()
        self._indexes: dict[NodeKind, KindIndex] = {}
        self._derived: Derived | None = None

    @property
    def derived(self) -> Derived:
        """What the works imply, current: rebuilt on first use after a load."""
        if self._derived is None:
            self._derived = derive(self.graph.work_facts())
        return self._derived

    def _researcher(self, researcher_id: str) -> ResearcherRecord | None:
        found = self.graph.researchers.get(researcher_id)
        if found is None or researcher_id not in self.graph.claimant_of:
            return found
        return dataclasses.replace(found, claimed=True)

    def _node(self, node_id: str) -> GraphNodeRecord:
        return GraphNodeRecord(node_id, kind_of(node_id), self._label(node_id))

    def _label(self, node_id: str) -> str | None:
        return searched_text(self._named(kind_of(node_id))[node_id])[0]

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

    def _work_page(self, work_ids: Iterable[str], request: PageRequest) -> Page[WorkRecord]:
        works = (self.graph.works[w] for w in work_ids)
        rows = [
            PageRow(work_sort_key(w, request.order), w)
            for w in works
            if work_matches(w, request.filter)
        ]
        return paginate(rows, request)

    def _researcher_page(self, ids: Iterable[str], request: PageRequest) -> Page[ResearcherRecord]:
        rows = []
        for researcher_id in ids:
            record = self._researcher(researcher_id)
            if record is None:
                continue
            works = len(self.graph.works_of.get(researcher_id, ()))
            citations = self.derived.citations[researcher_id]
            rows.append(PageRow(researcher_sort_key(works, citations, request.order), record))
        return paginate(rows, request)


Named = ResearcherRecord | WorkRecord | TopicRecord | InstitutionRecord


def searched_text(record: Named) -> tuple[str | None, tuple[str | None, ...]]:
    """A record's label (its name or title) and its other text search reads."""
    match record:
        case WorkRecord():
            return record.title, (record.abstract,)
        case TopicRecord():
            return record.name, record.keywords or ()
        case _:
            return record.name, ()
