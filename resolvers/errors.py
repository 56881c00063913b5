"""The API's error vocabulary: every `extensions.code` it returns, and the expected
failures that carry one."""

from __future__ import annotations

from enum import StrEnum

from graphql import GraphQLError


class ErrorCode(StrEnum):
    """Every `extensions.code` a response can carry; a client may switch on these."""

    # The HTTP request itself, refused before GraphQL reads it.
    BAD_REQUEST = "BAD_REQUEST"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
    # A persisted query's hash the server does not hold (send the document once), or
    # a document outside the allow-list.
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED"
    # An `x-neo4j-bookmark` header that is not a bookmark, or one the database does not
    # know (`graphstore.causal`).
    INVALID_BOOKMARK = "INVALID_BOOKMARK"
    # The document: unparsable, invalid, or over a limit.
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
    TOO_MANY_OPERATIONS = "TOO_MANY_OPERATIONS"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    TOO_MANY_DIRECTIVES = "TOO_MANY_DIRECTIVES"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    # What the client asked for or sent.
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    # The server: slow, without its database, or at fault.
    TIMEOUT = "TIMEOUT"
    # Too many requests at once for this process: retry after `Retry-After`.
    OVERLOADED = "OVERLOADED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class ApiError(GraphQLError):
    code = ErrorCode.INTERNAL_SERVER_ERROR

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message, extensions={"code": self.code, **details})


class BadUserInput(ApiError):
    code = ErrorCode.BAD_USER_INPUT


class NotFound(ApiError):
    code = ErrorCode.NOT_FOUND


class Unauthenticated(ApiError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(ApiError):
    code = ErrorCode.FORBIDDEN


class Conflict(ApiError):
    code = ErrorCode.CONFLICT


class RateLimited(ApiError):
    code = ErrorCode.RATE_LIMITED
