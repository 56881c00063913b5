"""A cost estimate for every document, checked before execution (and so before any
store call), in the spirit of GitHub's node limit: each object a field can return
counts once, multiplied by the `first` of every list it sits inside (a connection's
`edges` are its `first`). A list without `first` counts `UNPAGED_LIST_SIZE`; a graph
slice counts its `limit` nodes and twice as many edges. Over `MAX_COST`:
`QUERY_TOO_COMPLEX`, naming both numbers. The actual cost counts the objects a result
holds the same way."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    Visitor,
    get_named_type,
    is_leaf_type,
    value_from_ast,
    visit,
)

from researchgraph.resolvers import limits
from researchgraph.resolvers.document_memo import ByValues, NodeMemo
from researchgraph.resolvers.errors import ErrorCode
from researchgraph.schema.shape import Shape, measure

MAX_COST = 20_000
MAX_OPERATIONS = 10
# A profile page nests about 7 deep (researcher > works > edges > node > authors >
# researcher > name); these bounds leave room for that and refuse abusive documents.
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_DIRECTIVES = 50
# Introspection reads only the schema, but its type references nest deep.
MAX_INTROSPECTION_DEPTH = 20
UNPAGED_LIST_SIZE = 10
_SLICE_FIELDS = frozenset({"graph", "graphSlice"})
_SIZING_ARGUMENTS = frozenset({"first", "limit", "ids"})


class _Estimate:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        # `first` values no list accepts: refused before execution, not after a lookup.
        self.out_of_range: list[int] = []
        # A selection set (a fragment's is shared by every spread of it) priced once per
        # type it is read on: linear time however fragments fan out.
        self.priced: dict[tuple[str, int], int] = {}

    def _fields(
        self, selections: SelectionSetNode, seen: frozenset[str], spread: set[str]
    ) -> Iterator[tuple[FieldNode, frozenset[str]]]:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield selection, seen
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(selection.selection_set, seen, spread)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                # A fragment spread twice into one selection merges (as in execution);
                # cycles and unknown fragments are validation errors.
                if name in seen or name in spread or name not in self.fragments:
                    continue
                spread.add(name)
                yield from self._fields(self.fragments[name].selection_set, seen | {name}, spread)

    def _value(self, node: FieldNode, definition: Any, name: str) -> Any:
        argument = definition.args.get(name)
        if argument is None:
            return None
        value = argument.default_value
        for given in node.arguments or ():
            if given.name.value == name:
                value = value_from_ast(given.value, argument.type, self.variables)
        return value

    def _ids(self, node: FieldNode, definition: Any) -> int | None:
        """A lookup by a list of ids returns as many objects as it is given."""
        value = self._value(node, definition, "ids")
        return min(len(value), limits.MAX_NODES) if isinstance(value, list) else None

    def _argument(self, node: FieldNode, definition: Any, name: str) -> int | None:
        value = self._value(node, definition, name)
        if not isinstance(value, int):
            return None
        if name == "first" and not 0 <= value <= limits.MAX_FIRST:
            self.out_of_range.append(value)
            return None
        # Over its cap the resolver refuses it (BAD_USER_INPUT) before any store call;
        # what can run is priced.
        return min(value, limits.MAX_SLICE_NODES if name == "limit" else limits.MAX_FIRST)

    def cost(
        self, parent: GraphQLObjectType, selections: SelectionSetNode, seen: frozenset[str]
    ) -> int:
        key = (parent.name, id(selections))
        if key not in self.priced:
            self.priced[key] = self._price(parent, selections, seen)
        return self.priced[key]

    def _price(
        self, parent: GraphQLObjectType, selections: SelectionSetNode, seen: frozenset[str]
    ) -> int:
        total = 0
        for node, scope in self._fields(selections, seen, set()):
            definition = parent.fields.get(node.name.value)
            if definition is None or node.selection_set is None:
                continue
            named = get_named_type(definition.type)
            if is_leaf_type(named):
                continue
            if node.name.value in _SLICE_FIELDS:
                total += 3 * (self._argument(node, definition, "limit") or 0)
                continue
            field_type = (
                definition.type.of_type
                if isinstance(definition.type, GraphQLNonNull)
                else definition.type
            )
            size = self._argument(node, definition, "first")
            if size is None:
                size = self._ids(node, definition)
            if node.name.value == "edges" and parent.name.endswith("Connection"):
                size = 1  # the connection's `first` already counted its edges
            elif size is None:
                size = UNPAGED_LIST_SIZE if isinstance(field_type, GraphQLList) else 1
            inner = 0
            if isinstance(named, GraphQLObjectType):
                inner = self.cost(named, node.selection_set, scope)
            else:  # an interface or union: the costliest member bounds it
                inner = max(
                    (
                        self.cost(t, node.selection_set, scope)
                        for t in self.schema.get_possible_types(named)
                    ),
                    default=0,
                )
            total += (
                size * (1 + inner) if size > 1 or isinstance(field_type, GraphQLList) else 1 + inner
            )
        return total


@dataclass(frozen=True, slots=True)
class _Refusal:
    """A refusal learnt once; each request gets its own error."""

    message: str
    code: ErrorCode
    details: tuple[tuple[str, int], ...] = ()

    def error(self) -> GraphQLError:
        return _error(self.message, self.code, **dict(self.details))


def _error(message: str, code: ErrorCode, **details: int) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **details})


def _over_shape_limit(shape: Shape) -> _Refusal | None:
    limits_of_shape = (
        ("nests {} fields deep", shape.depth, MAX_DEPTH, ErrorCode.QUERY_TOO_DEEP, "depth"),
        (
            "nests introspection {} fields deep",
            shape.introspection_depth,
            MAX_INTROSPECTION_DEPTH,
            ErrorCode.QUERY_TOO_DEEP,
            "depth",
        ),
        ("uses {} aliases", shape.aliases, MAX_ALIASES, ErrorCode.TOO_MANY_ALIASES, "aliases"),
        (
            "uses {} directives",
            shape.directives,
            MAX_DIRECTIVES,
            ErrorCode.TOO_MANY_DIRECTIVES,
            "directives",
        ),
    )
    for wording, measured, limit, code, name in limits_of_shape:
        if measured > limit:
            return _Refusal(
                f"This query {wording.format(measured)}; the limit is {limit}.",
                code,
                ((name, measured), ("limit", limit)),
            )
    return None


@dataclass(slots=True)
class _Reading:
    """What `check` learns from a document and operation name alone, and the estimates
    made so far per value of the variables that size its lists."""

    refusal: _Refusal | None = None
    root: GraphQLObjectType | None = None
    operation: OperationDefinitionNode | None = None
    fragments: dict[str, FragmentDefinitionNode] = field(default_factory=dict)
    # Per value of the variables that size its lists.
    estimates: ByValues[tuple[int, _Refusal | None]] = field(default_factory=lambda: ByValues(()))


_READINGS: NodeMemo[_Reading] = NodeMemo()


def _sizing_variables(document: DocumentNode) -> tuple[str, ...]:
    """The variables any `first` or `limit` argument reads: all the estimate depends
    on besides the document."""
    names: set[str] = set()

    class Sizes(Visitor):
        def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
            if node.name.value in _SIZING_ARGUMENTS and isinstance(node.value, VariableNode):
                names.add(node.value.name.value)

    visit(document, Sizes())
    return tuple(sorted(names))


def _read(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> _Reading:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) > MAX_OPERATIONS:
        return _Reading(
            _Refusal(
                f"A document may hold at most {MAX_OPERATIONS} operations; this one has "
                f"{len(operations)}.",
                ErrorCode.TOO_MANY_OPERATIONS,
                (("operations", len(operations)), ("limit", MAX_OPERATIONS)),
            )
        )
    if len(operations) > 1 and operation_name is None:
        return _Reading(
            _Refusal(
                "The document has several operations: name one with `operationName`.",
                ErrorCode.GRAPHQL_VALIDATION_FAILED,
            )
        )
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    root = schema.get_root_type(chosen[0].operation) if chosen else None
    if root is None:
        return _Reading()
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    shape = measure(chosen[0].selection_set, fragments)
    if refused := _over_shape_limit(shape):
        return _Reading(refused)
    return _Reading(None, root, chosen[0], fragments, ByValues(_sizing_variables(document)))


def _reading(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> _Reading:
    return _READINGS.get(
        operation_name, (document,), lambda: _read(schema, document, operation_name)
    )


def _estimate(
    schema: GraphQLSchema, reading: _Reading, variables: dict[str, Any]
) -> tuple[int, _Refusal | None]:
    assert reading.root is not None and reading.operation is not None
    estimate = _Estimate(schema, reading.fragments, variables)
    cost = estimate.cost(reading.root, reading.operation.selection_set, frozenset())
    if estimate.out_of_range:
        value = estimate.out_of_range[0]
        return cost, _Refusal(
            f"`first` must be between 0 and {limits.MAX_FIRST}; got {value}.",
            ErrorCode.BAD_USER_INPUT,
            (("min", 0), ("max", limits.MAX_FIRST)),
        )
    if cost > MAX_COST:
        return cost, _Refusal(
            f"This query's estimated cost is {cost}; the limit is {MAX_COST}. "
            "Ask for smaller pages (`first`, `limit`) or fewer nested lists.",
            ErrorCode.QUERY_TOO_COMPLEX,
            (("cost", cost), ("limit", MAX_COST)),
        )
    return cost, None


def check(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any],
) -> tuple[int, GraphQLError | None]:
    """The document's estimated cost, and the error that refuses it, if any."""
    reading = _reading(schema, document, operation_name)
    if reading.refusal is not None:
        return 0, reading.refusal.error()
    if reading.root is None:
        return 0, None
    estimated = reading.estimates.get(variables, lambda: _estimate(schema, reading, variables))
    cost, refusal = estimated
    return cost, refusal.error() if refusal else None


def actual_cost(data: dict[str, Any] | None) -> int:
    """What a result really cost, counted like the estimate: one per object returned
    below the root. A loop over a stack, not recursion, pushing containers only: a
    profile page holds a thousand objects, and this runs for every result."""
    objects = 0
    pending: list[Any] = [data] if data else []
    while pending:
        container = pending.pop()
        if type(container) is dict:
            objects += 1
            container = container.values()
        for value in container:
            kind = type(value)
            if kind is dict or kind is list:
                pending.append(value)
    return objects - 1 if data else 0
