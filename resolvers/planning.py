"""Reads planned from the selection: at a root (`researcher`, `work`, `topic`,
`source`, `institution`, `node`, `_entities`) look ahead at what the document selects
below it and name the relationships it will read, with the very requests the field
resolvers will make (same arguments, same checks), so one store call can answer them
all.

The planner walks the schema, not names: each field says what reading it reads in its
metadata (`resolvers.plan_marks`), and the type below a field is the field's own type.
Fields are collected as the executor collects them (fragments, type conditions,
`@skip`/`@include`) and arguments coerced as it coerces them (defaults, variables).
An argument the resolver would refuse is left out of the plan: the resolver then
raises its error as it always did. Aggregations over a researcher's neighbourhood
(counts, top topics, collaborators, the slice's first ring) are planned for the roots
only; below them the loaders batch them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from graphql import (
    FieldNode,
    GraphQLObjectType,
    GraphQLResolveInfo,
    get_named_type,
)
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues, get_argument_values

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import RESEARCHER, WORK, WORK_LISTS, OwnerLabel, WorkList
from researchgraph.graphstore.pages import WorkFilter, WorkOrder
from researchgraph.graphstore.plans import (
    EMPTY_RESEARCHER_PLAN,
    CollaboratorsPlan,
    OwnerPlan,
    ResearcherPlan,
    WorkPlan,
    WorksPagePlan,
)
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    STAT_GROUP_OF,
    ResearcherRecord,
    StatGroup,
    WorkRecord,
)
from researchgraph.resolvers.cursors import page_request
from researchgraph.resolvers.document_memo import ByValues, NodeMemo, variables_below
from researchgraph.resolvers.errors import BadUserInput
from researchgraph.resolvers.plan_marks import PLANS, READS, STAT, WORKS_LIST, Planned
from researchgraph.resolvers.researchers import TRUST_STATS, collaborators_bounds, topics_limit
from researchgraph.resolvers.slices import first_ring_size
from researchgraph.resolvers.strawberry_internals import definition, metadata

T = TypeVar("T")
# A selection: the field nodes of each selected field, by response key.
Selection = dict[str, list[FieldNode]]
# An object type with a selection on it.
Selected = tuple[GraphQLObjectType, Selection]


class _Reader:
    """Collects sub-selections and arguments of one operation."""

    def __init__(self, info: GraphQLResolveInfo[Any]) -> None:
        self.info = info
        self.fragments = {name: FragmentDetails(d) for name, d in info.fragments.items()}
        # Strawberry's executor hands resolvers the plain coerced dict.
        coerced: Any = info.variable_values
        self.variables = VariableValues(sources={}, coerced=getattr(coerced, "coerced", coerced))

    def type(self, name: str) -> GraphQLObjectType:
        found = self.info.schema.get_type(name)
        assert isinstance(found, GraphQLObjectType)
        return found

    def below(self, nodes: list[FieldNode], runtime: GraphQLObjectType) -> Selection:
        collected = collect_subfields(
            self.info.schema,
            self.fragments,
            self.variables,
            self.info.operation,
            runtime,
            [FieldDetails(node, None) for node in nodes],
        )
        return {
            key: [detail.node for detail in details]
            for key, details in collected.grouped_field_set.items()
        }

    def child(self, parent: GraphQLObjectType, nodes: list[FieldNode]) -> Selected:
        """The type a field of `parent` returns (an object type, lists and non-nulls
        taken off) and what is selected on it."""
        named = get_named_type(parent.fields[nodes[0].name.value].type)
        assert isinstance(named, GraphQLObjectType)
        return named, self.below(nodes, named)

    def arguments(self, parent: GraphQLObjectType, node: FieldNode) -> dict[str, Any]:
        return get_argument_values(parent.fields[node.name.value], node, self.variables)

    def marked(
        self, parent: GraphQLObjectType, selection: Selection, kind: Planned
    ) -> list[list[FieldNode]]:
        """The selected fields of `parent` whose reading is `kind` (one per response
        key, aliases apart)."""
        return [
            nodes
            for nodes in selection.values()
            if (field := parent.fields.get(nodes[0].name.value)) is not None
            and metadata(field).get(PLANS) is kind
        ]

    def children(self, selected: list[Selected], kind: Planned) -> list[Selected]:
        """What each selection selects below its fields marked `kind`."""
        return [
            self.child(parent, nodes)
            for parent, selection in selected
            for nodes in self.marked(parent, selection, kind)
        ]

    def pages(self, parent: GraphQLObjectType, selection: Selection) -> tuple[WorksPagePlan, ...]:
        """The pages of the one-hop lists of works selected on `parent` (a list of
        several hops, the feed, is read by its loader)."""
        pages = []
        for nodes in selection.values():
            field = parent.fields.get(nodes[0].name.value)
            works = metadata(field).get(WORKS_LIST) if field is not None else None
            if works is not None and WORK_LISTS[works].single_hop:
                pages.append(_works_page(self, parent, works, nodes))
        return _unique(pages)


# Plans and record fields depend on the document and on the variables read below the
# field only. Keyed by the operation and every node of the field: a fragment's field
# merges with other selections in one operation and not in another.
_SELECTIONS: NodeMemo[ByValues[Any]] = NodeMemo()


def _memo(kind: str, info: GraphQLResolveInfo[Any], make: Callable[[], T]) -> T:
    """What `make` works out from this field's selection, kept across requests."""
    by_values = _SELECTIONS.get(
        kind,
        (info.operation, *info.field_nodes),
        lambda: ByValues(variables_below(info.field_nodes, info.fragments)),
    )
    coerced: Any = info.variable_values
    found: T = by_values.get(getattr(coerced, "coerced", coerced), make)
    return found


def _merge(selected: list[Selected]) -> Selected | None:
    """Several selections of one object type as one; keys kept apart, since two
    aliases' selections may use one response key for different fields."""
    if not selected:
        return None
    merged = {
        f"{i}.{key}": nodes for i, (_, sel) in enumerate(selected) for key, nodes in sel.items()
    }
    return selected[0][0], merged


def _checked(make: Callable[[], T]) -> T | None:
    try:
        return make()
    except BadUserInput:
        return None


def _unique(items: Iterable[T | None]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(item for item in items if item is not None))


# The fields of each record class a planned read projects.
_RECORD_FIELDS = {
    record: frozenset(f.name for f in dataclasses.fields(record))
    for record in (ResearcherRecord, WorkRecord)
}


def _fields_read(
    parent: GraphQLObjectType, selection: Selection, record: type[Any]
) -> frozenset[str] | None:
    """The fields of `record` the selected fields of `parent` read; None: all of them.
    A field without a resolver reads the record field it is named after; a resolver
    field, what its `READS` says, or else the whole record: a new field costs a full
    read until it says what it reads, never a wrong answer."""
    needed = {"id"}
    for nodes in selection.values():
        name = nodes[0].name.value
        if name == "__typename":
            continue
        field = parent.fields[name]
        reads = metadata(field).get(READS)
        declared = definition(field)
        if reads is not None:
            needed.update(reads)
        elif declared.base_resolver is None and declared.python_name in _RECORD_FIELDS[record]:
            needed.add(declared.python_name)
        else:
            return None
    return frozenset(needed)


class RootPlans:
    """The plans of one root field, made on first use and kept (`_memo`): an
    `_entities` or search batch asks once per item, a UI once per page view. Each
    GraphQL entity type is named as its label in the graph."""

    def __init__(self, info: GraphQLResolveInfo[Any]) -> None:
        self.info = info

    def researcher(self) -> ResearcherPlan:
        plan = self._made(RESEARCHER, lambda r, s: _researcher(r, s, root=True))
        assert isinstance(plan, ResearcherPlan)
        return plan

    def work(self) -> WorkPlan:
        plan = self._made(WORK, _work)
        assert isinstance(plan, WorkPlan)
        return plan

    def owner(self, label: OwnerLabel) -> OwnerPlan:
        plan = self._made(label, lambda r, s: OwnerPlan(label, r.pages(*s)))
        assert isinstance(plan, OwnerPlan)
        return plan

    def _made(self, type_name: str, make: Callable[[_Reader, Selected], object]) -> object:
        def made() -> object:
            reader = _Reader(self.info)
            runtime = reader.type(type_name)
            return make(reader, (runtime, reader.below(self.info.field_nodes, runtime)))

        return _memo(type_name, self.info, made)


def _researcher(reader: _Reader, selected: Selected, root: bool) -> ResearcherPlan:
    parent, selection = selected
    plan = ResearcherPlan(
        affiliations=bool(reader.marked(parent, selection, Planned.AFFILIATIONS)),
        pages=reader.pages(parent, selection),
    )
    if not root:
        return plan

    def each(kind: Planned, make: Callable[[dict[str, Any], list[FieldNode]], T]) -> list[T]:
        return [
            make(reader.arguments(parent, nodes[0]), nodes)
            for nodes in reader.marked(parent, selection, kind)
        ]

    rings = _unique(
        each(
            Planned.SLICE_RING,
            lambda args, _: _checked(lambda: first_ring_size(args["depth"], args["limit"])),
        )
    )
    topics = _unique(
        each(
            Planned.RESEARCHER_TOPICS, lambda args, _: _checked(lambda: topics_limit(args["first"]))
        )
    )
    collaborators = _unique(
        each(Planned.COLLABORATORS, lambda args, nodes: _collaborators(reader, parent, args, nodes))
    )
    # As the resolvers ask: each count its own group, the trust snapshot its groups.
    stats = [
        frozenset({group})
        for counts in reader.children([selected], Planned.COUNTS)
        for group in _counted(*counts)
    ]
    if reader.marked(parent, selection, Planned.TRUST):
        stats.append(TRUST_STATS)
    return replace(
        plan,
        stats=_unique(stats),
        topics=topics,
        collaborators=collaborators,
        # One ring per root: a second `graph` of another size goes to the loaders.
        neighbours=rings[0] if rings else None,
    )


def _counted(parent: GraphQLObjectType, selection: Selection) -> set[StatGroup]:
    stats = (
        metadata(parent.fields[nodes[0].name.value]).get(STAT)
        for nodes in selection.values()
        if nodes[0].name.value in parent.fields
    )
    return {STAT_GROUP_OF[stat] for stat in stats if stat is not None}


def _collaborators(
    reader: _Reader, parent: GraphQLObjectType, args: dict[str, Any], nodes: list[FieldNode]
) -> CollaboratorsPlan | None:
    min_shared = args.get("minSharedWorks", CLOSE_COLLABORATOR_MIN_SHARED)
    bounds = _checked(lambda: collaborators_bounds(min_shared, args["first"]))
    if bounds is None:
        return None
    people = _people(reader, parent, nodes)
    return CollaboratorsPlan(*bounds, researcher=_merged_researcher(reader, people))


def _people(reader: _Reader, parent: GraphQLObjectType, nodes: list[FieldNode]) -> list[Selected]:
    """The selections of the researcher of each holder (authorship, collaboration) of
    the list field `nodes` of `parent`."""
    return reader.children([reader.child(parent, nodes)], Planned.PERSON)


def _merged_researcher(reader: _Reader, people: list[Selected]) -> ResearcherPlan:
    """Below a root: one plan for every selection of the same researcher field, its
    records read with the fields those selections show."""
    merged = _merge(people)
    if merged is None:
        return EMPTY_RESEARCHER_PLAN
    plan = _researcher(reader, merged, root=False)
    return replace(plan, fields=_fields_read(*merged, ResearcherRecord))


def person_fields(info: GraphQLResolveInfo[Any]) -> frozenset[str] | None:
    """The record fields the people of this list (of authorships, collaborations) read
    (as its plan says)."""

    def make() -> frozenset[str] | None:
        merged = _merge(_people(_Reader(info), info.parent_type, list(info.field_nodes)))
        return _fields_read(*merged, ResearcherRecord) if merged else None

    return _memo("people", info, make)


def _works_page(
    reader: _Reader, parent: GraphQLObjectType, works: WorkList, nodes: list[FieldNode]
) -> WorksPagePlan | None:
    args = reader.arguments(parent, nodes[0])
    wanted = args.get("filter")
    store_filter = (
        WorkFilter(
            year_from=wanted.get("yearFrom"),
            year_to=wanted.get("yearTo"),
            # graphql-core coerces to the schema's enum members; the store takes values.
            types=tuple(t.value for t in wanted["types"])
            if wanted.get("types") is not None
            else None,
        )
        if wanted is not None
        else None
    )
    request = _checked(
        lambda: page_request(
            None,
            NodeKind.WORK,
            args["first"],
            args.get("after"),
            WorkOrder(args["orderBy"]),
            store_filter,
        )
    )
    if request is None:
        return None
    page_works = _page_works(reader, parent, nodes)
    work = _work(reader, page_works) if page_works else WorkPlan()
    return WorksPagePlan(
        works=works,
        order=request.order,
        limit=request.limit,
        after=request.after,
        filter=request.filter,
        work=replace(work, fields=_works_read(page_works)),
    )


def _works_read(page_works: Selected | None) -> frozenset[str] | None:
    return _fields_read(*page_works, WorkRecord) if page_works else frozenset({"id"})


def _page_works(
    reader: _Reader, parent: GraphQLObjectType, nodes: list[FieldNode]
) -> Selected | None:
    """What a works connection selects on its works, every edge's `node` merged."""
    edges = reader.children([reader.child(parent, nodes)], Planned.EDGES)
    return _merge(reader.children(edges, Planned.NODE))


def page_fields(info: GraphQLResolveInfo[Any]) -> frozenset[str] | None:
    """The record fields a works connection's selection reads (as its plan says)."""

    return _memo(
        "page",
        info,
        lambda: _works_read(_page_works(_Reader(info), info.parent_type, list(info.field_nodes))),
    )


def _work(reader: _Reader, selected: Selected) -> WorkPlan:
    parent, selection = selected
    authors = reader.children([selected], Planned.AUTHORS)
    people = reader.children(authors, Planned.PERSON)
    return WorkPlan(
        venue=bool(reader.marked(parent, selection, Planned.VENUE)),
        authors=_merged_researcher(reader, people) if authors else None,
        author_institutions=bool(reader.children(authors, Planned.AUTHOR_INSTITUTIONS)),
        topics=bool(reader.marked(parent, selection, Planned.WORK_TOPICS)),
        pages=reader.pages(parent, selection),
    )
