"""First runs of a query text: one at a time per text, each told it is the first
(to plan it); later runs not; everything forgotten when the database goes away."""

from __future__ import annotations

import asyncio

import pytest

from researchgraph.graphstore.neo4j.first_runs import FirstRuns


async def _run(first_runs: FirstRuns, query: str, log: list[str], fail: bool = False) -> bool:
    async with first_runs.admitted(query) as first:
        log.append(f"start {query}")
        await asyncio.sleep(0.01)
        log.append(f"end {query}")
        if fail:
            raise RuntimeError("timed out")
        return first


async def test_concurrent_first_runs_of_one_text_wait_for_the_first() -> None:
    first_runs, log = FirstRuns(), []
    firsts = await asyncio.gather(*(_run(first_runs, "Q", log) for _ in range(3)))
    # The first ran alone; the others after it, as later runs.
    assert firsts == [True, False, False]
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
    # The waiting run becomes the first run.
    assert await waiting is True
    assert await _run(first_runs, "Q", log) is False


async def test_forget_after_an_outage() -> None:
    first_runs, log = FirstRuns(), []
    await _run(first_runs, "Q", log)
    first_runs.forget()
    assert await _run(first_runs, "Q", log) is True


async def test_remembers_a_bounded_number_of_texts() -> None:
    first_runs, log = FirstRuns(remembered=2), []
    for query in ["A", "B", "A", "C"]:  # A used again: B is the least recent
        await _run(first_runs, query, log)
    assert await _run(first_runs, "A", log) is False
    assert await _run(first_runs, "B", log) is True


async def test_an_outage_leaves_the_recent_reads_to_plan_again_once() -> None:
    first_runs = FirstRuns()
    for query in ["A", "B", "C"]:
        async with first_runs.admitted(query, {"id": query}):
            pass
    async with first_runs.admitted("a write"):  # no parameters kept: not planned again
        pass
    async with first_runs.admitted("A", {"id": "A"}):  # A again: the most recent read
        pass
    first_runs.forget()
    assert first_runs.take_forgotten() == [
        ("A", {"id": "A"}),
        ("C", {"id": "C"}),
        ("B", {"id": "B"}),
    ]
    assert first_runs.take_forgotten() == []
