"""Facet buckets: counts of works (or people) by a property or a neighbour."""

from __future__ import annotations

import strawberry

from researchgraph.graphstore.facets import NEIGHBOUR_FACET_WORKS, FacetBucketRecord, WorkFacet

strawberry.enum(
    WorkFacet,
    description=(
        "What `groupBy` counts works by: YEAR and TYPE (key and label the value), TOPIC, "
        "VENUE, INSTITUTION (of the authors, as each authorship lists them) and AUTHOR "
        "(key the id, label the name). A work without the value is in no bucket; one "
        "with several is in each. YEAR and TYPE count every matching work; the others "
        f"at most the {NEIGHBOUR_FACET_WORKS:,} newest (`groupedWorks`)."
    ),
)


@strawberry.federation.type(
    shareable=True, description="One group of a facet: its works (or people) and their citations."
)
class FacetBucket:
    key: str = strawberry.field(description="The year or type, or the entity's id.")
    label: str = strawberry.field(description="The year or type, or the entity's name.")
    count: int = strawberry.field(description="Works in the group (collaborators: people).")
    citations: int = strawberry.field(description="Citations of the group's works.")

    @classmethod
    def from_record(cls, record: FacetBucketRecord) -> FacetBucket:
        return cls(
            key=record.key, label=record.label, count=record.count, citations=record.citations
        )
