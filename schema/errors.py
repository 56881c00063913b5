"""Gives an error its machine-readable `extensions.code` and masks the unexpected
(applied to every response by the HTTP layer).

Expected errors (`ApiError`) keep their message and code. Parse and validation
errors are the client's (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`,
`BAD_USER_INPUT` for variables). A store outage is `SERVICE_UNAVAILABLE`; a cancelled
slow transaction `TIMEOUT`. Anything
else is a bug: logged with the request id, and returned as `INTERNAL_SERVER_ERROR`
without its details."""

import logging
import re

from graphql import GraphQLError

from researchgraph.graphstore import StoreTimeout, StoreUnavailable
from researchgraph.resolvers.errors import ApiError

log = logging.getLogger("researchgraph.errors")

# How graphql-core words a variable value that does not fit its type (the client's
# input), as opposed to a document that misuses its variables (validation).
_COERCION_PHRASES = ("invalid value", "was not provided", "must not be null")
# graphql-core's parser giving up on a document over the token limit.
_TOKEN_LIMIT = re.compile(r"Document contains more than (\d+) tokens")


def _with_code(error: GraphQLError, code: str, message: str | None = None) -> GraphQLError:
    return GraphQLError(
        message or error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**(error.extensions or {}), "code": code},
    )


def error_order(error: GraphQLError) -> tuple[tuple[tuple[int, int | str], ...], str]:
    """Errors by where they arose (response path, then message), not by which
    resolver finished first: the same request gets the same bytes every time."""
    path = tuple((0, part) if isinstance(part, int) else (1, part) for part in error.path or ())
    return path, error.message


def classify(error: GraphQLError, request_id: str) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ApiError):
        return _with_code(error, original.code, original.message) if not error.extensions else error
    if original is None or isinstance(original, GraphQLError):
        if over_tokens := _TOKEN_LIMIT.search(error.message):
            limit = int(over_tokens.group(1))
            return _with_code(
                GraphQLError(error.message, extensions={"limit": limit}),
                "TOO_MANY_TOKENS",
                f"This document has more than {limit} tokens, the limit.",
            )
        if error.message.startswith("Syntax Error"):
            return _with_code(error, "GRAPHQL_PARSE_FAILED")
        if error.message.startswith("Variable ") and any(
            phrase in error.message for phrase in _COERCION_PHRASES
        ):
            return _with_code(error, "BAD_USER_INPUT")
        return _with_code(error, (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED"))
    if isinstance(original, StoreTimeout):
        log.warning("store timeout (request %s): %s", request_id, original)
        return _with_code(error, "TIMEOUT", "The query took too long and was cancelled.")
    if isinstance(original, StoreUnavailable):
        log.warning("store unavailable (request %s): %s", request_id, original)
        return _with_code(
            error, "SERVICE_UNAVAILABLE", "The graph database is unavailable; retry later."
        )
    log.error("unexpected error (request %s)", request_id, exc_info=original)
    return _with_code(error, "INTERNAL_SERVER_ERROR", f"Internal error (request id {request_id}).")
