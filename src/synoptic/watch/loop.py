"""`synoptic watch` without `--once`: a round every interval until stopped. SIGTERM or Ctrl-C lets
the round in progress finish (its articles stored, its feed state saved) and then ends the loop; a
second Ctrl-C stops at once."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Sequence

from synoptic.run.runner import Runner
from synoptic.settings import Settings
from synoptic.store import Store
from synoptic.watch.feedlist import Source
from synoptic.watch.round import Progress, RoundReport, WatchConfig, poll_round

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds from "15m", "90s", "1h" or a bare number of seconds."""
    match = _EVERY.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"not an interval: {text!r} (say 90s, 15m, 1h)")
    return float(match.group(1)) * _UNITS[match.group(2)]


class Stopper:
    """Turns the first SIGTERM / SIGINT into a request to stop after this round."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._saved: dict[int, object] = {}

    def _handle(self, signum: int, _frame: object) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.event.set()

    def __enter__(self) -> Stopper:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                self._saved[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._saved.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


def watch(
    store: Store,
    sources: Sequence[Source],
    settings: Settings,
    config: WatchConfig,
    runner: Runner,
    every_s: float,
    once: bool = False,
    on_round: Callable[[RoundReport], None] | None = None,
    progress: Progress | None = None,
    stopper: Stopper | None = None,
) -> list[RoundReport]:
    """Rounds until `once`, a signal, or `stopper.event` is set; returns every round's report."""
    reports: list[RoundReport] = []
    with stopper or Stopper() as stop:
        while True:
            report = poll_round(store, sources, settings, config, runner, progress)
            reports.append(report)
            if on_round is not None:
                on_round(report)
            if once or stop.event.wait(every_s) or stop.event.is_set():
                break
    return reports
