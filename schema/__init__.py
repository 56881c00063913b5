"""The GraphQL schema: an Apollo Federation v2 subgraph where every entity is keyed by
`id`. Types hold no logic; their fields delegate to `researchgraph.resolvers`."""

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_limit_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit_rule
from strawberry.types import ExecutionContext

from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.cost import CostLimit
from researchgraph.schema.metrics import Metrics
from researchgraph.schema.query import Query
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.stats import StoreCallStats
from researchgraph.schema.users import Mutation
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
        # Client errors are answered, not logged; `errors.classify` logs the unexpected.
        return None


# Built once: the validation cache is keyed on the rule classes, so every request
# must use the same ones.
_LIMIT_RULES: list[type[ASTValidationRule]] = [
    depth_limit_rule(MAX_DEPTH, should_ignore=None),
    alias_limit_rule(MAX_ALIASES),
]


def build_schema() -> Schema:
    return Schema(
        query=Query,
        mutation=Mutation,
        types=[Researcher, Work, Topic, Institution, Source],
        extensions=[
            Metrics,
            StoreCallStats,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: AddValidationRules(_LIMIT_RULES),
            # Documents repeat (a UI sends the same profile query): parse and
            # validate each distinct one once. The parse cache hands back the same
            # document object, which is what the validation cache is keyed on.
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            CostLimit,  # after validation: prices only valid documents
        ],
    )


__all__ = ["build_schema"]
