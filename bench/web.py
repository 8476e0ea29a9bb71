"""Time the Story page of the seed story warm: median (and p90) of N requests to a real local server.

Usage: .venv/bin/python bench/web.py [--requests 50]
The seeds are added through the API first; the first page request builds the brief (cold, seconds);
the timed requests after it read the cached brief. Target: median < 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from web_server import SEED_FILES, LiveServer, wait_for_job

TARGET_MS = 300.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with LiveServer() as live:
        files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in SEED_FILES]
        job = wait_for_job(live.url, httpx.post(live.url + "/api/add", files=files, timeout=60).json()["id"])
        stories = httpx.get(live.url + "/api/stories").json()["stories"]
        story = max(stories, key=lambda s: s["article_count"])
        url = f"{live.url}/stories/{story['id']}"
        with httpx.Client(timeout=600) as client:
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            cold_ms = (time.perf_counter() - start) * 1000
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
        times.sort()
        median = statistics.median(times)
        p90 = times[int(0.9 * (len(times) - 1))]
        print("| page | articles | requests | first (ms) | median warm (ms) | p90 warm (ms) | target |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| story (seeds) | {story['article_count']} | {len(times)} | {cold_ms:.0f} | {median:.1f} "
            f"| {p90:.1f} | < {TARGET_MS:.0f} ms {'ok' if median < TARGET_MS else 'MISSED'} |"
        )
        print(f"(add job: {job['status']}; {len(job['result']['placed'])} articles placed)")


if __name__ == "__main__":
    main()
