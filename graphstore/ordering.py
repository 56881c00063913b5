"""Sort keys both stores apply to short relationship lists, so they agree exactly."""

from __future__ import annotations

from researchgraph.graphstore.graph import SLICE_KINDS, EdgeRecord, NeighbourRecord
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    ResearcherTopicRecord,
    WorkTopicRecord,
)

_KIND_RANK = {kind: rank for rank, kind in enumerate(SLICE_KINDS)}


def affiliation_order(a: AffiliationRecord) -> tuple[bool, int, str]:
    return (not a.current, -max(a.years, default=-1), a.institution_id)


def authorship_order(a: AuthorshipRecord) -> tuple[int, str]:
    return (a.position, a.researcher_id)


def work_topic_order(t: WorkTopicRecord) -> tuple[float, str]:
    return (-(t.score or 0.0), t.topic_id)


def researcher_topic_order(t: ResearcherTopicRecord) -> tuple[int, str]:
    return (-t.works, t.topic_id)


def collaboration_order(c: CollaborationRecord) -> tuple[int, int, str]:
    return (-c.shared_works, -(c.last_year if c.last_year is not None else -1), c.researcher_id)


def neighbour_order(n: NeighbourRecord) -> tuple[int, float, str]:
    return (_KIND_RANK[n.kind], -n.strength, n.id)


def edge_order(e: EdgeRecord) -> tuple[str, str, str]:
    return (e.kind, e.source, e.target)
