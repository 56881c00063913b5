"""The shape of an operation, measured before it runs: how deep its fields nest and
how many aliases and directives it uses, fragments expanded. Each fragment is
measured once and reused, so a document spreading fragments into fragments costs
linear time, not exponential; a cycle (a validation error) counts nothing."""

from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class Shape:
    depth: int = 0
    aliases: int = 0
    directives: int = 0


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

    def selections(self, selection_set: SelectionSetNode) -> Shape:
        depth, aliases, directives = 0, 0, 0
        for selection in selection_set.selections:
            directives += len(selection.directives or ())
            if isinstance(selection, FieldNode):
                aliases += selection.alias is not None
                inner = (
                    self.selections(selection.selection_set)
                    if selection.selection_set is not None
                    else Shape()
                )
                inner_depth = 1 + inner.depth
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selections(selection.selection_set)
                inner_depth = inner.depth
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                inner_depth = inner.depth
            depth = max(depth, inner_depth)
            aliases += inner.aliases
            directives += inner.directives
        return Shape(depth, aliases, directives)


def measure(selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> Shape:
    return _Measure(fragments).selections(selections)
