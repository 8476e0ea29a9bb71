"""Runners: where the parallel parts of a job run (source batch -> cleaned articles, story -> brief).

Every runner maps a top-level function `fn(settings, item)` over items and yields the results in the
items' order, so a job gives the same bytes on every runner. Items are consumed lazily with a bounded
number in flight: a 50k-line file never sits in memory whole. Workers build their own models from
the Settings they are handed (embedders and stores do not pickle); only the driver writes the store.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import Protocol, TypeVar

from synoptic.errors import SettingsError
from synoptic.settings import Settings

T = TypeVar("T")
R = TypeVar("R")
Task = Callable[[Settings, T], R]
RUNNERS = ("local", "process", "ray")


class Runner(Protocol):
    """Maps `fn(settings, item)` over `items`, results in input order."""

    name: str

    def map(self, fn: Task, settings: Settings, items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


def portable(settings: Settings) -> Settings:
    """Settings with every path resolved on the driver, so a worker with another SYNOPTIC_HOME (or on
    another machine with a shared folder) reads the same cache and home."""
    return replace(
        settings,
        home=str(settings.resolved_home),
        cache_path=str(settings.resolved_cache_path),
        db_path=str(settings.resolved_db_path),
        models_dir=str(settings.resolved_models_dir),
    )


def worker_count(requested: int) -> int:
    """`requested` workers, or one per CPU when 0."""
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


def _share_cpus(threads: int) -> None:
    """A pool worker's math libraries get its share of the CPUs, as Ray gives its workers: two workers
    each running torch on every core fight over them (briefs ran 0.62x local that way on 2 CPUs). The
    thread count does not change a vector (checked bit for bit)."""
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(threads)


class LocalRunner:
    """In the calling process, one item after another: the default, and the reference for the others."""

    name = "local"

    def map(self, fn: Task, settings: Settings, items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(settings, item)

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ProcessRunner:
    """A pool of spawned processes on this machine (spawn, not fork: torch and SQLite handles must not
    be inherited); each worker keeps its models between items."""

    name = "process"

    def __init__(self, workers: int = 0) -> None:
        self.workers = worker_count(workers)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            threads = max(1, (os.cpu_count() or 1) // self.workers)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_share_cpus, initargs=(threads,)
            )
        return self._pool

    def map(self, fn: Task, settings: Settings, items: Iterable[T]) -> Iterator[R]:
        pool = self._executor()
        settings = portable(settings)
        window: deque[Future] = deque()
        for item in items:
            window.append(pool.submit(fn, settings, item))
            if len(window) >= 2 * self.workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_runner(name: str = "local", ray_address: str = "", workers: int = 0) -> Runner:
    """The runner named `name` (local, process, ray); `ray_address` joins an existing Ray cluster."""
    if name == "local":
        return LocalRunner()
    if name == "process":
        return ProcessRunner(workers)
    if name == "ray":
        from synoptic.run.ray import RayRunner

        return RayRunner(address=ray_address or None, workers=workers)
    raise SettingsError(f"runner must be one of {', '.join(RUNNERS)}, got {name!r}")


def runner_for(settings: Settings) -> Runner:
    """The runner the settings name (`runner`, `ray_address`, `workers` in TOML or on the command line)."""
    return make_runner(
        getattr(settings, "runner", "local"),
        getattr(settings, "ray_address", ""),
        getattr(settings, "workers", 0),
    )
