"""Each distinct document validated once, looked up by the parsed document's identity.

Strawberry's `ValidationCache` keys its LRU cache on the parsed document itself, and
a document's hash walks its whole syntax tree: on every request, about a hundredth of
a profile page's CPU. The parse cache before it hands back one document object per
query text, so the object's identity is key enough; a document parsed anew (a parse
cache miss) is validated anew, as it would be without a cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

MAX_DOCUMENTS = 256


class _Document:
    """A parsed document as a key by identity. The cache entry holds the document, so
    its id is not reused while the entry lives."""

    __slots__ = ("node",)

    def __init__(self, node: DocumentNode) -> None:
        self.node = node

    def __hash__(self) -> int:
        return id(self.node)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Document) and other.node is self.node


@lru_cache(maxsize=MAX_DOCUMENTS)
def _validated(
    schema: GraphQLSchema,
    document: _Document,
    rules: tuple[type[ASTValidationRule], ...],
) -> list[GraphQLError]:
    return validate_document(schema, document.node, rules)


class ValidationCache(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None  # parsing came first
        context.pre_execution_errors = _validated(
            context.schema._schema, _Document(context.graphql_document), context.validation_rules
        )
        yield
