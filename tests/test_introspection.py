"""Introspection and field suggestions, each configurable; suggestions never outlive
introspection, since both tell a client what the schema holds."""

from __future__ import annotations

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

TYPO = '{ researcher(id: "A1") { nme } }'
INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_on_by_default(memory_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await memory_factory(small_graph()))
    assert await api.data(INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}
    body = await api.post(TYPO)
    assert "Did you mean 'name'?" in body["errors"][0]["message"]  # type: ignore[index]


async def test_off_refuses_introspection_and_hides_suggestions(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()), introspection=False)
    body = await api.post(INTROSPECTION)
    error = body["errors"][0]  # type: ignore[index]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "introspection" in error["message"].lower() and "data" not in body
    typo = await api.post(TYPO)
    message = typo["errors"][0]["message"]  # type: ignore[index]
    assert message == "Cannot query field 'nme' on type 'Researcher'."
    # Federation reads the SDL through `_service`, which is not introspection.
    sdl = await api.data("{ _service { sdl } }")
    assert "type Researcher" in sdl["_service"]["sdl"]  # type: ignore[index]
    assert await api.data("{ __typename }") == {"__typename": "Query"}


async def test_suggestions_can_be_turned_off_alone(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()), field_suggestions=False)
    body = await api.post('{ researcher(id: "A1") { nme } researchers(frist: 2) { totalCount } }')
    messages = [e["message"] for e in body["errors"]]  # type: ignore[attr-defined]
    assert messages and not any("Did you mean" in m for m in messages)
    assert await api.data(INTROSPECTION)
