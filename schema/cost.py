"""A cost estimate for every document, checked before execution (and so before any
store call), in the spirit of GitHub's node limit: each object a field can return
counts once, multiplied by the `first` of every list it sits inside (a connection's
`edges` are its `first`). A list without `first` counts `UNPAGED_LIST_SIZE`; a graph slice counts its `limit` nodes and twice as
many edges. Over `MAX_COST`: `QUERY_TOO_COMPLEX`, naming both numbers. The estimate is
reported in `extensions.cost` either way."""

from collections.abc import Iterator
from typing import Any

from graphql import (
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
    get_named_type,
    is_leaf_type,
    value_from_ast,
)
from strawberry.extensions import SchemaExtension

from researchgraph.resolvers import limits

MAX_COST = 20_000
MAX_OPERATIONS = 10
UNPAGED_LIST_SIZE = 10
_SLICE_FIELDS = frozenset({"graph", "graphSlice"})


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

    def _fields(
        self, selections: SelectionSetNode, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, frozenset[str]]]:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield selection, seen
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in self.fragments:
                    continue  # cycles and unknown fragments are validation errors
                yield from self._fields(self.fragments[name].selection_set, seen | {name})

    def _argument(self, node: FieldNode, definition: Any, name: str) -> int | None:
        argument = definition.args.get(name)
        if argument is None:
            return None
        value = argument.default_value
        for given in node.arguments or ():
            if given.name.value == name:
                value = value_from_ast(given.value, argument.type, self.variables)
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
        total = 0
        for node, scope in self._fields(selections, seen):
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


def _error(message: str, code: str, **details: int) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **details})


def check(
    schema: GraphQLSchema, document: Any, operation_name: str | None, variables: dict[str, Any]
) -> tuple[int, GraphQLError | None]:
    """The document's estimated cost, and the error that refuses it, if any."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) > MAX_OPERATIONS:
        return 0, _error(
            f"A document may hold at most {MAX_OPERATIONS} operations; this one has "
            f"{len(operations)}.",
            "TOO_MANY_OPERATIONS",
            operations=len(operations),
            limit=MAX_OPERATIONS,
        )
    if len(operations) > 1 and operation_name is None:
        return 0, _error(
            "The document has several operations: name one with `operationName`.",
            "GRAPHQL_VALIDATION_FAILED",
        )
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    root = schema.get_root_type(chosen[0].operation) if chosen else None
    if root is None:
        return 0, None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    estimate = _Estimate(schema, fragments, variables)
    cost = estimate.cost(root, chosen[0].selection_set, frozenset())
    if estimate.out_of_range:
        value = estimate.out_of_range[0]
        return cost, _error(
            f"`first` must be between 0 and {limits.MAX_FIRST}; got {value}.",
            "BAD_USER_INPUT",
            min=0,
            max=limits.MAX_FIRST,
        )
    if cost > MAX_COST:
        return cost, _error(
            f"This query's estimated cost is {cost}; the limit is {MAX_COST}. "
            "Ask for smaller pages (`first`, `limit`) or fewer nested lists.",
            "QUERY_TOO_COMPLEX",
            cost=cost,
            limit=MAX_COST,
        )
    return cost, None


class CostLimit(SchemaExtension):
    """Refuses, before execution: too many operations, `first` out of range, a cost
    over `MAX_COST`."""

    cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.pre_execution_errors == [] and context.graphql_document is not None:
            # The name the client sent: strawberry's `operation_name` falls back to the
            # first operation, which the spec forbids for a document with several.
            sent_name = getattr(context, "_provided_operation_name", context.operation_name)
            self.cost, refused = check(
                context.schema._schema, context.graphql_document, sent_name, context.variables or {}
            )
            if refused is not None:
                context.pre_execution_errors = [refused]
        yield

    def get_results(self) -> dict[str, Any]:
        return {} if self.cost is None else {"cost": {"estimated": self.cost, "limit": MAX_COST}}
