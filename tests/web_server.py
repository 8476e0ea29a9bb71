"""Private test helper: a real uvicorn server on 127.0.0.1 in a subprocess, over a temp store.

Servers started in one test session share one temp embedding cache, so the second one to read the
seeds does not embed them again.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
_CACHE_DIR = Path(tempfile.mkdtemp(prefix="synoptic-web-cache-"))
atexit.register(shutil.rmtree, _CACHE_DIR, True)

_LAUNCH = """
import sys, uvicorn
from synoptic.settings import Settings
from synoptic.web import WebConfig, create_app
home, cache, port, max_body = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
settings = Settings(home=home, cache_path=cache)
app = create_app(settings, WebConfig(host="127.0.0.1", max_body_bytes=max_body))
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """A server process; `url` is its base URL. Use as a context manager."""

    def __init__(
        self,
        cli_args: list[str] | None = None,
        env: dict[str, str] | None = None,
        max_body_bytes: int = 25_000_000,
    ) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="synoptic-web-home-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_path = self.home / "synoptic.sqlite"
        environment = {**os.environ, "SYNOPTIC_HOME": str(self.home), **(env or {})}
        if "SYNOPTIC_TOKEN" not in (env or {}):
            environment.pop("SYNOPTIC_TOKEN", None)
        cache = str(_CACHE_DIR / "cache.sqlite")
        if cli_args is None:
            command = [
                sys.executable,
                "-c",
                _LAUNCH,
                str(self.home),
                cache,
                str(self.port),
                str(max_body_bytes),
            ]
        else:
            command = [
                sys.executable,
                "-m",
                "synoptic",
                "serve",
                "--port",
                str(self.port),
                "--db",
                str(self.db_path),
                "--cache",
                cache,
                *cli_args,
            ]
        self.process = subprocess.Popen(
            command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

    def __enter__(self) -> LiveServer:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode() if self.process.stdout else ""
                raise RuntimeError(f"server exited: {output}")
            try:
                if httpx.get(self.url + "/openapi.json", timeout=2).status_code in {200, 401, 403}:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.home, ignore_errors=True)


class ThreadServer:
    """A real uvicorn server on 127.0.0.1 in a thread of the test process, for an app built in the
    test (a config to try, a route that fails on purpose). Cheap: no model loads until a brief is built."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def wait_for_job(base_url: str, job_id: str, timeout: float = 600) -> dict:
    """Poll the job status endpoint until the job is done or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{base_url}/api/jobs/{job_id}", timeout=10).json()
        if job["status"] in {"done", "failed"}:
            return job
        time.sleep(0.5)
    raise TimeoutError(json.dumps(job))


def gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
