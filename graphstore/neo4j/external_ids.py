"""Nodes by the ids people already hold: one query for a batch of every scheme, each
branch an equality on an indexed property (see `migrations`)."""

from __future__ import annotations

from collections.abc import Sequence

from researchgraph.graphstore.external_ids import ExternalId, Scheme
from researchgraph.graphstore.neo4j.connection import Connection

# Scheme -> the label and property that hold it. Several nodes may carry one value
# (OpenAlex keeps some duplicates): the smallest id answers, in both stores.
HOLDERS: dict[Scheme, tuple[str, str]] = {
    Scheme.DOI: ("Work", "doi"),
    Scheme.ARXIV: ("Work", "arxivId"),
    Scheme.ORCID: ("Researcher", "orcid"),
    Scheme.ROR: ("Institution", "ror"),
}

RESOLVE = "\nUNION ALL\n".join(
    f"UNWIND ${scheme.value} AS value MATCH (n:{label} {{{prop}: value}}) "
    f"RETURN '{scheme.value}' AS scheme, value, min(n.id) AS id"
    for scheme, (label, prop) in HOLDERS.items()
)


async def resolve(connection: Connection, external: Sequence[ExternalId]) -> list[str | None]:
    values: dict[str, list[str]] = {scheme.value: [] for scheme in Scheme}
    for key in dict.fromkeys(external):
        values[key.scheme.value].append(key.value)
    rows = await connection.read(RESOLVE, values)
    found = {ExternalId(Scheme(row["scheme"]), row["value"]): row["id"] for row in rows}
    return [found.get(key) for key in external]
