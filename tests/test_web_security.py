"""The web app's edge against a real server on 127.0.0.1: Host names, cross-site writes (in Chromium),
read tokens off loopback, link schemes, headers on 500s, HEAD, HTML 413s, upload names, 6to4 SSRF."""

from __future__ import annotations

import http.server
import ipaddress
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synoptic.model import Article
from synoptic.settings import Settings
from synoptic.store import Store
from synoptic.web import WebConfig, create_app
from synoptic.web.fetch import _is_public
from synoptic.web.intake import safe_name
from web_server import ThreadServer, free_port, wait_for_job

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip


def _settings(tmp_path: Path) -> Settings:
    return Settings(home=str(tmp_path), cache_path=str(tmp_path / "cache.sqlite"))


@pytest.fixture()
def loopback(tmp_path: Path) -> Iterator[ThreadServer]:
    app = create_app(_settings(tmp_path), WebConfig(host="127.0.0.1", max_body_bytes=50_000))

    @app.get("/boom")
    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with ThreadServer(app) as live:
        live.settings = _settings(tmp_path)
        yield live


def test_only_configured_host_names_are_answered(loopback: ThreadServer, tmp_path: Path) -> None:
    assert httpx.get(loopback.url + "/api/stories").status_code == 200
    assert httpx.get(loopback.url + "/api/stories", headers={"Host": f"localhost:{loopback.port}"}).is_success
    rebound = httpx.get(loopback.url + "/api/stories", headers={"Host": f"attacker.example:{loopback.port}"})
    assert rebound.status_code == 400
    assert rebound.json()["error"]["code"] == "host_not_allowed"
    page = httpx.get(loopback.url + "/", headers={"Host": "attacker.example"})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    named = create_app(_settings(tmp_path / "b"), WebConfig(allowed_hosts=("news.internal",)))
    with ThreadServer(named) as live:
        assert httpx.get(live.url + "/api/stories", headers={"Host": "news.internal:8000"}).is_success
        assert httpx.get(live.url + "/api/stories", headers={"Host": "other.internal"}).status_code == 400


def test_writes_from_another_origin_are_refused(loopback: ThreadServer) -> None:
    foreign = {"Origin": "http://attacker.example"}
    refused = httpx.post(loopback.url + "/api/add", data={"text": "Planted text"}, headers=foreign)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "cross_site_request"
    by_referer = {"Referer": "http://attacker.example/page.html"}
    assert httpx.post(loopback.url + "/api/add", data={"text": "x"}, headers=by_referer).status_code == 403
    assert (
        httpx.post(loopback.url + "/api/add", data={"text": "x"}, headers={"Origin": "null"}).status_code
        == 403
    )
    same = {"Origin": loopback.url}
    assert (
        httpx.post(loopback.url + "/api/add", data={"text": "Own text here."}, headers=same).status_code
        == 202
    )


def test_the_add_page_form_needs_its_own_token(loopback: ThreadServer) -> None:
    with httpx.Client(base_url=loopback.url) as client:
        assert client.post("/add", data={"text": "No token"}).status_code == 403
        form = client.get("/add")
        assert (
            "synoptic_form" in form.headers["set-cookie"] and "SameSite=Strict" in form.headers["set-cookie"]
        )
        token = form.text.split('name="form_token" value="', 1)[1].split('"', 1)[0]
        assert client.post("/add", data={"text": "Wrong", "form_token": "x" + token}).status_code == 403
        ok = client.post("/add", data={"text": "A short note about the harbour.", "form_token": token})
        assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")


class _AttackerPage(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        page = (
            f'<form id=f method=post action="{self.target}/add" enctype="multipart/form-data">'
            '<input name=text value="Planted by another site"></form>'
            f'<form id=g method=post action="{self.target}/api/add">'
            '<input name=text value="Planted too"></form>'
            "<script>document.getElementById(location.hash == '#api' ? 'g' : 'f').submit()</script>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.browser
def test_a_page_on_another_origin_cannot_plant_an_article(loopback: ThreadServer) -> None:
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (scripts/setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    _AttackerPage.target = loopback.url
    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _AttackerPage)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    # another origin: same machine, another port, and reached by another name
    attacker_url = f"http://localhost:{attacker.server_address[1]}/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            page = browser.new_page()
            page.goto(loopback.url + "/add")  # the user has the app open: its form cookie is set
            for hash_ in ("", "#api"):
                with page.expect_response(lambda r: r.request.method == "POST") as answer:
                    page.goto(attacker_url + hash_)
                assert answer.value.status == 403
            store = Store.open(loopback.settings.resolved_db_path)
            try:
                assert store.article_count() == 0
            finally:
                store.close()
            # the app's own form still works in the same browser
            page.goto(loopback.url + "/add")
            page.fill(
                "#text", "Harbour reopens\nThe harbour reopened on Tuesday after repairs, the port said."
            )
            page.click("#add-submit")
            page.wait_for_load_state("load")
            assert "/jobs/" in page.url
            browser.close()
    finally:
        attacker.shutdown()


HOSTILE = (
    "<script>alert(1)</script>",
    "<b onmouseover=alert(2)>bold</b>",
    "<img src=x onerror=alert(3)>",
    "[a link](javascript:alert(4))",
    "<javascript:alert(5)>",
)


@pytest.mark.browser
def test_the_markdown_export_is_inert_in_a_commonmark_renderer(loopback: ThreadServer) -> None:
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (scripts/setup.sh installs it)")
    from markdown_it import MarkdownIt
    from playwright.sync_api import sync_playwright

    text = (
        "Harbour reopens after storm repairs\n"
        f"The harbour reopened on Tuesday after two weeks of repairs, the port authority said. {HOSTILE[0]}\n"
        f"Fishing boats returned to the quay {HOSTILE[1]} in the morning and trade resumed by noon.\n"
        f"Officials said the repairs {HOSTILE[2]} cost less than expected {HOSTILE[3]}"
        f" and ended early {HOSTILE[4]}."
    )
    job = httpx.post(loopback.url + "/api/add", data={"text": text}).json()
    result = wait_for_job(loopback.url, job["id"])
    story_id = result["result"]["placed"][0]["story_id"]
    markdown = httpx.get(f"{loopback.url}/api/stories/{story_id}/brief.md", timeout=600).text
    assert "&lt;" in markdown and "alert(" in markdown, markdown  # the payload is kept, as text
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)  # raw HTML allowed, as CommonMark does
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.set_content(html)
        page.wait_for_timeout(300)
        for link in page.locator("a").all():
            link.click()
        page.wait_for_timeout(300)
        counts = page.evaluate("[document.scripts.length, document.images.length, document.links.length]")
        browser.close()
    assert dialogs == [] and counts == [0, 0, 0]


def test_reads_need_the_token_off_loopback(tmp_path: Path) -> None:
    app = create_app(_settings(tmp_path), WebConfig(host="0.0.0.0", token="s3cret"))
    with ThreadServer(app) as live:
        assert httpx.get(live.url + "/api/stories").status_code == 401
        assert httpx.get(live.url + "/").status_code == 401
        assert httpx.get(live.url + "/api/stories", headers={"Authorization": "Bearer s3cret"}).is_success
        with httpx.Client(base_url=live.url) as client:
            assert client.get("/?token=wrong").status_code == 401
            signed = client.get("/?token=s3cret&q=harbour")
            assert signed.status_code == 303 and signed.headers["location"] == "/?q=harbour"
            assert "HttpOnly" in signed.headers["set-cookie"]
            assert client.get("/").status_code == 200  # the cookie now carries the token
    open_reads = create_app(
        _settings(tmp_path / "o"), WebConfig(host="0.0.0.0", token="s3cret", read_token=False)
    )
    with ThreadServer(open_reads) as live:
        assert httpx.get(live.url + "/api/stories").is_success
        assert httpx.post(live.url + "/api/add", data={"text": "x"}).status_code == 401


def test_only_web_links_are_linked(loopback: ThreadServer) -> None:
    article = Article(
        id="a" * 16, source="hostile.txt", outlet=None, url="javascript:alert(document.domain)",
        published=None, title="Hostile", dek=None, lines=(), text="Body text of the hostile article.",
    )  # fmt: skip
    store = Store.open(loopback.settings.resolved_db_path)
    try:
        store.add_articles([article])
    finally:
        store.close()
    page = httpx.get(f"{loopback.url}/articles/{article.id}")
    assert page.status_code == 200, page.text
    assert "javascript:" not in page.text


def test_every_response_carries_the_security_headers(loopback: ThreadServer) -> None:
    paths = ("/boom", "/api/boom", "/api/nothing-here", "/nothing-here")
    for response in (httpx.get(loopback.url + path) for path in paths):
        assert response.status_code in {404, 500}
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert httpx.get(loopback.url + "/api/boom").json()["error"]["code"] == "internal_server_error"
    assert "a bug" not in httpx.get(loopback.url + "/boom").text


def test_head_is_answered_like_get_without_a_body(loopback: ThreadServer) -> None:
    for path in ("/", "/add", "/api/stories"):
        head, get = httpx.head(loopback.url + path), httpx.get(loopback.url + path)
        assert head.status_code == get.status_code == 200
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]


def test_an_oversized_form_gets_a_page_and_the_api_gets_json(loopback: ThreadServer) -> None:
    big = {"text": "x" * 60_000}
    page = httpx.post(loopback.url + "/add", data=big, headers={"Origin": loopback.url})
    assert page.status_code == 413 and "text/html" in page.headers["content-type"]
    api = httpx.post(loopback.url + "/api/add", data=big)
    assert api.status_code == 413 and api.json()["error"]["code"] == "request_entity_too_large"


def test_long_upload_names_keep_their_extension() -> None:
    name = safe_name("a" * 300 + ".txt")
    assert len(name) <= 120 and name.endswith(".txt")
    assert safe_name("../../etc/report.html") == "report.html"


def test_ipv6_forms_of_private_ipv4_addresses_are_refused() -> None:
    for address in ("2002:c0a8:0101::1", "2002:7f00:0001::1", "::ffff:10.0.0.1", "64:ff9b::a00:1"):
        assert not _is_public(ipaddress.ip_address(address)), address
    assert _is_public(ipaddress.ip_address("2002:0808:0808::1"))  # 6to4 of a public address
    assert _is_public(ipaddress.ip_address("8.8.8.8"))
