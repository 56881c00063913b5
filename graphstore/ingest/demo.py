"""The bundled demo dataset of the embedded default: synthetic, skewed, deterministic."""

from __future__ import annotations

from collections.abc import Callable

from researchgraph.graphstore.ingest import openalex
from researchgraph.graphstore.ingest.synthetic import Scale, generate
from researchgraph.graphstore.records import GraphBatch

DEMO_SCALE = Scale(researchers=600, works=900)
DEMO_SEED = 2026
# The most prolific author of the demo data: the id the README suggests trying.
DEMO_RESEARCHER_ID = "A9000000001"


def _institution(entity: openalex.Entity) -> GraphBatch:
    return GraphBatch(institutions=[openalex.institution(entity)])


def _topic(entity: openalex.Entity) -> GraphBatch:
    return GraphBatch(topics=[openalex.topic(entity)])


def _source(entity: openalex.Entity) -> GraphBatch:
    return GraphBatch(sources=[openalex.source(entity)])


_MAPPERS: dict[str, Callable[[openalex.Entity], GraphBatch]] = {
    "authors": openalex.author,
    "works": openalex.work,
    "institutions": _institution,
    "topics": _topic,
    "sources": _source,
}


def demo_batch() -> GraphBatch:
    return openalex.merge(
        _MAPPERS[kind](entity) for kind, entity in generate(DEMO_SCALE, DEMO_SEED)
    )
