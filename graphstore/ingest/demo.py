"""The bundled demo dataset of the embedded default: synthetic, skewed, deterministic."""

from __future__ import annotations

from researchgraph.graphstore.ingest import openalex
from researchgraph.graphstore.ingest.synthetic import DEMO_FIRST_ID, Scale, generate
from researchgraph.graphstore.records import GraphBatch

DEMO_SCALE = Scale(
    researchers=600,
    works=900,
    productivity_alpha=1.5,
    productivity_cap=12.0,
    first_id=DEMO_FIRST_ID,
)
DEMO_SEED = 2026
# The most prolific author of the demo data: the id the README suggests trying.
DEMO_RESEARCHER_ID = f"A{DEMO_FIRST_ID}"


def demo_batch() -> GraphBatch:
    return openalex.merge(
        openalex.MAPPERS[kind](entity) for kind, entity in generate(DEMO_SCALE, DEMO_SEED)
    )
