"""Persisted queries: Apollo's automatic persisted queries (APQ), so a client sends a
document's SHA-256 instead of the document (and a GET fits in a URL a cache can key
on), and an allow-list mode that runs only the documents the operator loaded.

The protocol (https://www.apollographql.com/docs/apollo-server/performance/apq):
`extensions.persistedQuery = {version: 1, sha256Hash}`. With the document too, the
hash must be the document's (else refused) and the pair is kept; without it, a kept
document runs, and an unknown hash answers `PERSISTED_QUERY_NOT_FOUND`, which tells
the client to send the document once."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from graphql import GraphQLError, parse

from researchgraph.resolvers.errors import ErrorCode
from researchgraph.server.config import ConfigError, Settings

# Documents kept per process from clients' registrations, least recently used out
# first: a UI has tens of documents, so this is room for many UIs and versions.
KEPT_DOCUMENTS = 1000


class PersistedQueryRefused(Exception):
    def __init__(self, message: str, code: ErrorCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class AllowListError(ConfigError):
    """The allow-list directory holds no usable GraphQL documents."""


def sha256(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def from_settings(settings: Settings) -> PersistedQueries:
    allowed = (
        load_allow_list(settings.persisted_queries_dir) if settings.persisted_queries_dir else {}
    )
    return PersistedQueries(allowed, settings.persisted_only)


def load_allow_list(directory: Path) -> dict[str, str]:
    """Every `*.graphql` file under `directory` (one document each, parsed now so a
    broken one stops start-up), by the SHA-256 of its text exactly as stored."""
    documents: dict[str, str] = {}
    if not directory.is_dir():
        raise AllowListError(f"RESEARCHGRAPH_PERSISTED_QUERIES_DIR={directory}: not a directory")
    for path in sorted(directory.rglob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        try:
            parse(text)
        except GraphQLError as error:
            raise AllowListError(f"{path}: not a GraphQL document: {error.message}") from None
        documents[sha256(text)] = text
    if not documents:
        raise AllowListError(f"{directory}: no *.graphql documents")
    return documents


class PersistedQueries:
    def __init__(self, allowed: Mapping[str, str] | None = None, only: bool = False) -> None:
        """`allowed`: the operator's documents by hash; `only`: run nothing else."""
        self.allowed = dict(allowed or {})
        self.only = only
        self.registered: LRUCache[str, str] = LRUCache(maxsize=KEPT_DOCUMENTS)

    def document(self, query: object, extensions: object) -> object:
        """The document to run for a request's `query` and `extensions` (`query`
        itself when no persisted query is involved); raises `PersistedQueryRefused`."""
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is None:
            if self.only and not (isinstance(query, str) and sha256(query) in self.allowed):
                raise _not_allowed()
            return query
        wanted = _hash(persisted)
        if isinstance(query, str):
            if sha256(query) != wanted:
                raise PersistedQueryRefused(
                    "The persisted query's sha256Hash is not the document's SHA-256.",
                    ErrorCode.BAD_REQUEST,
                )
            if self.only and wanted not in self.allowed:
                raise _not_allowed()
            if wanted not in self.allowed:
                self.registered[wanted] = query
            return query
        found = self.allowed.get(wanted) or self.registered.get(wanted)
        if found is None:
            # Apollo's clients match this message as well as the code.
            raise PersistedQueryRefused(
                "PersistedQueryNotFound", ErrorCode.PERSISTED_QUERY_NOT_FOUND
            )
        return found


def _hash(persisted: Any) -> str:
    if (
        not isinstance(persisted, dict)
        or persisted.get("version") != 1
        or not isinstance(persisted.get("sha256Hash"), str)
    ):
        raise PersistedQueryRefused(
            "`extensions.persistedQuery` must be {version: 1, sha256Hash: <hex>}.",
            ErrorCode.BAD_REQUEST,
        )
    return str(persisted["sha256Hash"]).lower()


def _not_allowed() -> PersistedQueryRefused:
    return PersistedQueryRefused(
        "This server runs only its persisted documents: send one of their "
        "`extensions.persistedQuery.sha256Hash` values.",
        ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
    )
