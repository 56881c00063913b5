"""Per-request batching: one aiodataloader `DataLoader` per relationship, each
batch exactly one store call, values aligned with keys."""

from researchgraph.loaders.factory import Loaders, build_loaders

__all__ = ["Loaders", "build_loaders"]
