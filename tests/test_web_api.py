"""The JSON API against a real uvicorn server on 127.0.0.1: seeds in through /api/add, out as
stories, briefs, articles; one error shape; body cap; token off loopback; escaping; SSRF refusals."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import httpx
import jsonschema
import pytest

from synoptic.render.markdown import inert
from synoptic.render.schema import brief_schema
from synoptic.store import Store
from synoptic.web.config import WebConfig
from synoptic.web.fetch import FetchError, check_url, fetch_url, resolve_checked
from web_server import SEED_FILES, LiveServer, wait_for_job

SMALL_BODY = 300_000


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    if not SEED_FILES:
        pytest.skip("../shared/seeds is not present")
    with LiveServer(max_body_bytes=SMALL_BODY) as live:
        yield live


@pytest.fixture(scope="module")
def seeded(server: LiveServer) -> dict:
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in SEED_FILES]
    response = httpx.post(server.url + "/api/add", files=files, timeout=60)
    assert response.status_code == 202, response.text
    return wait_for_job(server.url, response.json()["id"])


def assert_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]


def test_add_job_places_every_seed(seeded: dict) -> None:
    assert seeded["status"] == "done", seeded
    placed = seeded["result"]["placed"]
    assert len(placed) == len(SEED_FILES)
    assert all(p["story_id"] for p in placed)
    assert seeded["result"]["problems"] == []


def test_stories_list_counts_and_search(server: LiveServer, seeded: dict) -> None:
    stories = httpx.get(server.url + "/api/stories").json()["stories"]
    assert sum(s["article_count"] for s in stories) == len(SEED_FILES)
    assert {p["story_id"] for p in seeded["result"]["placed"]} == {s["id"] for s in stories}
    found = httpx.get(server.url + "/api/stories", params={"q": "Kremlin"}).json()["stories"]
    assert found
    none = httpx.get(server.url + "/api/stories", params={"q": "zzqxjv"}).json()["stories"]
    assert none == []


def test_brief_follows_contract_and_cites_real_text(server: LiveServer, seeded: dict) -> None:
    story_id = max(
        httpx.get(server.url + "/api/stories").json()["stories"], key=lambda s: s["article_count"]
    )["id"]
    response = httpx.get(f"{server.url}/api/stories/{story_id}/brief", timeout=300)
    assert response.status_code == 200
    brief = response.json()
    jsonschema.Draft202012Validator(brief_schema()).validate(brief)
    members = httpx.get(f"{server.url}/api/stories/{story_id}").json()["articles"]
    assert sorted(a["id"] for a in members) == sorted(brief["story"]["article_ids"])
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    assert brief["summary"]
    for sentence in brief["summary"]:
        for span in sentence["support"]:
            assert 0 <= span["start"] < span["end"] <= len(texts[span["article_id"]])
    again = httpx.get(f"{server.url}/api/stories/{story_id}/brief").json()
    assert again == brief
    markdown = httpx.get(f"{server.url}/api/stories/{story_id}/brief.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# " + inert(brief["headline"]))


def test_brief_is_rebuilt_when_membership_changes(server: LiveServer, seeded: dict) -> None:
    placed = seeded["result"]["placed"]
    story_id = placed[0]["story_id"]
    before = httpx.get(f"{server.url}/api/stories/{story_id}/brief", timeout=300).json()
    outsider = next((p for p in placed if p["story_id"] != story_id), None)
    mover = outsider or placed[-1]
    # join an article from elsewhere, or (all in one story) move one member out
    target = story_id if outsider else "s-moved-out-by-test"
    with Store.open(server.db_path) as store:
        store.assign(mover["article_id"], target, "moved")
    after = httpx.get(f"{server.url}/api/stories/{story_id}/brief", timeout=300).json()
    members = httpx.get(f"{server.url}/api/stories/{story_id}").json()["articles"]
    assert sorted(after["story"]["article_ids"]) == sorted(a["id"] for a in members)
    assert after["story"]["article_ids"] != before["story"]["article_ids"]
    assert (mover["article_id"] in after["story"]["article_ids"]) == bool(outsider)
    with Store.open(server.db_path) as store:  # put it back for the other tests
        store.assign(mover["article_id"], mover["story_id"], "")


def test_article_shows_removed_lines_with_reasons(server: LiveServer, seeded: dict) -> None:
    ids = [p["article_id"] for p in seeded["result"]["placed"]]
    articles = [httpx.get(f"{server.url}/api/articles/{i}").json() for i in ids]
    removed = [ln for a in articles for ln in a["lines"] if ln["kind"] != "body"]
    assert removed and all(ln["reason"] for ln in removed)
    assert all(a["story_id"] for a in articles)


def test_errors_share_one_shape(server: LiveServer) -> None:
    assert_error(httpx.get(server.url + "/api/stories/s0000000000"), 404)
    assert_error(httpx.get(server.url + "/api/articles/nope"), 404)
    assert_error(httpx.get(server.url + "/api/articles/bad.id!"), 422)
    assert_error(httpx.get(server.url + "/api/stories", params={"limit": "x"}), 422)
    assert_error(httpx.get(server.url + "/api/no-such-endpoint"), 404)
    assert_error(httpx.get(server.url + "/api/jobs/unknown"), 404)
    assert_error(httpx.post(server.url + "/api/add", data={"text": "  "}), 400)


def test_body_size_is_capped(server: LiveServer) -> None:
    big = b"x" * (SMALL_BODY + 10)
    response = httpx.post(server.url + "/api/add", files={"files": ("big.txt", big, "text/plain")})
    assert_error(response, 413)


def test_pages_send_strict_csp_and_escape_article_text(server: LiveServer) -> None:
    payload = (
        "Council approves new bridge over the river\n"
        "The city council approved the construction of a new bridge on Monday, officials said. "
        "<script>alert(1)</script> The vote was <img src=x onerror=alert(2)> unanimous, the mayor said.\n"
        "Work on the bridge is expected to begin next spring and to last two years."
    )
    job = wait_for_job(server.url, httpx.post(server.url + "/api/add", data={"text": payload}).json()["id"])
    article_id = job["result"]["placed"][0]["article_id"]
    page = httpx.get(f"{server.url}/articles/{article_id}")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert page.headers["x-content-type-options"] == "nosniff"


def test_add_refuses_private_urls(server: LiveServer) -> None:
    urls = f"{server.url}/api/stories\nhttp://169.254.169.254/latest/meta-data\nfile:///etc/passwd"
    job = wait_for_job(server.url, httpx.post(server.url + "/api/add", data={"urls": urls}).json()["id"])
    problems = job["result"]["problems"]
    assert [p["code"] for p in problems] == ["E_FETCH"] * 3
    assert "non-public" in problems[0]["message"] and "non-public" in problems[1]["message"]
    assert job["result"]["placed"] == []


def test_writes_need_token_off_loopback() -> None:
    with LiveServer(cli_args=["--host", "0.0.0.0"], env={"SYNOPTIC_TOKEN": "s3cret"}) as live:
        assert_error(httpx.post(live.url + "/api/add", data={"text": "Some text"}), 401)
        wrong = {"Authorization": "Bearer nope"}
        assert_error(httpx.post(live.url + "/api/add", data={"text": "Some text"}, headers=wrong), 401)
        ok = httpx.post(
            live.url + "/api/add", data={"text": "Some text"}, headers={"Authorization": "Bearer s3cret"}
        )
        assert ok.status_code == 202
        by_form = httpx.post(live.url + "/api/add", data={"text": "Other text", "token": "s3cret"})
        assert by_form.status_code == 202
        # off loopback, reads need the token too (--open-reads lifts that)
        assert_error(httpx.get(live.url + "/api/stories"), 401)
        assert httpx.get(live.url + "/api/stories", headers={"Authorization": "Bearer s3cret"}).is_success


# -- the fetcher on its own, against a local HTTP server (private addresses allowed on purpose) ----


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"a" * 200_000)
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>Hello</p></body></html>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_caps_redirects_size_and_refuses_private(origin: str) -> None:
    allowed = WebConfig(allow_private_urls=True, fetch_max_redirects=3, fetch_max_bytes=100_000)
    assert fetch_url(origin + "/page", allowed).body.startswith(b"<html>")
    with pytest.raises(FetchError, match="redirects"):
        fetch_url(origin + "/loop0", allowed)
    with pytest.raises(FetchError, match="exceeds"):
        fetch_url(origin + "/big", allowed)
    with pytest.raises(FetchError, match="non-public"):
        fetch_url(origin + "/page", WebConfig())
    for bad in ("ftp://example.org/x", "file:///etc/passwd", "http://user:pw@example.org/", "http:///x"):
        with pytest.raises(FetchError):
            check_url(bad)
    for private in ("localhost", "10.0.0.1", "192.168.1.1", "169.254.169.254", "::1", "0.0.0.0"):
        with pytest.raises(FetchError):
            resolve_checked(private, 80, allow_private=False)


def test_decoded_briefs_in_memory_are_bounded(tmp_path) -> None:
    """The catalog keeps at most MEMO_BRIEFS decoded briefs, dropping the least recently used: a
    long-running server over a large store must not grow without bound (the store keeps every brief)."""
    from synoptic.settings import Settings
    from synoptic.web.catalog import MEMO_BRIEFS, Catalog

    catalog = Catalog(Settings(home=str(tmp_path)))
    for k in range(MEMO_BRIEFS):
        catalog._remember(f"s{k}", "key", {"n": k})
    with catalog._memo_lock:
        catalog._memo.move_to_end("s0")  # s0 read again: s1 is now the oldest
    catalog._remember("new", "key", {"n": -1})
    assert len(catalog._memo) == MEMO_BRIEFS
    assert "s0" in catalog._memo and "new" in catalog._memo and "s1" not in catalog._memo


def test_add_takes_outlet_url_and_date_per_document(server: LiveServer, seeded: dict) -> None:
    text = (
        "Harbour reopens after storm repairs\n"
        "The harbour reopened on Tuesday after two weeks of repairs, the port authority said.\n"
        "Fishing boats returned to the quay in the morning and trade resumed by noon."
    )
    data = {
        "text": text,
        "text_outlet": "Harbour Gazette",
        "text_url": "https://www.gazette.example/harbour",
        "text_date": "5 March 2024",
    }
    response = httpx.post(server.url + "/api/add", data=data, timeout=60)
    assert response.status_code == 202, response.text
    job = wait_for_job(server.url, response.json()["id"])
    (placed,) = job["result"]["placed"]
    article = httpx.get(f"{server.url}/api/articles/{placed['article_id']}").json()
    assert (article["outlet"], article["url"], article["published"]) == (
        "Harbour Gazette",
        "https://www.gazette.example/harbour",
        "2024-03-05",
    )
    assert article["label"] == placed["label"] == "Harbour Gazette"
