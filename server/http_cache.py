"""What HTTP caches may keep of a GraphQL answer. A GET query from an anonymous client
whose answer holds no error is public for `max_age` seconds and carries an `ETag` over
its data, so a client or CDN revalidates with `If-None-Match` and gets 304 without the
body; anything else (a signed-in viewer's answer, an error, a POST) is never stored.
The ETag covers `data` alone: `extensions` (cost, budget left) differ per request."""

from __future__ import annotations

import hashlib

import orjson

ETAG = b"etag"
VARY = (b"vary", b"Accept, Authorization")
NEVER_STORED = (b"cache-control", b"no-store")


def etag(data: object) -> str:
    return '"' + hashlib.blake2b(orjson.dumps(data), digest_size=16).hexdigest() + '"'


def cache_control(max_age: int) -> tuple[bytes, bytes]:
    value = f"public, max-age={max_age}" if max_age > 0 else "public, no-cache"
    return (b"cache-control", value.encode())


def not_modified(if_none_match: str | None, tag: bytes) -> bool:
    """Whether the client's `If-None-Match` names `tag` (or `*`); weak tags compare
    equal to strong ones, as RFC 9110 asks for this header."""
    if not if_none_match:
        return False
    wanted = tag.decode("latin-1")
    listed = (t.strip().removeprefix("W/") for t in if_none_match.split(","))
    return any(t in (wanted, "*") for t in listed)
