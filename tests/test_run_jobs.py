"""The jobs of `synoptic.run` through the CLI and the web app: `cluster --jsonl` cleans and prints every
article on every run; stored briefs are served by the web app without a rebuild; pages and feeds are
ingested from the CLI through the SSRF guard; a JSONL file is stored whole, past one cleaning batch."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from conftest import SEEDS
from synoptic.cli import app
from synoptic.model import LineKind
from synoptic.settings import Settings
from synoptic.store import Store
from web_server import free_port

SEED_FILES = sorted(SEEDS.glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEED_FILES, reason="../shared/seeds is not present")


def _cli(*args: str) -> tuple[int, str, list[dict]]:
    result = CliRunner().invoke(app, list(args))
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, result.output, rows


@pytest.fixture(scope="module")
def seed_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in SEED_FILES]
    lines = [json.dumps({"id": f"r{n}", "text": text}) for n, text in enumerate(texts)]
    path.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clustered(seed_jsonl: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings):
    """`cluster --jsonl` run twice on one store, then `briefs`; returns (db, first rows, second rows)."""
    db = tmp_path_factory.mktemp("store") / "news.sqlite"
    common = ["--db", str(db), "--cache", str(settings.resolved_cache_path)]
    first = _cli("cluster", "--jsonl", str(seed_jsonl), *common)
    second = _cli("cluster", "--jsonl", str(seed_jsonl), *common)
    briefs = _cli("briefs", *common)
    return db, first, second, briefs


def test_cluster_jsonl_prints_every_article_on_every_run(clustered) -> None:
    _db, (code1, out1, rows1), (code2, _out2, rows2), _ = clustered
    assert code1 == 1 and "E_JSONL_SYNTAX" in out1  # the broken line is reported, the rest is read
    assert [r["id"] for r in rows1] == [f"r{n}" for n in range(len(SEED_FILES))]
    assert rows2 == rows1 and code2 == 1
    assert len({r["story"] for r in rows1}) == 1  # the five seed articles tell one story


def test_cluster_jsonl_articles_are_cleaned_and_briefed(clustered) -> None:
    db, (_code, _out, rows), _, (briefs_code, briefs_out, _) = clustered
    assert briefs_code == 0 and "briefs: 1 written" in briefs_out
    with Store.open(db) as store:
        articles = store.articles([r["article"] for r in rows])
        stored = store.get_brief(rows[0]["story"])
    assert len(articles) == len(SEED_FILES)
    # the noise lines were classified, not kept as body
    assert any(line.kind is not LineKind.BODY for a in articles for line in a.lines)
    assert all(a.sentences for a in articles)
    assert stored is not None and len(json.loads(stored[0])["summary"]) >= 3


class _Server:
    """The web app in a uvicorn thread of this process, so the test can count what it builds."""

    def __init__(self, settings: Settings) -> None:
        from synoptic.web import WebConfig, create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings, WebConfig()), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def test_web_serves_briefs_stored_by_the_briefs_command(
    clustered, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import synoptic.pipeline

    db, (_code, _out, rows), _, _ = clustered
    builds: list[str] = []
    real = synoptic.pipeline.build_brief

    def counted(*args, **kwargs):
        builds.append("built")
        return real(*args, **kwargs)

    monkeypatch.setattr(synoptic.pipeline, "build_brief", counted)
    story_id = rows[0]["story"]
    with Store.open(db) as store:
        stored = json.loads(store.get_brief(story_id)[0])
    web_settings = Settings(home=settings.home, cache_path=settings.cache_path, db_path=str(db))
    with _Server(web_settings) as live:
        served = httpx.get(f"{live.url}/api/stories/{story_id}/brief", timeout=300)
        page = httpx.get(f"{live.url}/stories/{story_id}", timeout=300)
        assert served.status_code == 200 and page.status_code == 200
        assert served.json() == stored
        assert builds == []
        # the counter can see a build: a story whose members changed is rebuilt, once
        with Store.open(db) as store:
            store.assign(rows[-1]["article"], "s-moved-out-by-test", "moved")
        rebuilt = httpx.get(f"{live.url}/api/stories/{story_id}/brief", timeout=300).json()
        assert builds == ["built"] and len(rebuilt["story"]["article_ids"]) == len(rows) - 1
        with Store.open(db) as store:
            store.assign(rows[-1]["article"], story_id, "")


# -- pages and feeds from the CLI, from a real server on 127.0.0.1 ----------------------------------


def _page(path: Path) -> bytes:
    lines = path.read_text(encoding="utf-8").split("\n")
    body = "".join(f"<p>{line}</p>" for line in lines[1:] if line.strip())
    head = f"<head><title>{lines[0]}</title></head>"
    return f"<html>{head}<body><article>{body}</article></body></html>".encode()


class _Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            items = "".join(
                f"<item><title>Item {n}</title><link>{origin}/a{n}</link></item>" for n in range(2, 4)
            )
            channel = f"<channel><title>Wire</title>{items}</channel>"
            body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
            kind, data = "application/rss+xml", body.encode()
        elif self.path.startswith("/a") and self.path[2:].isdigit() and int(self.path[2:]) < len(SEED_FILES):
            kind, data = "text/html; charset=utf-8", _page(SEED_FILES[int(self.path[2:])])
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_cli_ingests_pages_and_feeds_through_the_guard(site: str, settings: Settings, tmp_path: Path) -> None:
    common = ["--db", str(tmp_path / "s.sqlite"), "--cache", str(settings.resolved_cache_path)]
    refused, out, _ = _cli("ingest", f"{site}/a0", "--feed", f"{site}/feed.xml", *common)
    assert refused == 1 and "2 input problem(s)" in out and out.count("non-public address") == 2
    code, out, _ = _cli(
        "ingest", f"{site}/a0", f"{site}/a1", "--feed", f"{site}/feed.xml", "--allow-private-urls", *common
    )
    assert code == 0, out
    assert "4 article(s) added" in out
    with Store.open(tmp_path / "s.sqlite") as store:
        urls = sorted(a.url for a in store.articles())
    assert urls == [f"{site}/a{n}" for n in range(4)]


def test_ingest_keeps_every_line_of_a_jsonl_file_past_one_batch(settings: Settings, tmp_path: Path) -> None:
    """A batch holds max_articles_per_brief documents; a file three batches long is stored whole."""
    path = tmp_path / "many.jsonl"
    topics = ("harbour", "council", "museum", "bridge", "library", "market")
    with path.open("w", encoding="utf-8") as out:
        for n in range(30):
            topic = topics[n % len(topics)]
            text = (
                f"Item {n}: the {topic} plan number {n} moves ahead\n"
                f"The committee approved the {topic} plan number {n} on Monday after a long debate.\n"
                f"Officials said work would start within {n % 9 + 2} weeks, at {n * 7 + 13} thousand."
            )
            out.write(json.dumps({"id": f"k{n}", "text": text}) + "\n")
    config = tmp_path / "small.toml"
    config.write_text("max_articles_per_brief = 12\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    cache = str(settings.resolved_cache_path)
    code, out, _ = _cli("ingest", str(path), "--db", str(db), "--cache", cache, "--config", str(config))
    assert code == 0, out
    with Store.open(db) as store:
        assert store.article_count() == 30
