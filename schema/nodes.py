"""The Relay `Node` interface every entity implements."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An entity with a stable, typed id (A…, W…, T…, I…, S…).")
class Node:
    id: strawberry.ID
