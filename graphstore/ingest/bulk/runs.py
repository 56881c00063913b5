"""Tab-separated runs on disk, sorted by GNU sort: an external merge sort, so the
conversion holds a bounded slice of a snapshot in memory however large it is, and
every later step reads its input in id order, one group of lines at a time.

Lines start with their key fields and a sequence number (where the record was read),
so a bytewise sort orders each key's lines as they were read. Ids hold no tab, which
sorts below every character they do hold: a key's lines are contiguous, in the
order Python compares the ids."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

SORT_MEMORY = "25%"  # of physical memory, per sort; the rest spills to disk


class Runs:
    """Named runs under one folder, appended to while reading, sorted once."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self._open: dict[str, IO[str]] = {}

    def add(self, name: str, line: str) -> None:
        file = self._open.get(name)
        if file is None:
            file = self._open[name] = (self.folder / f"{name}.{self.suffix}").open(
                "w", encoding="utf-8"
            )
        file.write(line + "\n")

    def close(self) -> None:
        for file in self._open.values():
            file.close()
        self._open.clear()


def sort(folder: Path, name: str) -> Path:
    """Every unsorted run of `name` in `folder` (one per reader), merged in order into
    `name.sorted` (the unsorted runs are removed)."""
    sources = sorted(p for p in folder.glob(f"{name}.*") if p.suffix != ".sorted")
    out = folder / f"{name}.sorted"
    if not sources:
        out.write_text("")
        return out
    subprocess.run(
        [
            "sort",
            "-S",
            SORT_MEMORY,
            f"--parallel={os.cpu_count() or 1}",
            "-T",
            str(folder),
            "-o",
            str(out),
            *map(str, sources),
        ],
        env={**os.environ, "LC_ALL": "C"},  # bytewise, as the ids compare
        check=True,
    )
    for source in sources:
        source.unlink()
    return out


def groups(path: Path, key_fields: int) -> Iterator[tuple[tuple[str, ...], list[list[str]]]]:
    """The lines of a sorted run, split into fields, grouped by their first
    `key_fields` fields. (A plain loop: `itertools.groupby` with a key function
    took half again as long over the millions of lines of a `medium` import.)"""
    key: tuple[str, ...] | None = None
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = line[:-1].split("\t")
            row_key = tuple(row[:key_fields])
            if row_key != key:
                if key is not None:
                    yield key, rows
                key, rows = row_key, []
            rows.append(row)
    if key is not None:
        yield key, rows


def keyed(path: Path, key_fields: int) -> Iterator[tuple[str, list[list[str]]]]:
    """`groups` by the first field only, each group's lines grouped by `key_fields`
    and kept once each, the last read (the sequence number sorts them)."""
    for key, rows in groups(path, 1):
        last: dict[tuple[str, ...], list[str]] = {}
        for row in rows:
            last[tuple(row[:key_fields])] = row
        yield key[0], list(last.values())


def joined(*streams: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, list[Any]]]:
    """Streams sorted by key, merged: each key with its value in every stream (None
    where a stream lacks it)."""
    heads: list[tuple[str, Any] | None] = [next(s, None) for s in streams]
    while keys := [head[0] for head in heads if head is not None]:
        key = min(keys)
        values: list[Any] = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == key:
                values.append(head[1])
                heads[index] = next(streams[index], None)
            else:
                values.append(None)
        yield key, values
