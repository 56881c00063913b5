"""A work's sort keys as Cypher expressions, the same as `pages.order_key`."""

from __future__ import annotations

from researchgraph.graphstore.pages import NO_YEAR_ASC, NO_YEAR_DESC, WorkOrder


def order_key(n: str, order: str) -> str:
    """The key of the work `n` in `order` (one fixed order)."""
    if order == WorkOrder.YEAR_ASC:
        return f"coalesce({n}.year, {NO_YEAR_ASC})"
    if order == WorkOrder.CITATIONS_DESC:
        return f"-coalesce({n}.citationCount, 0)"  # as records read it
    return f"-coalesce({n}.year, {NO_YEAR_DESC})"


def work_key(n: str, order: str) -> str:
    """The key of the work `n` in the order the expression `order` names."""
    return f"""CASE {order}
      WHEN '{WorkOrder.YEAR_ASC}' THEN {order_key(n, WorkOrder.YEAR_ASC)}
      WHEN '{WorkOrder.CITATIONS_DESC}' THEN {order_key(n, WorkOrder.CITATIONS_DESC)}
      ELSE {order_key(n, WorkOrder.YEAR_DESC)} END"""
