"""Real OpenAlex records (CC0, see fixtures/openalex/SOURCES.md) through the mapper
and into both stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from researchgraph.graphstore.ingest import openalex
from researchgraph.graphstore.records import AffiliationRecord, GraphBatch

from conftest import ApiFactory, StoreFactory
from queries import PROFILE

FIXTURES = Path(__file__).parent / "fixtures" / "openalex"
SNOWBALL = (
    "works-snowball-keypaper.jsonl",
    "works-snowball-citing.jsonl",
    "works-snowball-cited.jsonl",
)


def _lines(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (FIXTURES / name).read_text().splitlines() if line.strip()]


def _snowball() -> list[dict[str, Any]]:
    return [entity for name in SNOWBALL for entity in _lines(name)]


def test_work_maps_faithfully() -> None:
    (keypaper,) = [e for e in _lines(SNOWBALL[0]) if e["id"].endswith("W3045921891")]
    batch = openalex.work(keypaper)
    (work,) = batch.works
    assert (work.id, work.type, work.year, work.arxiv_id) == (
        "W3045921891",
        "PREPRINT",
        2020,
        "2007.14454",
    )
    assert (
        work.venue_id == "S4306400194"
        and batch.source_mentions[0].name == "arXiv (Cornell University)"
    )
    assert work.abstract is not None and work.abstract.startswith(
        "The impact made by a scientific paper"
    )
    assert work.citation_count == keypaper["cited_by_count"]
    assert [a.position for a in batch.authorships] == list(range(len(keypaper["authorships"])))
    assert [a.researcher_id for a in batch.authorships] == [
        a["author"]["id"].removeprefix("https://openalex.org/") for a in keypaper["authorships"]
    ]
    assert [t.score for t in batch.work_topics] == [t["score"] for t in keypaper["topics"]]
    assert batch.topic_mentions[0].domain == keypaper["topics"][0]["domain"]["display_name"]
    assert len(batch.citations) == len(keypaper["referenced_works"])


def test_author_maps_orcid_and_affiliation_history() -> None:
    batch = openalex.author(json.loads((FIXTURES / "authors-sample.json").read_text()))
    (author,) = batch.researchers
    assert (author.id, author.name, author.orcid) == (
        "A5023888391",
        "Jason Priem",
        "0000-0001-6187-6610",
    )
    current = [a for a in batch.affiliations if a.current]
    assert current == [
        AffiliationRecord("A5023888391", "I4200000001", (2019, 2021, 2022, 2023), True)
    ]
    assert (
        len(batch.affiliations)
        == len(json.loads((FIXTURES / "authors-sample.json").read_text())["affiliations"])
        == 8
    )


def test_2023_author_shape_is_accepted() -> None:
    (entity,) = _lines("snapshot-2023/authors_updated_date=2023-04-21_part_000.jsonl")
    batch = openalex.author(entity)
    assert batch.researchers[0].name == "Lucero Molina"
    assert [(a.institution_id, a.current) for a in batch.affiliations] == [("I59553526", True)]


def test_abstract_is_rebuilt_in_word_order() -> None:
    assert (
        openalex.abstract_text({"world": [1, 3], "hello": [0], "again": [2]})
        == "hello world again world"
    )
    assert openalex.abstract_text(None) is None


@pytest.fixture(scope="module")
def snowball() -> GraphBatch:
    return openalex.merge(openalex.work(e) for e in _snowball())


async def test_closed_citation_subgraph_loads_on_both_stores(
    snowball: GraphBatch, store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    entities = _snowball()
    ids = {e["id"] for e in entities}
    internal = {(e["id"], r) for e in entities for r in e.get("referenced_works") or [] if r in ids}
    api = await api_for(await store_factory(snowball))
    total = 0
    for entity in entities:
        short = entity["id"].removeprefix("https://openalex.org/")
        data = await api.data(
            f'{{ work(id: "{short}") {{ references(first: 0) {{ totalCount }} }} }}'
        )
        total += data["work"]["references"]["totalCount"]  # type: ignore[index]
    assert total == len(internal) == 81


async def test_real_author_profile_is_identical_on_both_stores(
    snowball: GraphBatch,
    memory_factory: StoreFactory,
    neo4j_factory: StoreFactory,
    api_for: ApiFactory,
) -> None:
    first_author = _lines(SNOWBALL[0])[1]["authorships"][0]["author"]["id"].removeprefix(
        "https://openalex.org/"
    )
    memory = await api_for(await memory_factory(snowball))
    neo4j = await api_for(await neo4j_factory(snowball))
    on_memory = await memory.post(PROFILE, {"id": first_author})
    assert "errors" not in on_memory and on_memory["data"]["researcher"]["counts"]["works"] >= 1  # type: ignore[index]
    assert on_memory["data"] == (await neo4j.post(PROFILE, {"id": first_author}))["data"]
