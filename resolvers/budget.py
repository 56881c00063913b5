"""A per-client budget on query cost, leaky-bucket style (as Shopify's): each client
has `capacity` points that refill at `restore_per_s`; a request is charged its
estimated cost before it runs and settled at its actual cost once it has (a refund,
or a debt when the result was bigger than estimated), and a request that costs more
than is left is refused with how long to wait.

Buckets live in this process: behind N replicas a client gets N budgets (a shared
counter would be needed to hold one budget across them)."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

# Distinct clients remembered; past it the longest-idle bucket is forgotten (its
# client starts over with a full one), so memory stays bounded under address churn.
MAX_CLIENTS = 100_000


@dataclass(frozen=True)
class Charge:
    """The outcome of asking for `cost` points."""

    allowed: bool
    cost: int
    capacity: int
    remaining: int
    restore_per_s: float
    # Until the bucket can pay this request (when refused), and until it is full.
    retry_after_s: float
    reset_s: float


class CostBudget:
    def __init__(
        self,
        capacity: int,
        restore_per_s: float,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        if capacity <= 0 or restore_per_s <= 0:
            raise ValueError("a budget needs a positive capacity and restore rate")
        self.capacity = capacity
        self.restore_per_s = restore_per_s
        self._clock = clock
        self._max_clients = max_clients
        # client -> (points available, when that was computed)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _available(self, client: str, now: float) -> float:
        level, since = self._buckets.get(client, (float(self.capacity), now))
        return min(float(self.capacity), level + (now - since) * self.restore_per_s)

    def _store(self, client: str, level: float, now: float) -> None:
        self._buckets[client] = (level, now)
        self._buckets.move_to_end(client)
        while len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)

    def _charge(self, allowed: bool, cost: int, level: float, missing: float) -> Charge:
        return Charge(
            allowed=allowed,
            cost=cost,
            capacity=self.capacity,
            remaining=max(0, math.floor(level)),
            restore_per_s=self.restore_per_s,
            retry_after_s=max(0.0, missing) / self.restore_per_s,
            reset_s=(self.capacity - level) / self.restore_per_s,
        )

    def spend(self, client: str, cost: int) -> Charge:
        """Charge `cost` if the client has it; a refused request costs nothing."""
        now = self._clock()
        level = self._available(client, now)
        if cost > level:
            self._store(client, level, now)
            return self._charge(False, cost, level, cost - level)
        level -= cost
        self._store(client, level, now)
        return self._charge(True, cost, level, 0.0)

    def settle(self, client: str, charged: int, actual: int) -> Charge:
        """Replace what a request was charged by what it really cost; the level may go
        below zero (a debt that refills like any spending)."""
        now = self._clock()
        level = min(float(self.capacity), self._available(client, now) + charged - actual)
        self._store(client, level, now)
        return self._charge(True, actual, level, 0.0)
