"""Progress of a long run: a rich bar on a terminal, plain lines in a log, or nothing.

The stages report articles done and input bytes done; the ETA comes from
bytes (known up front from the file sizes), the rate from articles. Lines
about rejected inputs go through :meth:`Progress.message` so that they do not
tear the bar.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

# A log gets one line at most this often: enough to see a run is alive
# without drowning a CI log (a 20,000-article run prints about 10 lines).
PLAIN_INTERVAL_S = 5.0


class Progress(Protocol):
    def start(self, total_bytes: int | None) -> None: ...
    def update(self, articles: int, bytes_done: int) -> None: ...
    def message(self, line: str) -> None: ...
    def close(self) -> None: ...


class NullProgress:
    """No display; messages still go to the stream (they are about lost input)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def start(self, total_bytes: int | None) -> None:
        pass

    def update(self, articles: int, bytes_done: int) -> None:
        pass

    def message(self, line: str) -> None:
        if self.stream is not None:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


def _duration(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class PlainProgress:
    """A line every :data:`PLAIN_INTERVAL_S` seconds, for logs and pipes."""

    def __init__(self, stream: TextIO, label: str = "parsed", interval: float = PLAIN_INTERVAL_S) -> None:
        self.stream = stream
        self.label = label
        self.interval = interval
        self.articles = 0
        self.bytes_done = 0
        self.total: int | None = None
        self.started = self.last = time.monotonic()

    def start(self, total_bytes: int | None) -> None:
        self.total = total_bytes
        self.started = self.last = time.monotonic()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        text = f"{self.label} {self.articles:,} articles ({self.articles / elapsed:,.0f}/s)"
        if self.total:
            frac = min(self.bytes_done / self.total, 1.0)
            eta = elapsed * (1 - frac) / frac if frac > 0 else None
            text += f", {frac:.0%} of input"
            if eta is not None:
                text += f", ETA {_duration(eta)}"
        return text

    def update(self, articles: int, bytes_done: int) -> None:
        self.articles += articles
        self.bytes_done = bytes_done
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            print(self.line(), file=self.stream, flush=True)

    def message(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichProgress:
    """A live bar with articles/s and ETA, on a terminal."""

    def __init__(self, stream: TextIO, label: str = "parsing") -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        self.console = Console(file=stream)
        self.bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[articles]:,} done"),
            TextColumn("{task.fields[rate]:,.0f} articles/s"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = self.bar.add_task(label, total=None, articles=0, rate=0.0)
        self.articles = 0
        self.started = time.monotonic()

    def start(self, total_bytes: int | None) -> None:
        self.started = time.monotonic()
        self.bar.update(self.task, total=total_bytes or None)
        self.bar.start()

    def update(self, articles: int, bytes_done: int) -> None:
        self.articles += articles
        rate = self.articles / max(time.monotonic() - self.started, 1e-9)
        self.bar.update(self.task, completed=bytes_done, articles=self.articles, rate=rate)

    def message(self, line: str) -> None:
        self.bar.console.print(line, markup=False, highlight=False)

    def close(self) -> None:
        self.bar.stop()


def make_progress(quiet: bool, stream: TextIO | None = None, label: str = "parsing") -> Progress:
    """The display that suits ``stream``: none when quiet, a bar on a terminal, lines otherwise."""
    stream = stream or sys.stderr
    if quiet:
        return NullProgress(stream)
    if stream.isatty():
        return RichProgress(stream, label)
    return PlainProgress(stream)
