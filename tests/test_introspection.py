"""Introspection and field suggestions, each configurable; suggestions never outlive
introspection, since both tell a client what the schema holds."""

from __future__ import annotations

from graphql import get_introspection_query

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


async def test_full_introspection_passes_and_nested_lists_are_bounded(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    """GraphiQL's introspection nests type references 15 deep: it must pass the depth
    limit for data, while introspection lists nested past graphql-core's bound, or
    type references past ours, are refused."""
    api = await api_for(await memory_factory(small_graph()))
    full = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    data = await api.data(full)
    assert any(t["name"] == "Researcher" for t in data["__schema"]["types"])  # type: ignore[index]
    nested = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    body = await api.post(nested)
    error = body["errors"][0]  # type: ignore[index]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["message"] == "Maximum introspection depth exceeded"
    chain = "name " + "".join("ofType { " for _ in range(20)) + "name" + " }" * 20
    body = await api.post(f'{{ __type(name: "Researcher") {{ {chain} }} }}')
    error = body["errors"][0]  # type: ignore[index]
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "depth": 22, "limit": 20}
