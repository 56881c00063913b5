"""The GraphQL schema: an Apollo Federation v2 subgraph where every entity is keyed by
`id`. Types hold no logic; their fields delegate to `researchgraph.resolvers`."""

import re

import strawberry
from graphql import ASTValidationRule, GraphQLError, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.federation.schema import FederationAny
from strawberry.types import ExecutionContext, Info

from researchgraph.resolvers.errors import BadUserInput
from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.cost_control import CostControl
from researchgraph.schema.execution import PlannedExecutionContext
from researchgraph.schema.metrics import Metrics
from researchgraph.schema.query import Query
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.stats import StoreCallStats
from researchgraph.schema.users import Mutation
from researchgraph.schema.validation_cache import MAX_DOCUMENTS, ValidationCache
from researchgraph.schema.works import Source, Work

# Depth, aliases, directives and cost are measured by `CostControl`; tokens bound
# the work of parsing itself.
MAX_TOKENS = 4000


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


# `_entities` representations name one of these (each resolves by `id`).
ENTITY_TYPES = ("Researcher", "Work", "Topic", "Institution", "Source")
# A gateway batches a page's worth of entities; one store batch holds this many.
MAX_REPRESENTATIONS = 1000


def _representation_problem(representation: object) -> str | None:
    if not isinstance(representation, dict):
        return "a representation must be an object with `__typename` and `id`"
    if representation.get("__typename") not in ENTITY_TYPES:
        return f"`__typename` must be one of {', '.join(ENTITY_TYPES)}"
    if not isinstance(representation.get("id"), str) or set(representation) != {"__typename", "id"}:
        return "a representation holds exactly `__typename` and a string `id`"
    return None


class Schema(strawberry.federation.Schema):
    suggestions = True

    def entities_resolver(
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        """Malformed representations get a coded error each (strawberry's resolver
        assumes well-formed ones); the rest resolve together, batched."""
        if len(representations) > MAX_REPRESENTATIONS:
            raise BadUserInput(
                f"At most {MAX_REPRESENTATIONS} representations per request; got "
                f"{len(representations)}.",
                argument="representations",
                max=MAX_REPRESENTATIONS,
            )
        problems = [_representation_problem(r) for r in representations]
        resolved = iter(
            super().entities_resolver(
                info,
                [r for r, problem in zip(representations, problems, strict=True) if not problem],
            )
        )
        return [
            FederationAny(
                BadUserInput(f"representations[{i}]: {problem}.", argument="representations")
            )
            if problem
            else next(resolved)
            for i, problem in enumerate(problems)
        ]

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


def build_schema(
    introspection: bool = True, suggestions: bool = True, tracing: bool = False
) -> Schema:
    """Without introspection, `__schema` and `__type` are validation errors (federation
    reads `_service { sdl }`, which stays); suggestions name fields the client did not
    ask for, so they go with it."""
    rules: list[type[ASTValidationRule]] = [] if introspection else _NO_INTROSPECTION_RULES
    traced: list[type[SchemaExtension]] = []
    if tracing:  # OpenTelemetry is imported only when tracing is on
        from strawberry.extensions.tracing import OpenTelemetryExtension

        traced.append(OpenTelemetryExtension)
    schema = Schema(
        execution_context_class=PlannedExecutionContext,
        query=Query,
        mutation=Mutation,
        types=[Researcher, Work, Topic, Institution, Source],
        extensions=[
            *traced,
            Metrics,
            StoreCallStats,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: AddValidationRules(rules),
            # Documents repeat (a UI sends the same profile query): parse and
            # validate each distinct one once. The parse cache hands back the same
            # document object, which is what the validation cache is keyed on.
            lambda: ParserCache(maxsize=MAX_DOCUMENTS),
            ValidationCache,
            CostControl,  # after validation: prices only valid documents
        ],
    )
    schema.suggestions = suggestions and introspection
    return schema


__all__ = ["build_schema"]
