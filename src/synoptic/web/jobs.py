"""Background jobs with a pollable status: long work (fetching, cleaning, clustering, briefs) runs off
the request, one job at a time, and the Add page polls its progress."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

KEEP_JOBS = 200

Work = Callable[[Callable[[float, str], None]], dict[str, Any]]


@dataclass
class Job:
    id: str
    status: str = "queued"  # queued | running | done | failed
    progress: float = 0.0
    stage: str = "waiting"
    result: dict[str, Any] | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {
                "id": self.id,
                "status": self.status,
                "progress": round(self.progress, 3),
                "stage": self.stage,
                "result": self.result,
                "error": self.error,
            }


class JobBoard:
    """Runs jobs on one worker thread and remembers the latest `KEEP_JOBS` of them."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synoptic-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, work: Work) -> Job:
        job = Job(id=secrets.token_hex(8))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        self._executor.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, work: Work) -> None:
        def progress(fraction: float, stage: str) -> None:
            with job.lock:
                job.progress = max(job.progress, min(1.0, fraction))
                job.stage = stage

        with job.lock:
            job.status = "running"
        try:
            result = work(progress)
        except Exception as exc:  # a failed job reports; it never kills the worker
            with job.lock:
                job.status = "failed"
                job.error = f"{type(exc).__name__}: {exc}"
            return
        with job.lock:
            job.status, job.progress, job.stage, job.result = "done", 1.0, "done", result

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
