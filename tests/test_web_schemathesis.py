"""Schemathesis against the live server's OpenAPI document: no server errors, and responses that match
the status codes, content types and schemas the document declares."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from web_server import LiveServer, wait_for_job

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def test_openapi_document_holds_under_schemathesis(tmp_path: Path) -> None:
    with LiveServer() as live:
        text = (
            "Port authority opens new terminal\nThe port authority opened a new container terminal on Friday."
        )
        job = httpx.post(live.url + "/api/add", data={"text": text}).json()
        assert wait_for_job(live.url, job["id"])["status"] == "done"
        schema = httpx.get(live.url + "/openapi.json").json()
        assert {
            "/api/stories",
            "/api/stories/{story_id}/brief",
            "/api/articles/{article_id}",
            "/api/add",
            "/api/jobs/{job_id}",
        } <= set(schema["paths"])
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            live.url + "/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            "25",
            "--seed",
            "7",
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--request-timeout",
            "120",
            "--no-color",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
