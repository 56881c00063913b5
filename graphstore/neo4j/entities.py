"""Entities by id: one query per kind, one row per id found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.pages import researcher_projection, work_projection
from researchgraph.graphstore.neo4j.properties import from_row, row_projection
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)

R = TypeVar("R")

RESEARCHERS = (
    f"UNWIND $ids AS id MATCH (n:Researcher {{id: id}}) RETURN {researcher_projection('n')} AS n"
)
WORKS = f"UNWIND $ids AS id MATCH (n:Work {{id: id}}) RETURN {work_projection('n')} AS n"

TOPICS = (
    f"UNWIND $ids AS id MATCH (n:Topic {{id: id}}) RETURN {row_projection(TopicRecord, 'n')} AS n"
)
INSTITUTIONS = (
    "UNWIND $ids AS id MATCH (n:Institution {id: id}) "
    f"RETURN {row_projection(InstitutionRecord, 'n')} AS n"
)
SOURCES = (
    f"UNWIND $ids AS id MATCH (n:Source {{id: id}}) RETURN {row_projection(SourceRecord, 'n')} AS n"
)


async def by_id(
    connection: Connection, query: str, cls: type[R], ids: Sequence[str]
) -> list[R | None]:
    rows = await connection.read(query, {"ids": list(dict.fromkeys(ids))})
    found = {row["n"][0]: from_row(cls, row["n"]) for row in rows}  # the id comes first
    return [found.get(i) for i in ids]


async def researchers(connection: Connection, ids: Sequence[str]) -> list[ResearcherRecord | None]:
    return await by_id(connection, RESEARCHERS, ResearcherRecord, ids)


async def works(connection: Connection, ids: Sequence[str]) -> list[WorkRecord | None]:
    return await by_id(connection, WORKS, WorkRecord, ids)


async def topics(connection: Connection, ids: Sequence[str]) -> list[TopicRecord | None]:
    return await by_id(connection, TOPICS, TopicRecord, ids)


async def institutions(
    connection: Connection, ids: Sequence[str]
) -> list[InstitutionRecord | None]:
    return await by_id(connection, INSTITUTIONS, InstitutionRecord, ids)


async def sources(connection: Connection, ids: Sequence[str]) -> list[SourceRecord | None]:
    return await by_id(connection, SOURCES, SourceRecord, ids)
