"""First runs of a query text: one at a time per text, with a planning allowance;
later runs without it; everything forgotten when the database goes away."""

from __future__ import annotations

import asyncio

import pytest

from researchgraph.graphstore.neo4j.first_runs import PLANNING_ALLOWANCE_S, FirstRuns


async def _run(first_runs: FirstRuns, query: str, log: list[str], fail: bool = False) -> float:
    async with first_runs.admitted(query) as allowance:
        log.append(f"start {query}")
        await asyncio.sleep(0.01)
        log.append(f"end {query}")
        if fail:
            raise RuntimeError("timed out")
        return allowance


async def test_concurrent_first_runs_of_one_text_wait_for_the_first() -> None:
    first_runs, log = FirstRuns(), []
    allowances = await asyncio.gather(*(_run(first_runs, "Q", log) for _ in range(3)))
    # The first planned alone; the others ran after it, planned, without the allowance.
    assert allowances == [PLANNING_ALLOWANCE_S, 0.0, 0.0]
    assert log[:2] == ["start Q", "end Q"]


async def test_other_texts_do_not_wait() -> None:
    first_runs, log = FirstRuns(), []
    await asyncio.gather(_run(first_runs, "A", log), _run(first_runs, "B", log))
    assert log[:2] == ["start A", "start B"]


async def test_a_failed_first_run_leaves_the_text_unplanned() -> None:
    first_runs, log = FirstRuns(), []
    failing = asyncio.create_task(_run(first_runs, "Q", log, fail=True))
    waiting = asyncio.create_task(_run(first_runs, "Q", log))
    with pytest.raises(RuntimeError):
        await failing
    # The waiting run becomes the first run, with the allowance.
    assert await waiting == PLANNING_ALLOWANCE_S
    assert await _run(first_runs, "Q", log) == 0.0


async def test_forget_after_an_outage() -> None:
    first_runs, log = FirstRuns(), []
    await _run(first_runs, "Q", log)
    first_runs.forget()
    assert await _run(first_runs, "Q", log) == PLANNING_ALLOWANCE_S


async def test_remembers_a_bounded_number_of_texts() -> None:
    first_runs, log = FirstRuns(remembered=2), []
    for query in ["A", "B", "A", "C"]:  # A used again: B is the least recent
        await _run(first_runs, query, log)
    assert await _run(first_runs, "A", log) == 0.0
    assert await _run(first_runs, "B", log) == PLANNING_ALLOWANCE_S
