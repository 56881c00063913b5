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

from graphql import GraphQLError, GraphQLSyntaxError

from researchgraph.graphstore import InvalidBookmark, StoreTimeout, StoreUnavailable
from researchgraph.resolvers.errors import ApiError, ErrorCode

log = logging.getLogger("researchgraph.errors")

# How graphql-core words a variable value that does not fit its type (the client's
# input), as opposed to a document that misuses its variables (validation).
_COERCION_PHRASES = ("invalid value", "was not provided", "must not be null")
# graphql-core's parser giving up on a document over the token limit: a syntax error
# too, told apart by its wording, which names the limit.
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


def _fields(request_id: str) -> dict[str, str]:
    """The request id as a field of the JSON log line, as the request log gives it
    (the message keeps it too, for the plain format)."""
    return {"request_id": request_id}


def error_order(error: GraphQLError) -> tuple[tuple[tuple[int, int | str], ...], str]:
    """Errors by where they arose (response path, then message), not by which
    resolver finished first: the same request gets the same bytes every time."""
    path = tuple((0, part) if isinstance(part, int) else (1, part) for part in error.path or ())
    return path, error.message


def classify(error: GraphQLError, request_id: str) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ApiError):
        return _with_code(error, original.code, original.message) if not error.extensions else error
    if isinstance(error, GraphQLSyntaxError):
        if over_tokens := _TOKEN_LIMIT.search(error.message):
            limit = int(over_tokens.group(1))
            return _with_code(
                GraphQLError(error.message, extensions={"limit": limit}),
                ErrorCode.TOO_MANY_TOKENS,
                f"This document has more than {limit} tokens, the limit.",
            )
        return _with_code(error, ErrorCode.GRAPHQL_PARSE_FAILED)
    if original is None or isinstance(original, GraphQLError):
        if error.message.startswith("Variable ") and any(
            phrase in error.message for phrase in _COERCION_PHRASES
        ):
            return _with_code(error, ErrorCode.BAD_USER_INPUT)
        # Validation errors, and the refusals of our rules that name their own code.
        code = (error.extensions or {}).get("code", ErrorCode.GRAPHQL_VALIDATION_FAILED)
        return _with_code(error, code)
    if isinstance(original, InvalidBookmark):
        return _with_code(
            error, ErrorCode.INVALID_BOOKMARK, f"The database refused the bookmark: {original}"
        )
    if isinstance(original, StoreTimeout):
        log.warning(
            "store timeout (request %s): %s", request_id, original, extra=_fields(request_id)
        )
        return _with_code(error, ErrorCode.TIMEOUT, "The query took too long and was cancelled.")
    if isinstance(original, StoreUnavailable):
        log.warning(
            "store unavailable (request %s): %s", request_id, original, extra=_fields(request_id)
        )
        return _with_code(
            error, ErrorCode.SERVICE_UNAVAILABLE, "The graph database is unavailable; retry later."
        )
    log.error(
        "unexpected error (request %s)", request_id, exc_info=original, extra=_fields(request_id)
    )
    return _with_code(
        error, ErrorCode.INTERNAL_SERVER_ERROR, f"Internal error (request id {request_id})."
    )
