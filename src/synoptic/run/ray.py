"""The Ray runner: the same tasks as the process pool, as Ray tasks on a local or remote cluster.

With no address it joins the Ray instance this process already started (a test's `ray.init`), else
starts a local one sized by `workers`; with an address (`--ray-address ray://host:10001` or `auto`) it
joins that cluster. Workers import synoptic from their own environment and load models themselves;
the Settings travel once per map (`ray.put`), the items one per task, the results back in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from synoptic.errors import MissingDependencyError
from synoptic.run.runner import R, T, Task, portable
from synoptic.settings import Settings


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError("ray") from exc
    return ray


class RayRunner:
    """Tasks on Ray; a window of `2 x CPUs` tasks in flight keeps memory bounded on long inputs."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int = 0) -> None:
        ray = _ray()
        self._started = False
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=workers or None, **options)
            self._started = True
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._remote: dict[Any, Any] = {}

    def _task(self, fn: Task) -> Any:
        if fn not in self._remote:
            self._remote[fn] = _ray().remote(num_cpus=1, max_retries=0)(fn)
        return self._remote[fn]

    def map(self, fn: Task, settings: Settings, items: Iterable[T]) -> Iterator[R]:
        ray = _ray()
        remote = self._task(fn)
        shared = ray.put(portable(settings))
        window: deque[Any] = deque()
        for item in items:
            window.append(remote.remote(shared, item))
            if len(window) >= 2 * self.workers:
                yield ray.get(window.popleft())
        while window:
            yield ray.get(window.popleft())

    def close(self) -> None:
        """Shut Ray down only if this runner started it; a cluster joined stays up."""
        if self._started:
            _ray().shutdown()
            self._started = False

    def __enter__(self) -> RayRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
