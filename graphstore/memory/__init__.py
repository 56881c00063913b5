"""The in-memory store: the embedded default, with the Neo4j store's behaviour."""

from researchgraph.graphstore.memory.store import MemoryStore

__all__ = ["MemoryStore"]
