"""Import progress: a redrawn line on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import Protocol, TextIO

log = logging.getLogger("researchgraph.import")


class Progress(Protocol):
    def update(self, records: int, done_bytes: int, total_bytes: int) -> None: ...
    def finish(self) -> None: ...


def _eta(started: float, done: int, total: int) -> str:
    if done <= 0 or total <= 0:
        return "--:--"
    remaining = (time.monotonic() - started) * (total - done) / done
    minutes, seconds = divmod(int(remaining), 60)
    return f"{minutes:02d}:{seconds:02d}"


class TerminalProgress:
    """Redraws one line at most five times a second: records, rate, percent, ETA."""

    def __init__(self, out: TextIO = sys.stderr) -> None:
        self.out = out
        self.started = time.monotonic()
        self.last_drawn = 0.0

    def update(self, records: int, done_bytes: int, total_bytes: int) -> None:
        now = time.monotonic()
        if now - self.last_drawn < 0.2:
            return
        self.last_drawn = now
        rate = records / max(now - self.started, 1e-9)
        percent = 100 * done_bytes / total_bytes if total_bytes else 100.0
        bar = "#" * int(percent / 5)
        self.out.write(
            f"\r[{bar:<20}] {percent:5.1f}%  {records:,} records  {rate:,.0f}/s  "
            f"ETA {_eta(self.started, done_bytes, total_bytes)} "
        )
        self.out.flush()

    def finish(self) -> None:
        self.out.write("\n")
        self.out.flush()


class LogProgress:
    """One log line every `every` seconds, for logs and CI."""

    def __init__(self, every: float = 5.0) -> None:
        self.every = every
        self.started = time.monotonic()
        self.last_logged = self.started

    def update(self, records: int, done_bytes: int, total_bytes: int) -> None:
        now = time.monotonic()
        if now - self.last_logged < self.every:
            return
        self.last_logged = now
        rate = records / max(now - self.started, 1e-9)
        log.info(
            "%d records, %.0f/s, %.1f%% of input, ETA %s",
            records,
            rate,
            100 * done_bytes / total_bytes if total_bytes else 100.0,
            _eta(self.started, done_bytes, total_bytes),
        )

    def finish(self) -> None:
        return None


def for_stream(stream: TextIO = sys.stderr, log_every: float = 5.0) -> Progress:
    return TerminalProgress(stream) if stream.isatty() else LogProgress(log_every)
