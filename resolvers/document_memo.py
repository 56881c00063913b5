"""Values worked out from parsed documents, kept across requests. A UI sends the same
few documents again and again, and the parser cache hands back the same nodes for
the same text, so what depends on some nodes (a cost estimate, a read plan) and on
some variables' values is worked out once per those."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Node,
    VariableNode,
    Visitor,
    visit,
)

V = TypeVar("V")

# Bounded like the parser cache; the oldest entry goes first.
KEPT = 256

_UNSEEN = object()


class NodeMemo(Generic[V]):
    """Keyed by a tag and the identity of some nodes (graphql-core's nodes hash by
    value, walking the whole tree), with weak references to tell a live entry from a
    reused id."""

    def __init__(self) -> None:
        self.entries: dict[tuple[Hashable, ...], tuple[tuple[weakref.ref[Node], ...], V]] = {}

    def get(self, tag: Hashable, nodes: Sequence[Node], make: Callable[[], V]) -> V:
        key = (tag, *map(id, nodes))
        found = self.entries.get(key)
        if found is not None:
            # A loop, not `all()` over a generator: this runs per resolver call.
            for ref, node in zip(found[0], nodes, strict=True):
                if ref() is not node:
                    break
            else:
                return found[1]
        value = make()
        if len(self.entries) >= KEPT:
            del self.entries[next(iter(self.entries))]
        self.entries[key] = (tuple(weakref.ref(node) for node in nodes), value)
        return value


class ByValues(Generic[V]):
    """Values kept per the values of the variables `names`."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.found: dict[tuple[Any, ...], V] = {}

    def get(self, variables: Mapping[str, Any], make: Callable[[], V]) -> V:
        # Typed: 1 and 1.0 are equal keys but not the same argument.
        key = tuple([(type(v), v) for v in map(variables.get, self.names)]) if self.names else ()
        try:
            found: Any = self.found.get(key, _UNSEEN)
        except TypeError:  # an unhashable value (a list, an input object): made afresh
            return make()
        if found is _UNSEEN:
            found = make()
            if len(self.found) < KEPT:
                self.found[key] = found
        return found  # type: ignore[no-any-return]


def variables_below(
    field_nodes: Sequence[FieldNode], fragments: Mapping[str, FragmentDefinitionNode]
) -> tuple[str, ...]:
    """The variables the selection below some field nodes reads (arguments,
    `@skip`/`@include`), through its fragments; not the fields' own arguments."""
    names: set[str] = set()
    spread: set[str] = set()
    pending: list[Node] = [n.selection_set for n in field_nodes if n.selection_set]

    class Reads(Visitor):
        def enter_variable(self, node: VariableNode, *_: Any) -> None:
            names.add(node.name.value)

        def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
            name = node.name.value
            if name not in spread and name in fragments:
                spread.add(name)
                pending.append(fragments[name])

    while pending:
        visit(pending.pop(), Reads())
    return tuple(sorted(names))
