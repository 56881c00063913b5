"""The GraphQL schema: an Apollo Federation v2 subgraph where every entity is keyed by
`id`. Types hold no logic; their fields delegate to `researchgraph.resolvers`."""

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.errors import ErrorCodes
from researchgraph.schema.query import Query
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.stats import StoreCallStats
from researchgraph.schema.works import Source, Work

# A profile page nests about 7 deep (researcher > works > edges > node > authors >
# researcher > name); these bounds leave room for that and refuse abusive documents.
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 4000


class Schema(strawberry.federation.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Client errors are answered, not logged; `ErrorCodes` logs the unexpected ones.
        return None


def build_schema() -> Schema:
    return Schema(
        query=Query,
        types=[Researcher, Work, Topic, Institution, Source],
        extensions=[
            ErrorCodes,
            StoreCallStats,
            # Documents repeat (a UI sends the same profile query): validate each
            # distinct one once. (strawberry's ParserCache is left out: it raises
            # syntax errors outside the operation, past `ErrorCodes`.)
            lambda: ValidationCache(maxsize=256),
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        ],
    )


__all__ = ["build_schema"]
