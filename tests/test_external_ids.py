"""Ids people already hold: DOIs, arXiv ids, ORCIDs, ROR ids and OpenAlex URLs
accepted wherever an entity is looked up, resolved through indexed properties in one
batched store call, and `nodes(ids:)` for batch lookups."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.external_ids import ExternalId, Scheme, parse
from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.neo4j.external_ids import RESOLVE
from researchgraph.graphstore.records import GraphBatch, WorkRecord

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

FIXTURES = Path(__file__).parent / "fixtures" / "openalex"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://openalex.org/W2741809807", "W2741809807"),
        ("https://openalex.org/works/w2741809807", "W2741809807"),
        ("https://api.openalex.org/authors/A5023888391", "A5023888391"),
        ("10.1038/NATURE12373", ExternalId(Scheme.DOI, "https://doi.org/10.1038/nature12373")),
        ("doi:10.1/W1", ExternalId(Scheme.DOI, "https://doi.org/10.1/w1")),
        ("DOI: 10.1/w1", ExternalId(Scheme.DOI, "https://doi.org/10.1/w1")),
        ("https://doi.org/10.1/W1", ExternalId(Scheme.DOI, "https://doi.org/10.1/w1")),
        ("http://dx.doi.org/10.1/w1", ExternalId(Scheme.DOI, "https://doi.org/10.1/w1")),
        ("arxiv:2301.01234", ExternalId(Scheme.ARXIV, "2301.01234")),
        ("arXiv:2301.01234v2", ExternalId(Scheme.ARXIV, "2301.01234")),
        ("https://arxiv.org/abs/2301.01234v3", ExternalId(Scheme.ARXIV, "2301.01234")),
        ("arxiv:hep-th/9901001", ExternalId(Scheme.ARXIV, "hep-th/9901001")),
        ("0000-0002-1825-0097", ExternalId(Scheme.ORCID, "0000-0002-1825-0097")),
        ("orcid:0000-0002-1694-233x", ExternalId(Scheme.ORCID, "0000-0002-1694-233X")),
        ("https://orcid.org/0000-0002-1825-0097", ExternalId(Scheme.ORCID, "0000-0002-1825-0097")),
        ("https://ror.org/03vek6s52", ExternalId(Scheme.ROR, "https://ror.org/03vek6s52")),
        ("ror:03VEK6S52", ExternalId(Scheme.ROR, "https://ror.org/03vek6s52")),
        ("03vek6s52", ExternalId(Scheme.ROR, "https://ror.org/03vek6s52")),
        # Not ids: a bare arXiv number (ambiguous), a DOI without its suffix, a
        # five-group ORCID, a ROR id with a letter where its check digits go.
        ("2301.01234", None),
        ("10.1038", None),
        ("0000-0002-1825-0097-1", None),
        ("03vek6s5x", None),
        ("https://example.org/W1", None),
        ("", None),
    ],
)
def test_parse_reads_the_forms_people_write(text: str, expected: object) -> None:
    assert parse(text) == expected


def graph_with_ids() -> GraphBatch:
    """The small graph, with a ROR id on I1 and a second work sharing W1's DOI."""
    batch = small_graph()
    institutions = [
        dataclasses.replace(i, ror="https://ror.org/03vek6s52") if i.id == "I1" else i
        for i in batch.institutions
    ]
    twin = WorkRecord("W9", "First (duplicate)", doi="https://doi.org/10.1/w1")
    return dataclasses.replace(batch, institutions=institutions, works=[*batch.works, twin])


async def test_stores_resolve_every_scheme_in_one_call(store_factory: StoreFactory) -> None:
    store = await store_factory(graph_with_ids())
    asked = [
        ExternalId(Scheme.ORCID, "0000-0002-1825-0097"),
        ExternalId(Scheme.DOI, "https://doi.org/10.1/w1"),  # W1 and W9: the smaller id
        ExternalId(Scheme.ARXIV, "2001.00001"),
        ExternalId(Scheme.ROR, "https://ror.org/03vek6s52"),
        ExternalId(Scheme.DOI, "https://doi.org/10.1/unknown"),
        ExternalId(Scheme.ORCID, "0000-0002-1825-0097"),
    ]
    assert await store.resolve_external_ids(asked) == ["A1", "W1", "W1", "I1", None, "A1"]
    assert await store.resolve_external_ids([]) == []


async def test_every_lookup_seeks_an_index(neo4j_store: Neo4jStore) -> None:
    """Never a scan: each branch of the lookup plans as an index seek."""
    async with neo4j_store.connection.driver.session() as session:
        result = await session.run("EXPLAIN " + RESOLVE, {s.value: ["x"] for s in Scheme})
        summary = await result.consume()
    assert summary.plan is not None
    operators = _operators(summary.plan)
    assert sum("NodeIndexSeek" in o for o in operators) == len(Scheme), operators
    assert not [o for o in operators if "Scan" in o], operators


def _operators(plan: dict[str, Any]) -> list[str]:
    children = plan.get("children") or []
    return [str(plan["operatorType"]), *(o for child in children for o in _operators(child))]


LOOKUPS = """
{
  researcher(id: "https://orcid.org/0000-0002-1825-0097") { id name }
  work(id: "DOI:10.1/W1") { id title }
  arxiv: work(id: "arXiv:2001.00001v2") { id }
  institution(id: "ror:03vek6s52") { id name }
  url: node(id: "https://openalex.org/A2") { id ... on Researcher { name } }
  orcid: node(id: "0000-0002-1825-0097") { id }
  missing: work(id: "10.1/nothing") { id }
  nodes(ids: ["https://doi.org/10.1/w1", "A9", "T1", "0000-0002-1825-0097", "W2"]) {
    id
    ... on Work { title }
  }
}
"""


async def test_entities_by_the_ids_people_hold(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(graph_with_ids()))
    body = await api.post(LOOKUPS)
    assert "errors" not in body, body
    assert body["data"] == {
        "researcher": {"id": "A1", "name": "Ada Example"},
        "work": {"id": "W1", "title": "First"},
        "arxiv": {"id": "W1"},
        "institution": {"id": "I1", "name": "Institute One"},
        "url": {"id": "A2", "name": "Bo Example"},
        "orcid": {"id": "A1"},
        "missing": None,
        "nodes": [
            {"id": "W1", "title": "First"},
            None,
            {"id": "T1"},
            {"id": "A1"},
            {"id": "W2", "title": "Second"},
        ],
    }
    # One call resolves all seven external ids, then one read per distinct root
    # selection (three researcher plans, two work plans), institutions and topics.
    assert body["extensions"]["storeCalls"] == 1 + 5 + 2  # type: ignore[index]


async def test_nodes_resolves_external_ids_in_one_batch(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(graph_with_ids()))
    ids = ["0000-0002-1825-0097", "doi:10.1/w1", "ror:03vek6s52", "10.1/missing", "T2"]
    body = await api.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert body["data"] == {"nodes": [{"id": "A1"}, {"id": "W1"}, {"id": "I1"}, None, {"id": "T2"}]}
    # The lookup, then researchers, works, institutions and topics: one call each.
    assert body["extensions"]["storeCalls"] == 5  # type: ignore[index]


@pytest.mark.parametrize(
    ("query", "argument", "words"),
    [
        ('{ researcher(id: "10.1/w1") { id } }', "id", "names a work, not a researcher"),
        ('{ institution(id: "0000-0002-1825-0097") { id } }', "id", "names a researcher"),
        ('{ work(id: "https://openalex.org/A1") { id } }', "id", "not a work id"),
        ('{ node(id: "isbn:978-3-16") { id } }', "id", "not a node id"),
        ('{ nodes(ids: ["A1", "nonsense"]) { id } }', "ids", "not a node id"),
        (
            "{ nodes(ids: [" + ", ".join(f'"A{i}"' for i in range(1, 102)) + "]) { id } }",
            "ids",
            "between 0 and 100",
        ),
    ],
)
async def test_ids_that_name_nothing_are_refused_before_any_read(
    store_factory: StoreFactory, api_for: ApiFactory, query: str, argument: str, words: str
) -> None:
    api = await api_for(await store_factory(graph_with_ids()))
    body = await api.post(query)
    [error] = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"]["argument"] == argument
    assert words in error["message"], error["message"]
    assert body["extensions"]["storeCalls"] == 0  # type: ignore[index]


async def test_nodes_is_priced_by_the_ids_it_is_given(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(graph_with_ids()))
    one = await api.post('{ nodes(ids: ["A1"]) { id } }')
    many = await api.post('{ nodes(ids: ["A1", "A2", "A3", "A4", "W1"]) { id } }')
    estimated = [b["extensions"]["cost"]["estimated"] for b in (one, many)]  # type: ignore[index]
    assert estimated[1] == 5 * estimated[0], estimated


async def test_imported_records_are_found_by_their_doi_and_arxiv_id(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    """Real OpenAlex records: a DOI in any case, and an arXiv id read from arXiv's DOI."""
    store: GraphStore = await store_factory(GraphBatch())
    await import_files(store, [FIXTURES / "works-snowball-cited.jsonl"])
    api = await api_for(store)
    body = await api.post(
        '{ a: work(id: "10.48550/ARXIV.1609.08144") { id arxivId }'
        ' b: work(id: "arxiv:1609.08144v2") { id } }'
    )
    assert "errors" not in body, body
    data = body["data"]
    assert data["a"] is not None and data["a"]["arxivId"] == "1609.08144"  # type: ignore[index]
    assert data["b"] == {"id": data["a"]["id"]}  # type: ignore[index]
