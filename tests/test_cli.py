"""The command line as a new user meets it: every option explained with its default,
`generate` that does not mix datasets, and the compose file's own settings."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from researchgraph.graphstore.ingest.demo import demo_batch
from researchgraph.graphstore.ingest.synthetic import Scale, generate
from researchgraph.server import cli

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_option_has_help_and_shows_its_default(name: str) -> None:
    command = _commands()[name]
    text = " ".join(command.format_help().split())
    for action in command._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"{name} {action.dest}: no help"
        if action.default not in (None, False) and not action.required:
            shown = str(action.default) if action.default != [] else "[]"
            assert f"(default: {shown})" in text, f"{name} {action.dest}: default not shown"


def test_generate_refuses_a_folder_with_files_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not an empty directory"):
        cli.main(["generate", "--researchers", "20", "--works", "30", "--out", str(tmp_path)])
    (tmp_path / "works").mkdir()
    (tmp_path / "works" / "part_007.jsonl").write_text("{}\n")  # a larger, older dataset's
    cli.main(
        ["generate", "--researchers", "20", "--works", "30", "--out", str(tmp_path), "--force"]
    )
    assert (tmp_path / "notes.txt").read_text() == "mine"  # only dataset files replaced
    assert sorted(p.name for p in (tmp_path / "works").iterdir()) == ["part_000.jsonl"]


def test_generated_ids_do_not_collide_with_the_demo() -> None:
    demo = demo_batch()
    demo_ids = {r.id for r in demo.researchers} | {w.id for w in demo.works}
    demo_ids |= {t.id for t in demo.topic_mentions} | {i.id for i in demo.institution_mentions}
    demo_rors = {i.ror for i in demo.institution_mentions if i.ror}
    generated = list(generate(Scale(researchers=2000, works=3000), seed=1))
    ids = {entity["id"].rsplit("/", 1)[1] for _, entity in generated}
    rors = {entity["ror"] for kind, entity in generated if kind == "institutions"}
    dois = {entity["doi"] for kind, entity in generated if kind == "works"}
    assert ids and not ids & demo_ids
    assert rors and not rors & demo_rors
    assert not dois & {w.doi for w in demo.works}


def test_compose_takes_its_own_variables_not_the_shell_s_neo4j_password() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"(?<!\$)\$\{(\w+)", compose))  # $$: the container's own
    assert used == {
        "RESEARCHGRAPH_NEO4J_PASSWORD",
        "RESEARCHGRAPH_JWT_SECRET",
        "RESEARCHGRAPH_JWT_ISSUER",
        "RESEARCHGRAPH_JWT_AUDIENCE",
    }
    example = (ROOT / ".env.example").read_text()
    assert all(f"{name}=" in example for name in used)


def test_a_skewed_scale_puts_a_share_of_works_on_one_topic_and_venue(tmp_path: Path) -> None:
    """`generate --skew S`: at least that share of works has the hub topic as its
    primary topic and the hub venue; without it, the dataset is the one it was."""

    def works(scale: Scale) -> list[dict[str, Any]]:
        return [entity for kind, entity in generate(scale, seed=3) if kind == "works"]

    def share(found: list[dict[str, Any]], read: Callable[[dict[str, Any]], str]) -> float:
        hub = Counter(read(w) for w in skewed).most_common(1)[0][0]
        return sum(1 for w in found if read(w) == hub) / len(found)

    even, skewed = works(Scale(400, 2000)), works(Scale(400, 2000, skew=0.25))
    assert works(Scale(400, 2000, skew=0.0)) == even
    for read in (
        lambda w: w["primary_topic"]["id"],
        lambda w: w["primary_location"]["source"]["id"],
    ):
        assert share(skewed, read) >= 0.25 and share(skewed, read) - share(even, read) >= 0.1
    with pytest.raises(SystemExit):
        cli.main(
            [
                "generate",
                "--researchers",
                "2",
                "--works",
                "3",
                "--out",
                str(tmp_path),
                "--skew",
                "2",
            ]
        )
