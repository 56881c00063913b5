"""Instants as the API writes them: ISO 8601 in UTC."""

from __future__ import annotations

import datetime


def iso(ms: int | None) -> str | None:
    if ms is None:
        return None
    return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.UTC).isoformat()
