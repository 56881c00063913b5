"""Ids people already hold, turned into ours: an OpenAlex URL without a lookup; a
DOI, arXiv id, ORCID or ROR id through one batched, indexed store read per request."""

from __future__ import annotations

from collections.abc import Sequence

from researchgraph.graphstore.external_ids import SCHEME_KIND, ExternalId, parse
from researchgraph.graphstore.ids import NodeKind, is_id
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.errors import BadUserInput


def checked(text: str, kinds: Sequence[NodeKind], argument: str = "id") -> str | ExternalId:
    """Our id, or the external id to look up, for a node of one of `kinds` (any, when
    empty); BAD_USER_INPUT for text that is no id, or an id of another kind."""
    parsed = text if is_id(text) else parse(text)
    if parsed is None:
        raise BadUserInput(
            f"`{text[:80]}` is not a node id (expected e.g. A5023888391, W2741809807, "
            "https://openalex.org/W2741809807, a DOI, arXiv id, ORCID or ROR id).",
            argument=argument,
        )
    if isinstance(parsed, str):
        limits.node_id(parsed, *kinds, argument=argument)
        return parsed
    kind = SCHEME_KIND[parsed.scheme]
    if kinds and kind not in kinds:
        names = " or ".join(k.value.lower() for k in kinds)
        raise BadUserInput(
            f"`{text[:80]}` is a {parsed.scheme.value} id, which names a {kind.value.lower()}, "
            f"not a {names}.",
            argument=argument,
        )
    return parsed


async def internal_id(ctx: Context, text: str, *kinds: NodeKind) -> str | None:
    """Our id for `text`; None when no node holds the external id it gives."""
    found = checked(text, kinds)
    return found if isinstance(found, str) else await ctx.loaders.external_ids.load(found)


async def internal_ids(ctx: Context, texts: Sequence[str], argument: str) -> list[str | None]:
    """Every text checked before any lookup; the external ones in one batch."""
    found = [checked(text, (), argument) for text in texts]
    external = [i for i in found if isinstance(i, ExternalId)]
    resolved = iter(await ctx.loaders.external_ids.load_many(external) if external else ())
    return [i if isinstance(i, str) else next(resolved) for i in found]
