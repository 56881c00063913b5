"""The shape of an operation, measured before it runs: how deep its fields nest and
how many aliases and directives it uses, fragments expanded. Each fragment is
measured once and reused, so a document spreading fragments into fragments costs
linear time, not exponential; a cycle (a validation error) counts nothing.

Introspection (`__schema`, `__type`) is measured apart: its type references nest
deeper than any data query (GraphiQL's asks for 15 levels) but read only the schema;
how far its lists may nest is graphql-core's `MaxIntrospectionDepthRule` (validation)."""

from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})
INTROSPECTION_LISTS = frozenset(
    {
        "types",
        "fields",
        "args",
        "inputFields",
        "interfaces",
        "possibleTypes",
        "enumValues",
        "directives",
    }
)


@dataclass(frozen=True)
class Shape:
    depth: int = 0
    aliases: int = 0
    directives: int = 0
    introspection_depth: int = 0


class _Measure:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.measured: dict[str, Shape] = {}
        self.open: set[str] = set()

    def fragment(self, name: str) -> Shape:
        if name in self.measured:
            return self.measured[name]
        if name in self.open or name not in self.fragments:
            return Shape()
        self.open.add(name)
        shape = self.selections(self.fragments[name].selection_set)
        self.open.discard(name)
        self.measured[name] = shape
        return shape

    def _field(self, field: FieldNode) -> Shape:
        inner = self.selections(field.selection_set) if field.selection_set else Shape()
        if field.name.value in INTROSPECTION_ROOTS:
            return Shape(
                depth=1,
                aliases=inner.aliases + (field.alias is not None),
                directives=inner.directives,
                introspection_depth=1 + inner.depth,
            )
        return Shape(
            depth=1 + inner.depth,
            aliases=inner.aliases + (field.alias is not None),
            directives=inner.directives,
            introspection_depth=inner.introspection_depth,
        )

    def selections(self, selection_set: SelectionSetNode) -> Shape:
        shapes: list[Shape] = []
        directives = 0
        for selection in selection_set.selections:
            directives += len(selection.directives or ())
            if isinstance(selection, FieldNode):
                shapes.append(self._field(selection))
            elif isinstance(selection, InlineFragmentNode):
                shapes.append(self.selections(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                shapes.append(self.fragment(selection.name.value))
        return Shape(
            depth=max((s.depth for s in shapes), default=0),
            aliases=sum(s.aliases for s in shapes),
            directives=directives + sum(s.directives for s in shapes),
            introspection_depth=max((s.introspection_depth for s in shapes), default=0),
        )


def measure(selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> Shape:
    return _Measure(fragments).selections(selections)
