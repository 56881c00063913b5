"""The schema is an Apollo Federation v2 subgraph; entities resolve in batches."""

from __future__ import annotations

from conftest import ApiFactory, StoreFactory
from graphs import small_graph


async def test_sdl_declares_every_entity_key(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    sdl = (await api.data("{ _service { sdl } }"))["_service"]["sdl"]  # type: ignore[index]
    assert '@link(url: "https://specs.apollo.dev/federation/v2' in sdl
    for entity in ("Researcher", "Work", "Topic", "Institution", "Source"):
        assert f'type {entity} implements Node @key(fields: "id")' in sdl


async def test_entities_resolve_in_one_batch(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(
        """query($r: [_Any!]!) { _entities(representations: $r) {
             ... on Researcher { id name } ... on Work { id title } ... on Topic { id name } } }""",
        {
            "r": [
                {"__typename": "Researcher", "id": "A1"},
                {"__typename": "Researcher", "id": "A2"},
                {"__typename": "Researcher", "id": "A3"},
                {"__typename": "Work", "id": "W2"},
                {"__typename": "Topic", "id": "T9"},
            ]
        },
    )
    assert body["data"] == {
        "_entities": [
            {"id": "A1", "name": "Ada Example"},
            {"id": "A2", "name": "Bo Example"},
            {"id": "A3", "name": "Cy Example"},
            {"id": "W2", "title": "Second"},
            None,
        ]
    }
    # researchers, works, topics: one batch each
    assert body["extensions"]["storeCalls"] == 3  # type: ignore[index]
