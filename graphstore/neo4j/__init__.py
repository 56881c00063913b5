"""The Neo4j store: the only package that imports the `neo4j` driver."""

from researchgraph.graphstore.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
