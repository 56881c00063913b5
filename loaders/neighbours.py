"""A graph slice's rings: neighbours by node, cut per kind from one batch."""

from __future__ import annotations

from researchgraph.graphstore.graph import NeighbourRecord, first_of_each_kind
from researchgraph.loaders.base import StoreLoader


class NeighboursByNodeLoader(StoreLoader[tuple[str, int], list[NeighbourRecord]]):
    """Key: `(node id, per_kind)`. Value: up to `per_kind` neighbours of each kind,
    strongest first; `[]` for an unknown node. One call per batch, at the largest
    `per_kind` asked for; smaller asks are cut from it."""

    async def batch_load_fn(self, keys: list[tuple[str, int]]) -> list[list[NeighbourRecord]]:
        per_kind = max(k for _, k in keys)
        found = await self.store.neighbours([node_id for node_id, _ in keys], per_kind)
        return [
            first_of_each_kind(neighbours, k)
            for neighbours, (_, k) in zip(found, keys, strict=True)
        ]
