"""The GraphQL schema: an Apollo Federation v2 subgraph where every entity is keyed by
`id`. Types hold no logic; their fields delegate to `researchgraph.resolvers`."""

import re

import strawberry
from graphql import ASTValidationRule, GraphQLError, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.cost_control import CostControl
from researchgraph.schema.metrics import Metrics
from researchgraph.schema.query import Query
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.stats import StoreCallStats
from researchgraph.schema.users import Mutation
from researchgraph.schema.works import Source, Work

# Depth, aliases, directives and cost are measured by `CostControl`; tokens bound
# the work of parsing itself.
MAX_TOKENS = 4000


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class Schema(strawberry.federation.Schema):
    suggestions = True

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Client errors are answered, not logged; `errors.classify` logs the unexpected.
        if not self.suggestions:
            for error in errors:
                error.message = _SUGGESTION.sub("", error.message)


# Built once: the validation cache is keyed on the rule classes, so every request
# must use the same ones.
_NO_INTROSPECTION_RULES: list[type[ASTValidationRule]] = [NoSchemaIntrospectionCustomRule]


def build_schema(introspection: bool = True, suggestions: bool = True) -> Schema:
    """Without introspection, `__schema` and `__type` are validation errors (federation
    reads `_service { sdl }`, which stays); suggestions name fields the client did not
    ask for, so they go with it."""
    rules: list[type[ASTValidationRule]] = [] if introspection else _NO_INTROSPECTION_RULES
    schema = Schema(
        query=Query,
        mutation=Mutation,
        types=[Researcher, Work, Topic, Institution, Source],
        extensions=[
            Metrics,
            StoreCallStats,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: AddValidationRules(rules),
            # Documents repeat (a UI sends the same profile query): parse and
            # validate each distinct one once. The parse cache hands back the same
            # document object, which is what the validation cache is keyed on.
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            CostControl,  # after validation: prices only valid documents
        ],
    )
    schema.suggestions = suggestions and introspection
    return schema


__all__ = ["build_schema"]
