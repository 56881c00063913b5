"""Search results. Key: a `SearchRequest` (terms, kinds, limit). Value: the hits,
best first; `[]` when nothing matches."""

from __future__ import annotations

from researchgraph.graphstore.search import SearchHitRecord, SearchRequest
from researchgraph.loaders.base import StoreLoader


class HitsBySearchLoader(StoreLoader[SearchRequest, list[SearchHitRecord]]):
    async def batch_load_fn(self, keys: list[SearchRequest]) -> list[list[SearchHitRecord]]:
        return await self.store.search(keys)
