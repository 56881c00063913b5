"""Typed, readable node ids: OpenAlex's own (`A…` author, `W…` work, `T…` topic,
`I…` institution, `S…` source), and ours for invitations (`V…`). The prefix names the kind, so `node(id:)` can
dispatch without a lookup and a malformed id is rejected before any query runs."""

from __future__ import annotations

import re
from enum import StrEnum


class NodeKind(StrEnum):
    RESEARCHER = "RESEARCHER"
    WORK = "WORK"
    TOPIC = "TOPIC"
    INSTITUTION = "INSTITUTION"
    SOURCE = "SOURCE"
    INVITATION = "INVITATION"  # private: never served by `node(id:)`


PREFIXES: dict[str, NodeKind] = {
    "A": NodeKind.RESEARCHER,
    "W": NodeKind.WORK,
    "T": NodeKind.TOPIC,
    "I": NodeKind.INSTITUTION,
    "S": NodeKind.SOURCE,
    "V": NodeKind.INVITATION,
}

_ID = re.compile(r"[AWTISV][1-9][0-9]{0,15}")
_OPENALEX_URL = "https://openalex.org/"


class MalformedId(ValueError):
    """The text is not a node id of any kind."""


def kind_of(node_id: str) -> NodeKind:
    """The kind an id names; raises `MalformedId` for anything else."""
    if not _ID.fullmatch(node_id):
        raise MalformedId(node_id)
    return PREFIXES[node_id[0]]


def is_id(text: str) -> bool:
    return bool(_ID.fullmatch(text))


def is_kind(node_id: str, kind: NodeKind) -> bool:
    return bool(_ID.fullmatch(node_id)) and PREFIXES[node_id[0]] is kind


def from_openalex(value: str) -> str:
    """`https://openalex.org/A123` or `A123` -> `A123` (OpenAlex writes both)."""
    short = value.removeprefix(_OPENALEX_URL)
    return short if short[:1].isupper() else short[:1].upper() + short[1:]
