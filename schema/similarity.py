"""Neighbours by similarity and why: the shared things behind each score."""

from __future__ import annotations

import strawberry

from researchgraph.graphstore.similarity import WEIGHTS, Reason, ReasonKind

strawberry.enum(
    ReasonKind,
    name="SimilarityReasonKind",
    description=(
        "What two nodes share: references (works citing the same works), citing works "
        "(works cited together), topics, venues. Points per shared item: "
        + ", ".join(f"{kind.value} {weight}" for kind, weight in WEIGHTS.items())
        + "."
    ),
)


@strawberry.type(description="One kind of thing two nodes share, how many, and a few of them.")
class SimilarityReason:
    kind: ReasonKind
    count: int
    examples: list[strawberry.ID] = strawberry.field(
        description="The smallest ids of what is shared (works, topics or venues), at most 3."
    )

    @classmethod
    def from_record(cls, reason: Reason) -> SimilarityReason:
        return cls(
            kind=reason.kind,
            count=reason.count,
            examples=[strawberry.ID(i) for i in reason.examples],
        )
