"""What a schema field tells the read planner (`resolvers.planning`), as its Strawberry
field metadata, so the planner walks the schema instead of tables of field names:

- `PLANS`: the relationship reading the field reads (`Planned`), which the planner
  asks for ahead in the same store call;
- `WORKS_LIST`: the declared list of works a connection field pages (`works_field`);
- `READS`: the record fields a resolver field reads of its object's record (a field
  without a resolver reads the record field it is named after; an unmarked resolver
  field, the whole record);
- `STAT`: the count a `ResearcherCounts` field reads (a `ResearcherStats` field).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

PLANS = "plans"
WORKS_LIST = "works_list"
READS = "reads"
STAT = "stat"


class Planned(StrEnum):
    # on a researcher
    AFFILIATIONS = "AFFILIATIONS"
    RESEARCHER_TOPICS = "RESEARCHER_TOPICS"  # roots only, like the three below
    COLLABORATORS = "COLLABORATORS"
    COUNTS = "COUNTS"
    TRUST = "TRUST"
    SLICE_RING = "SLICE_RING"  # the graph slice's first ring
    # on a work
    VENUE = "VENUE"
    AUTHORS = "AUTHORS"
    WORK_TOPICS = "WORK_TOPICS"
    # on a list's holder (an authorship, a collaboration): the researcher it names
    PERSON = "PERSON"
    AUTHOR_INSTITUTIONS = "AUTHOR_INSTITUTIONS"  # on an authorship
    # on a connection and its edges: the way to the works of a page
    EDGES = "EDGES"
    NODE = "NODE"


def planned(kind: Planned, reads: tuple[str, ...] = ()) -> dict[str, Any]:
    """The metadata of a field whose reading `kind` is planned ahead; it reads `reads`
    of its object's record."""
    return {PLANS: kind, READS: reads}


def reads(*fields: str) -> dict[str, Any]:
    """The metadata of a resolver field that reads only these record fields."""
    return {READS: fields}
