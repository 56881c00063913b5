"""The storage boundary: a `GraphStore` protocol of batch reads and loads, with a
Neo4j implementation and an in-memory one that behave the same."""

from researchgraph.graphstore.errors import (
    InvalidBookmark,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
)
from researchgraph.graphstore.protocol import GraphStore

__all__ = ["GraphStore", "InvalidBookmark", "StoreError", "StoreTimeout", "StoreUnavailable"]
