"""Reads OpenAlex entity records from files: JSON Lines (plain or gzipped), a single
JSON object, or an API page (`{"results": [...]}`); from single files or a snapshot
tree (`works/updated_date=…/part_000.gz`, …). Each record comes with where it was
read, and a line that is not a usable record comes back as a `BadLine`."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from researchgraph.graphstore.ids import MalformedId, from_openalex, kind_of
from researchgraph.graphstore.ingest.openalex import TYPE_OF_PREFIX

ENTITY_TYPES = ("institutions", "topics", "sources", "authors", "works")
# Loading referenced entities first means fewer mentions to complete later; any
# order ends in the same state.
_TYPE_RANK = {name: rank for rank, name in enumerate(ENTITY_TYPES)}
_SUFFIXES = (".jsonl", ".json", ".gz", ".jsonl.gz", ".json.gz")


@dataclass(frozen=True, slots=True)
class Where:
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Record:
    type: str
    data: dict[str, Any]
    where: Where


@dataclass(frozen=True, slots=True)
class BadLine:
    where: Where
    reason: str


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    type_hint: str | None  # from the folder or file name; None: decided per record
    size: int


def _type_hint(path: Path) -> str | None:
    for part in reversed(path.parts):
        for name in ENTITY_TYPES:
            if part == name or part.startswith((f"{name}_", f"{name}-")):
                return name
    return None


def _is_data_file(path: Path) -> bool:
    name = path.name
    return not name.startswith(".") and (
        name.endswith(_SUFFIXES) or (name.startswith("part_") and "." not in name)
    )


def discover(paths: Iterable[Path]) -> list[InputFile]:
    """Every data file under `paths`, referenced entity types first, then by path."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and _is_data_file(p))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(path)
    found = [InputFile(p, _type_hint(p), p.stat().st_size) for p in files]
    return sorted(found, key=lambda f: (_TYPE_RANK.get(f.type_hint or "", 9), str(f.path)))


def _open_binary(path: Path) -> tuple[BinaryIO, BinaryIO]:
    """(the raw file, for progress by compressed bytes; the stream to read)."""
    raw = path.open("rb")
    magic = raw.read(2)
    raw.seek(0)
    if magic == b"\x1f\x8b":
        return raw, gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw, raw


def _record_type(data: dict[str, Any], hint: str | None) -> str:
    if not isinstance(data.get("id"), str):
        raise ValueError("no `id`")
    short = from_openalex(data["id"])
    try:
        kind_of(short)
        by_id = TYPE_OF_PREFIX[short[0]]
    except (MalformedId, KeyError):
        raise ValueError(
            f"`id` {data['id'][:60]!r} is not an OpenAlex author, work, topic, "
            "institution or source id"
        ) from None
    if hint is not None and hint != by_id:
        raise ValueError(f"a {by_id[:-1]} record in a {hint} file")
    return by_id


def _parse(line: bytes, where: Where, hint: str | None) -> Record | BadLine:
    try:
        data = orjson.loads(line)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return Record(_record_type(data, hint), data, where)
    except (ValueError, UnicodeDecodeError) as error:
        return BadLine(where, str(error)[:200])


@dataclass(frozen=True, slots=True)
class Share:
    """Every `of`-th record of a file, from the `index`-th: what one of `of` readers
    working on the same files in parallel parses."""

    index: int = 0
    of: int = 1

    def holds(self, number: int) -> bool:
        return number % self.of == self.index


class Reader:
    """Iterates the records of many files (its `share` of each), counting bytes read
    for progress."""

    def __init__(self, files: list[InputFile], share: Share = Share()) -> None:
        self.files = files
        self.share = share
        self.total_bytes = sum(f.size for f in files)
        self._finished_bytes = 0
        self._raw: BinaryIO | None = None

    @property
    def bytes_read(self) -> int:
        """Of the files as stored (compressed bytes for a gzipped file)."""
        current = self._raw.tell() if self._raw is not None and not self._raw.closed else 0
        return self._finished_bytes + current

    def __iter__(self) -> Iterator[Record | BadLine]:
        for file in self.files:
            yield from self._read(file)
            self._finished_bytes += file.size

    def _read(self, file: InputFile) -> Iterator[Record | BadLine]:
        raw, stream = _open_binary(file.path)
        self._raw = raw
        with raw, stream:
            if file.path.name.endswith((".json", ".json.gz")):
                yield from _whole_json(file, stream.read(), self.share)
                return
            for number, line in enumerate(stream, start=1):
                if self.share.holds(number) and line.strip():
                    yield _parse(line, Where(file.path, number), file.type_hint)


def _whole_json(file: InputFile, text: bytes, share: Share) -> Iterator[Record | BadLine]:
    """A `.json` file: one object, a list, or an API page; else JSON Lines."""
    try:
        data = orjson.loads(text)
    except ValueError:
        for number, line in enumerate(text.splitlines(), start=1):
            if share.holds(number) and line.strip():
                yield _parse(line, Where(file.path, number), file.type_hint)
        return
    items = data.get("results", [data]) if isinstance(data, dict) else data
    for number, item in enumerate(items if isinstance(items, list) else [items], start=1):
        if share.holds(number):
            yield _parse(orjson.dumps(item), Where(file.path, number), file.type_hint)
