"""The bundled demo dataset of the embedded default: synthetic, skewed, deterministic."""

from __future__ import annotations

from researchgraph.graphstore.ingest import openalex
from researchgraph.graphstore.ingest.synthetic import Scale, generate
from researchgraph.graphstore.records import GraphBatch

DEMO_SCALE = Scale(researchers=600, works=900)
DEMO_SEED = 2026
# The most prolific author of the demo data: the id the README suggests trying.
DEMO_RESEARCHER_ID = "A9000000001"

_MAPPERS = {
    "authors": openalex.author,
    "works": openalex.work,
    "institutions": lambda e: GraphBatch(institutions=[openalex.institution(e)]),
    "topics": lambda e: GraphBatch(topics=[openalex.topic(e)]),
    "sources": lambda e: GraphBatch(sources=[openalex.source(e)]),
}


def demo_batch() -> GraphBatch:
    return openalex.merge(
        _MAPPERS[kind](entity) for kind, entity in generate(DEMO_SCALE, DEMO_SEED)
    )
