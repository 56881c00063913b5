"""The profile page through HTTP, with exact values on the small graph, per store."""

from __future__ import annotations

import math
from typing import Any

from conftest import ApiFactory, StoreFactory
from graphs import small_graph
from queries import PROFILE


def _signal(name: str, value: float, weight: float) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 4),
        "weight": weight,
        "contribution": round(value * weight, 4),
    }


# The documented trust formula, restated: Ada has an ORCID (L2), is unclaimed, has 3
# works, 15 citations, 1 close collaborator and no followers.
ADA_SIGNALS = [
    _signal("verification", 2 / 3, 45.0),
    _signal("claimed", 0.0, 28.0),
    _signal("followers", 0.0, 14.0),
    _signal("network", math.log1p(1) / math.log1p(100), 6.0),
    _signal("record", math.log1p(3) / math.log1p(500), 5.0),
    _signal("citations", math.log1p(15) / math.log1p(10_000), 2.0),
]

INSTITUTE_ONE = {"id": "I1", "name": "Institute One"}
INSTITUTE_TWO = {"id": "I2", "name": "Institute Two"}
ADA = {"id": "A1", "name": "Ada Example"}
BO = {"id": "A2", "name": "Bo Example"}
CY = {"id": "A3", "name": "Cy Example"}
GRAPHS = {"id": "T1", "name": "Graphs"}
DATABASES = {"id": "T2", "name": "Databases"}

ADA_HEADER = {
    "id": "A1",
    "name": "Ada Example",
    "orcid": "0000-0002-1825-0097",
    "summary": "Graphs.",
    "openToCollaborate": False,
    "claimed": False,
    "affiliation": INSTITUTE_ONE,
    "affiliations": [
        {"institution": INSTITUTE_ONE, "years": [2021, 2022]},
        {"institution": INSTITUTE_TWO, "years": [2018, 2019, 2020]},
    ],
    "trust": {
        "score": round(sum(s["contribution"] for s in ADA_SIGNALS)),
        "band": "EMERGING",
        "verificationLevel": "L2",
        "claimed": False,
        "signals": ADA_SIGNALS,
    },
    "counts": {"works": 3, "followers": 0, "topics": 2, "closeCollaborators": 1, "citations": 15},
    "topics": [
        {"topic": GRAPHS, "works": 2, "share": 0.6667},
        {"topic": DATABASES, "works": 2, "share": 0.6667},
    ],
    "closeCollaborators": [
        {"researcher": BO, "sharedWorks": 2, "firstYear": 2020, "lastYear": 2021}
    ],
}

ADA_WORKS = [
    {
        "id": "W3",
        "title": "Third",
        "abstract": None,
        "year": 2022,
        "type": "ARTICLE",
        "codeUrl": None,
        "citationCount": 0,
        "venue": None,
        "authors": [{"position": 0, "researcher": ADA, "institutions": []}],
        "topics": [{"topic": DATABASES, "score": 0.7}],
    },
    {
        "id": "W2",
        "title": "Second",
        "abstract": None,
        "year": 2021,
        "type": "ARTICLE",
        "codeUrl": None,
        "citationCount": 5,
        "venue": None,
        "authors": [
            {"position": 0, "researcher": ADA, "institutions": [INSTITUTE_ONE]},
            {"position": 1, "researcher": BO, "institutions": []},
            {"position": 2, "researcher": CY, "institutions": []},
        ],
        "topics": [{"topic": GRAPHS, "score": 0.8}],
    },
    {
        "id": "W1",
        "title": "First",
        "abstract": "About graphs.",
        "year": 2020,
        "type": "PREPRINT",
        "codeUrl": "https://github.com/x/w1",
        "citationCount": 10,
        "venue": {"id": "S1", "name": "arXiv"},
        "authors": [
            {"position": 0, "researcher": ADA, "institutions": [INSTITUTE_ONE]},
            {"position": 1, "researcher": BO, "institutions": [INSTITUTE_TWO]},
        ],
        "topics": [{"topic": GRAPHS, "score": 0.9}, {"topic": DATABASES, "score": 0.5}],
    },
]


async def test_profile_page_has_every_part(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    researcher = (await api.data(PROFILE, {"id": "A1"}))["researcher"]
    assert isinstance(researcher, dict)
    works = researcher.pop("works")
    graph = researcher.pop("graph")
    assert researcher == ADA_HEADER
    assert works["totalCount"] == 3
    assert works["pageInfo"]["hasNextPage"] is False
    assert [edge["node"] for edge in works["edges"]] == ADA_WORKS
    assert works["pageInfo"]["endCursor"] == works["edges"][-1]["cursor"]

    assert graph["center"] == "A1" and graph["truncated"] is False
    kinds = {node["id"]: node["kind"] for node in graph["nodes"]}
    assert kinds == {
        "A1": "RESEARCHER",
        "A2": "RESEARCHER",
        "A3": "RESEARCHER",
        "W1": "WORK",
        "W2": "WORK",
        "W3": "WORK",
        "T1": "TOPIC",
        "T2": "TOPIC",
        "I1": "INSTITUTION",
        "I2": "INSTITUTION",
    }
    assert len(graph["nodes"]) == len(kinds)
    weights = {node["id"]: node["weight"] for node in graph["nodes"]}
    assert (weights["A1"], weights["A2"], weights["A3"], weights["W2"]) == (1.0, 1.0, 0.5, 0.5)
    edges = {(e["source"], e["target"], e["kind"]): e["weight"] for e in graph["edges"]}
    assert all(source in kinds and target in kinds for source, target, _ in edges)
    assert edges[("A1", "A2", "COAUTHOR")] == 2.0
    assert edges[("A2", "A3", "COAUTHOR")] == 2.0  # they also share W4, outside the slice
    assert edges[("W3", "W1", "CITES")] is None
    assert edges[("A1", "I2", "AFFILIATED_WITH")] == 3.0
    assert ("W4", "W1", "CITES") not in edges
    assert edges[("A1", "T1", "RESEARCHES")] == 2.0
    assert ("A2", "T1", "RESEARCHES") not in edges  # topic edges come from the center
    assert len(edges) == 20


async def test_graph_limit_keeps_each_kind_and_marks_truncation(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(
        """{ researcher(id: "A1") { graph(limit: 5) { truncated nodes { id } edges { source target kind } } } }"""
    )
    graph = data["researcher"]["graph"]  # type: ignore[index]
    assert [n["id"] for n in graph["nodes"]] == ["A1", "A2", "W1", "T1", "I2"]
    assert graph["truncated"] is True
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


async def test_graph_depth_two_and_kinds(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(
        """{
          deep: graphSlice(center: "W3", depth: 2) { nodes { id } truncated }
          people: graphSlice(center: "A1", kinds: [RESEARCHER]) { nodes { id } edges { kind } }
        }"""
    )
    deep = {n["id"] for n in data["deep"]["nodes"]}  # type: ignore[index]
    # W3's authors, topic and references, then their neighbours (W4 cites W1; Bo...).
    assert {"W3", "A1", "T2", "W1", "W2", "A2", "W4", "T1", "I1"} <= deep
    assert [n["id"] for n in data["people"]["nodes"]] == ["A1", "A2", "A3"]  # type: ignore[index]
    assert {e["kind"] for e in data["people"]["edges"]} == {"COAUTHOR"}  # type: ignore[index]


async def test_work_topic_institution_and_node(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(
        """{
          work(id: "W1") {
            doi arxivId url
            references(first: 5) { totalCount }
            citedBy(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id } } }
          }
          topic(id: "T1") { name field works(first: 5, orderBy: CITATIONS_DESC) { edges { node { id } } } }
          institution(id: "I2") { name countryCode researchers(first: 5) { totalCount edges { node { id } } } }
          w: node(id: "W2") { __typename ... on Work { title } }
          s: node(id: "S1") { __typename ... on Source { name } }
          researchers(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } }
        }"""
    )
    assert data["work"] == {
        "doi": "https://doi.org/10.1/w1",
        "arxivId": "2001.00001",
        "url": None,
        "references": {"totalCount": 0},
        "citedBy": {
            "totalCount": 2,
            "pageInfo": {"hasNextPage": True},
            "edges": [{"node": {"id": "W3"}}],
        },
    }
    assert data["topic"] == {
        "name": "Graphs",
        "field": "Computer Science",
        "works": {"edges": [{"node": {"id": "W1"}}, {"node": {"id": "W2"}}]},
    }
    assert data["institution"] == {
        "name": "Institute Two",
        "countryCode": "FR",
        "researchers": {"totalCount": 2, "edges": [{"node": {"id": "A1"}}, {"node": {"id": "A2"}}]},
    }
    assert data["w"] == {"__typename": "Work", "title": "Second"}
    assert data["s"] == {"__typename": "Source", "name": "arXiv"}
    assert data["researchers"] == {
        "totalCount": 4,
        "edges": [{"node": {"id": "A1"}}, {"node": {"id": "A2"}}],
        "pageInfo": {"hasNextPage": True},
    }


async def test_collaborators_and_work_filters(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(
        """{ researcher(id: "A2") {
              collaborators(first: 5) { researcher { id } sharedWorks }
              close: collaborators(minSharedWorks: 2) { researcher { id } }
              recent: works(filter: {yearFrom: 2020, types: [ARTICLE, PREPRINT]}, orderBy: YEAR_ASC) {
                totalCount edges { node { id } } }
              affiliation { id }
              openToCollaborate
        } }"""
    )
    assert data["researcher"] == {
        "collaborators": [
            {"researcher": {"id": "A1"}, "sharedWorks": 2},
            {"researcher": {"id": "A3"}, "sharedWorks": 2},
        ],
        "close": [{"researcher": {"id": "A1"}}, {"researcher": {"id": "A3"}}],
        "recent": {"totalCount": 2, "edges": [{"node": {"id": "W1"}}, {"node": {"id": "W2"}}]},
        "affiliation": {"id": "I2"},
        "openToCollaborate": True,
    }


async def test_researcher_without_affiliation_or_works(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(PROFILE, {"id": "A4"})
    researcher = data["researcher"]
    assert isinstance(researcher, dict)
    assert researcher["affiliation"] is None and researcher["affiliations"] == []
    assert researcher["trust"]["verificationLevel"] == "L0"
    assert researcher["trust"]["band"] == "EMERGING"
    assert researcher["works"] == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }
    assert researcher["graph"]["nodes"] == [
        {"id": "A4", "kind": "RESEARCHER", "label": "Di Example", "weight": 1.0}
    ]
