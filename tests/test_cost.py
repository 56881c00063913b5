"""Query cost: estimated before execution, reported, and enforced before the store."""

from __future__ import annotations

from researchgraph.schema.cost import MAX_COST, actual_cost

from conftest import ApiFactory, StoreFactory
from graphs import small_graph
from queries import PROFILE

NESTED = """query($n: Int!) { researchers(first: $n) { edges { node {
  works(first: $n) { edges { node { citedBy(first: $n) { edges { node { id } } } } } } } } } }"""


def test_actual_cost_counts_objects_below_the_root_in_lists_of_lists() -> None:
    result = {"a": {"b": [{"c": 1}, [{"d": [1, 2]}, None]], "e": None}, "f": [["x"]]}
    assert actual_cost(result) == 3
    assert actual_cost({}) == actual_cost(None) == 0


async def test_cost_is_reported_and_exact_for_a_small_query(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    body = await api.post('{ researcher(id: "A1") { works(first: 5) { edges { node { id } } } } }')
    # Estimated: researcher 1 + works 5 x (connection 1 + edges 1 + node 1); actual: the
    # researcher, the connection, and 3 works with an edge each.
    assert body["extensions"]["cost"] == {"estimated": 16, "actual": 8, "limit": MAX_COST}  # type: ignore[index]
    profile = await api.post(PROFILE, {"id": "A1"})
    assert "errors" not in profile
    assert 1000 < profile["extensions"]["cost"]["estimated"] < MAX_COST / 4  # type: ignore[index]


async def test_multiplying_lists_are_refused_before_the_store(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(NESTED, {"n": 100})
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > MAX_COST and error["extensions"]["limit"] == MAX_COST
    assert body["extensions"]["storeCalls"] == 0  # type: ignore[index]
    small = await api.post(NESTED, {"n": 3})
    assert "errors" not in small
    # What the document alone decides is worked out once; the estimate still follows
    # the variables that size its lists, in whatever order they come.
    smaller = await api.post(NESTED, {"n": 2})
    assert smaller["extensions"]["cost"]["estimated"] < small["extensions"]["cost"]["estimated"]  # type: ignore[index]
    again = await api.post(NESTED, {"n": 100})
    assert again["errors"] == body["errors"]
    assert (await api.post(NESTED, {"n": 3}))["extensions"]["cost"] == small["extensions"]["cost"]  # type: ignore[index]
    out_of_range = await api.post(NESTED, {"n": 1000})
    assert out_of_range["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]


async def test_fragments_count_and_cycles_do_not_hang(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    bomb = """{ researchers(first: 100) { ...R } }
      fragment R on ResearcherConnection { edges { node { works(first: 100) { ...W } } } }
      fragment W on WorkConnection { edges { node { references(first: 100) { totalCount } } } }"""
    body = await api.post(bomb)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"  # type: ignore[index]
    cycle = """{ researchers { ...A } } fragment A on ResearcherConnection { ...B }
      fragment B on ResearcherConnection { ...A }"""
    body = await api.post(cycle)
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"  # type: ignore[index]
