"""Connection fields over the declared lists of works (`graphstore.model`): one call
per field, `works_field(WorkList.X, description)`, gives the arguments every list of
works takes (`first`, `after`, `orderBy`, `filter`; `groupBy` and `totalCount` on the
connection), reads the page with the record fields its selection shows, and marks the
field for planned reads (`resolvers.planning`), so nothing about a list is written
twice."""

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from researchgraph.graphstore.facets import WorkSelection
from researchgraph.graphstore.model import WorkList
from researchgraph.resolvers import works as resolvers
from researchgraph.resolvers.limits import MAX_FIRST
from researchgraph.resolvers.plan_marks import READS, WORKS_LIST
from researchgraph.schema.context import Info, page_fields
from researchgraph.schema.enums import WorkOrder

if TYPE_CHECKING:
    from researchgraph.schema.connections import WorkConnection
    from researchgraph.schema.works import WorkFilter

Lazy = strawberry.lazy


def works_field(works: WorkList, description: str) -> Any:
    """The connection field of `works` on the type whose objects own the list."""

    async def resolve(
        self: Any,
        info: Info,
        first: int = 20,
        after: str | None = None,
        order_by: WorkOrder = WorkOrder.YEAR_DESC,
        filter: Annotated["WorkFilter", Lazy("researchgraph.schema.works")] | None = None,
    ) -> Annotated["WorkConnection", Lazy("researchgraph.schema.connections")]:
        from researchgraph.schema.connections import WorkConnection

        wanted = filter.to_store() if filter else None
        found = await resolvers.works_page(
            info.context, works, self.id, first, after, order_by, wanted, page_fields(info)
        )
        return WorkConnection.from_record(found, WorkSelection(works, self.id, wanted))

    return strawberry.field(
        resolver=resolve,
        metadata={WORKS_LIST: works, READS: ()},
        description=f"{description}; `first` at most {MAX_FIRST}.",
    )
