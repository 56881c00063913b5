"""Reads planned from the selection: at a root (`researcher`, `work`, `node`,
`_entities`) look ahead at what the document selects below it and name the
relationships it will read, with the very requests the field resolvers will make
(same arguments, same checks), so one store call can answer them all.

Fields are collected as the executor collects them (fragments, type conditions,
`@skip`/`@include`) and arguments coerced as it coerces them (defaults, variables).
An argument the resolver would refuse is left out of the plan: the resolver then
raises its error as it always did. Aggregations over a researcher's neighbourhood
(counts, top topics, collaborators, the slice's first ring) are planned for the roots
only; below them the loaders batch them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from graphql import FieldNode, GraphQLObjectType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues, get_argument_values

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import WORK_LISTS, WorkList
from researchgraph.graphstore.pages import WorkFilter, WorkOrder
from researchgraph.graphstore.plans import (
    EMPTY_RESEARCHER_PLAN,
    CollaboratorsPlan,
    ResearcherPlan,
    WorkPlan,
    WorksPagePlan,
)
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    STAT_GROUP_OF,
    StatGroup,
)
from researchgraph.resolvers.cursors import page_request
from researchgraph.resolvers.document_memo import ByValues, NodeMemo, variables_below
from researchgraph.resolvers.errors import BadUserInput
from researchgraph.resolvers.record_reads import researcher_fields, work_fields
from researchgraph.resolvers.researchers import (
    COUNTS,
    TRUST_STATS,
    collaborators_bounds,
    topics_limit,
)
from researchgraph.resolvers.slices import first_ring_size
from researchgraph.resolvers.strawberry_internals import metadata

# Field metadata of a connection field over a declared list of works: the `WorkList`.
WORKS_LIST = "works_list"

T = TypeVar("T")
# A selection: the field nodes of each selected field, by response key.
Selection = dict[str, list[FieldNode]]


class _Reader:
    """Collects sub-selections and arguments of one operation."""

    def __init__(self, info: GraphQLResolveInfo[Any]) -> None:
        self.info = info
        self.fragments = {name: FragmentDetails(d) for name, d in info.fragments.items()}
        # Strawberry's executor hands resolvers the plain coerced dict.
        coerced: Any = info.variable_values
        self.variables = VariableValues(sources={}, coerced=getattr(coerced, "coerced", coerced))

    def below(self, nodes: list[FieldNode], type_name: str) -> Selection:
        runtime = self.info.schema.get_type(type_name)
        assert isinstance(runtime, GraphQLObjectType)
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

    def arguments(self, type_name: str, node: FieldNode) -> dict[str, Any]:
        owner = self.info.schema.get_type(type_name)
        assert isinstance(owner, GraphQLObjectType)
        return get_argument_values(owner.fields[node.name.value], node, self.variables)

    def fields(self, selection: Selection, name: str) -> list[list[FieldNode]]:
        """The selections of field `name` (one per response key, aliases apart)."""
        return [nodes for nodes in selection.values() if nodes[0].name.value == name]

    def works_lists(
        self, type_name: str, selection: Selection
    ) -> list[tuple[WorkList, list[FieldNode]]]:
        """The selected fields of `type_name` that page a declared list of works (their
        `WORKS_LIST` metadata), with the list each pages."""
        owner = self.info.schema.get_type(type_name)
        assert isinstance(owner, GraphQLObjectType)
        found = []
        for nodes in selection.values():
            field = owner.fields.get(nodes[0].name.value)
            works = metadata(field).get(WORKS_LIST) if field is not None else None
            if works is not None:
                found.append((works, nodes))
        return found

    def pages(self, type_name: str, selection: Selection) -> tuple[WorksPagePlan, ...]:
        """The pages of the one-hop lists selected on `type_name` (a list of several
        hops, the feed, is read by its loader)."""
        return _unique(
            [
                _works_page(self, type_name, works, nodes)
                for works, nodes in self.works_lists(type_name, selection)
                if WORK_LISTS[works].single_hop
            ]
        )


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


def _merge(selections: list[Selection]) -> Selection:
    """Several selections of one object as one; keys kept apart, since two aliases'
    selections may use one response key for different fields."""
    return {f"{i}.{key}": nodes for i, sel in enumerate(selections) for key, nodes in sel.items()}


def _checked(make: Callable[[], T]) -> T | None:
    try:
        return make()
    except BadUserInput:
        return None


def _unique(items: Iterable[T | None]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(item for item in items if item is not None))


class RootPlans:
    """The plans of one root field, made on first use and kept (`_memo`): an
    `_entities` or search batch asks once per item, a UI once per page view."""

    def __init__(self, info: GraphQLResolveInfo[Any]) -> None:
        self.info = info

    def researcher(self) -> ResearcherPlan:
        plan = self._made("Researcher", lambda r, s: _researcher(r, s, root=True))
        assert isinstance(plan, ResearcherPlan)
        return plan

    def work(self) -> WorkPlan:
        plan = self._made("Work", _work)
        assert isinstance(plan, WorkPlan)
        return plan

    def _made(self, type_name: str, make: Callable[[_Reader, Selection], object]) -> object:
        def made() -> object:
            reader = _Reader(self.info)
            return make(reader, reader.below(self.info.field_nodes, type_name))

        return _memo(type_name, self.info, made)


def _researcher(reader: _Reader, selection: Selection, root: bool) -> ResearcherPlan:
    names = _names(selection)
    plan = ResearcherPlan(
        affiliations=bool(names & {"affiliation", "affiliations"}),
        pages=reader.pages("Researcher", selection),
    )
    if not root:
        return plan
    rings = _unique([_ring(reader, nodes) for nodes in reader.fields(selection, "graph")])
    topics = _unique([_topics(reader, nodes) for nodes in reader.fields(selection, "topics")])
    collaborators = _unique(
        [
            _collaborators(reader, nodes, name)
            for name in ("collaborators", "closeCollaborators")
            for nodes in reader.fields(selection, name)
        ]
    )
    # As the resolvers ask: each count its own group, the trust snapshot its groups.
    stats = [
        frozenset({group})
        for nodes in reader.fields(selection, "counts")
        for group in _counted(reader, nodes)
    ]
    if "trust" in names:
        stats.append(TRUST_STATS)
    return replace(
        plan,
        stats=_unique(stats),
        topics=topics,
        collaborators=collaborators,
        # One ring per root: a second `graph` of another size goes to the loaders.
        neighbours=rings[0] if rings else None,
    )


def _counted(reader: _Reader, nodes: list[FieldNode]) -> set[StatGroup]:
    below = reader.below(nodes, "ResearcherCounts")
    counted = (COUNTS.get(nodes[0].name.value) for nodes in below.values())
    return {STAT_GROUP_OF[name] for name in counted if name is not None}


def _topics(reader: _Reader, nodes: list[FieldNode]) -> int | None:
    args = reader.arguments("Researcher", nodes[0])
    return _checked(lambda: topics_limit(args["first"]))


def _ring(reader: _Reader, nodes: list[FieldNode]) -> int | None:
    args = reader.arguments("Researcher", nodes[0])
    return _checked(lambda: first_ring_size(args["depth"], args["limit"]))


def _collaborators(reader: _Reader, nodes: list[FieldNode], name: str) -> CollaboratorsPlan | None:
    args = reader.arguments("Researcher", nodes[0])
    min_shared = args.get("minSharedWorks", CLOSE_COLLABORATOR_MIN_SHARED)
    bounds = _checked(lambda: collaborators_bounds(min_shared, args["first"]))
    if bounds is None:
        return None
    people = _people(reader, nodes, "Collaboration")
    return CollaboratorsPlan(*bounds, researcher=_merged_researcher(reader, people))


def _merged_researcher(reader: _Reader, selections: list[Selection]) -> ResearcherPlan:
    """Below a root: one plan for every selection of the same researcher field, its
    records read with the fields those selections show."""
    merged = _merge(selections)
    if not merged:
        return EMPTY_RESEARCHER_PLAN
    return replace(_researcher(reader, merged, root=False), fields=_people_fields(selections))


def _people_fields(selections: list[Selection]) -> frozenset[str] | None:
    merged = _merge(selections)
    return researcher_fields(_names(merged)) if merged else None


def _people(reader: _Reader, nodes: list[FieldNode], holder: str) -> list[Selection]:
    """The selections of `researcher` on a list of `holder`s (authorships, collaborations)."""
    below = reader.below(nodes, holder)
    return [reader.below(n, "Researcher") for n in reader.fields(below, "researcher")]


def person_fields(info: GraphQLResolveInfo[Any], holder: str) -> frozenset[str] | None:
    """The record fields the people of this list of `holder`s read (as its plan says)."""
    return _memo(
        holder, info, lambda: _people_fields(_people(_Reader(info), list(info.field_nodes), holder))
    )


def _works_page(
    reader: _Reader, owner_type: str, works: WorkList, nodes: list[FieldNode]
) -> WorksPagePlan | None:
    args = reader.arguments(owner_type, nodes[0])
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
    selected = _page_works(reader, nodes)
    return WorksPagePlan(
        works=works,
        order=request.order,
        limit=request.limit,
        after=request.after,
        filter=request.filter,
        work=replace(_work(reader, selected), fields=work_fields(_names(selected))),
    )


def _page_works(reader: _Reader, nodes: list[FieldNode]) -> Selection:
    """What a works connection selects on its works, every edge's `node` merged."""
    connection = reader.below(nodes, "WorkConnection")
    edges = [reader.below(n, "WorkEdge") for n in reader.fields(connection, "edges")]
    return _merge([reader.below(n, "Work") for edge in edges for n in reader.fields(edge, "node")])


def page_fields(info: GraphQLResolveInfo[Any]) -> frozenset[str] | None:
    """The record fields a works connection's selection reads (as its plan says)."""
    return _memo(
        "WorkFields",
        info,
        lambda: work_fields(_names(_page_works(_Reader(info), list(info.field_nodes)))),
    )


def _names(selection: Selection) -> set[str]:
    return {nodes[0].name.value for nodes in selection.values()}


def _work(reader: _Reader, selection: Selection) -> WorkPlan:
    names = _names(selection)
    authors = [reader.below(nodes, "Authorship") for nodes in reader.fields(selection, "authors")]
    people = [
        reader.below(n, "Researcher") for a in authors for n in reader.fields(a, "researcher")
    ]
    return WorkPlan(
        venue="venue" in names,
        authors=_merged_researcher(reader, people) if authors else None,
        author_institutions=any(reader.fields(a, "institutions") for a in authors),
        topics="topics" in names,
        pages=reader.pages("Work", selection),
    )
