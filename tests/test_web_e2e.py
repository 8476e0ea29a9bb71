"""End to end in a real headless Chromium (Playwright, Debian's chromium): the seeds go in through the
Add page, the story page cites the right outlets, a citation opens the sources with the supporting
sentence marked, and a hostile article shows its payload as text without running it."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from web_server import SEED_FILES, LiveServer, gold

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    if not SEED_FILES:
        pytest.skip("../shared/seeds is not present")
    with LiveServer() as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (scripts/setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []  # every dialog a script opens is recorded here (and dismissed)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def wait_for_job_page(page, timeout: float = 600) -> str:
    """The job page refreshes itself while the job runs; wait until it says done or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status = page.locator("#job").get_attribute("data-status", timeout=5000)
        except Exception:  # the page was reloading
            status = None
        if status in {"done", "failed"}:
            return status
        time.sleep(0.5)
    raise TimeoutError("the add job did not finish")


FIRST_SEED_URL = "https://www.example-wire.test/world/2022/call"
SCREENSHOTS = ("story", "compare", "matrix", "graph", "timeline")


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().casefold()


def gold_documents_of(sentence: str, facts: list[dict]) -> set[str] | None:
    """The gold documents of the fact whose key phrase this summary sentence contains, if any."""
    text = normal(sentence)
    for fact in facts:
        for phrases in fact["key_phrases"].values():
            if any(normal(p) in text for p in phrases):
                return set(fact["documents"])
    return None


@pytest.fixture(scope="module")
def seeded_story(server: LiveServer, browser) -> dict:
    """Upload the seeds through the Add page; they report one event, so they join one story."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "/add")
    page.set_input_files("#files", [str(p) for p in SEED_FILES])
    rows = page.locator("#file-meta input[name=file_url]")
    assert rows.count() == len(SEED_FILES)  # one row of outlet / URL / date fields per chosen file
    rows.first.fill(FIRST_SEED_URL)  # a URL and no outlet: the page names the article by its site
    page.click("#add-submit")
    assert wait_for_job_page(page) == "done"
    placed = page.locator("table.placed").inner_text()
    assert "example-wire.test" in placed  # the job page names documents as the story page does
    assert not re.search(r"[0-9a-f]{16}", placed), placed  # never by a file hash
    links = page.locator("table.placed a.story-link")
    assert links.count() == len(SEED_FILES)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(set(hrefs)) == 1, hrefs
    story_href = hrefs[0]
    context.close()
    story_id = story_href.rsplit("/", 1)[-1]
    brief = httpx.get(f"{server.url}/api/stories/{story_id}/brief", timeout=600).json()
    return {"href": story_href, "id": story_id, "brief": brief}


def test_story_page_cites_right_outlets_and_marks_support(server: LiveServer, page, seeded_story) -> None:
    brief = seeded_story["brief"]
    page.goto(server.url + seeded_story["href"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=False)
    page.screenshot(path=str(ARTIFACTS / "story-page-full.png"), full_page=True)

    members = httpx.get(f"{server.url}/api/stories/{seeded_story['id']}").json()["articles"]
    assert page.locator("table.matrix thead th.col").count() == len(members)

    file_of = {a["id"]: a["source"] for a in brief["articles"]}
    facts = gold()["facts"]
    items = page.locator("li.summary-sentence")
    assert items.count() == len(brief["summary"]) > 0
    checked = None
    for i in range(items.count()):
        item = items.nth(i)
        chip_links = item.locator(".chip")
        chips = [chip_links.nth(n).get_attribute("data-article") for n in range(chip_links.count())]
        documents = gold_documents_of(item.locator(".text").inner_text(), facts)
        if documents and len(chips) >= 2:
            cited = {file_of[c] for c in chips}
            # the brief's own tolerance (issue 2): at most one outlet beyond those gold names
            assert len(cited - documents) <= 1, (chips, documents)
            if checked is None and cited <= documents and len(cited) >= 0.8 * len(documents):
                checked = i  # a sentence whose citations name exactly the right outlets
    assert checked is not None, "no summary sentence cites exactly the outlets gold names for its fact"

    item = items.nth(checked)
    chip = item.locator(".chip").nth(1)
    article_id = chip.get_attribute("data-article")
    chip.click()
    panel = page.locator("#compare")
    panel.wait_for(state="visible")
    column = panel.locator(f'.column[data-article="{article_id}"]')
    assert column.is_visible()
    marked = " ".join(column.locator(".s.hl").all_inner_texts())
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    support = [s for s in brief["summary"][checked]["support"] if s["article_id"] == article_id]
    assert support and marked
    for span in support:
        assert normal(texts[article_id][span["start"] : span["end"]]) in normal(marked)
    visible = panel.locator(".column:not([hidden])").count()
    supporting = len({s["article_id"] for s in brief["summary"][checked]["support"]})
    assert visible == min(supporting, 3) >= 2  # at most three columns open at first; the reader adds more
    assert panel.locator(".picker label.supports").count() == supporting
    page.screenshot(path=str(ARTIFACTS / "story-page-compare.png"), full_page=False)
    assert page.dialogs == []


def test_claims_not_shown_on_the_last_visit_are_marked_new(server: LiveServer, page, seeded_story) -> None:
    """What a reader saw is remembered in the browser (localStorage), not on the server."""
    url = server.url + seeded_story["href"]
    page.goto(url)
    assert page.locator(".claim.new").count() == 0  # a first visit marks nothing
    assert page.locator("#new-since").is_hidden()
    key = f"synoptic-seen:{seeded_story['id']}"
    seen = page.evaluate(f"JSON.parse(localStorage.getItem({key!r}))")
    first = page.locator("li.summary-sentence .text").first.inner_text().strip()
    dropped = page.evaluate(f"shortHash({first!r})")
    assert dropped in seen
    # as if the last visit had not shown the first summary sentence yet
    page.evaluate(f"localStorage.setItem({key!r}, JSON.stringify({[h for h in seen if h != dropped]!r}))")
    page.goto(url)
    marked = page.locator(".claim.new")
    assert marked.count() >= 1
    assert first in marked.first.inner_text()
    assert "new since your last visit" in page.locator("#new-since").inner_text()
    page.goto(url)
    assert page.locator(".claim.new").count() == 0  # seen now


def test_script_payload_shows_as_text_and_never_runs(server: LiveServer, page) -> None:
    payload = "<script>alert(1)</script>"
    image = '<img src=x onerror="alert(2)">'
    text = (
        "Harbour reopens after storm repairs\n"
        f"The harbour reopened on Tuesday after two weeks of repairs, the port authority said. {payload}\n"
        f"Fishing boats returned to the quay in the morning {image} and trade resumed by noon.\n"
        "Officials said the repairs cost less than expected and finished ahead of schedule."
    )
    page.goto(server.url + "/add")
    page.fill("#text", text)
    page.click("#add-submit")
    assert wait_for_job_page(page) == "done"
    page.locator("table.placed a").first.click()
    page.wait_for_load_state("load")
    body = page.locator("main").inner_text()
    assert payload in body and "alert(2)" in body
    assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    page.goto(server.url + "/")
    page.locator("table.stories a", has_text="Harbour").first.click()
    page.wait_for_load_state("load")
    scripts = [
        page.locator("script").nth(n).get_attribute("src") for n in range(page.locator("script").count())
    ]
    assert scripts == ["/static/app.js"]  # only the app's own script; nothing from the article
    page.wait_for_timeout(500)
    assert page.dialogs == []


@pytest.mark.parametrize("width", [1280, 390])
def test_readable_views_at_desktop_and_phone_width(server: LiveServer, browser, seeded_story, width) -> None:
    """Story, compare, matrix, graph and timeline at 1280 and 390 px (screenshots kept under
    test-artifacts/readable-*.png): outlets named, the claim stays in view, the reader picks columns,
    nothing needs sideways scrolling of the page."""
    brief = seeded_story["brief"]
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844})
    page = context.new_page()
    page.goto(server.url + seeded_story["href"])
    ARTIFACTS.mkdir(exist_ok=True)
    shot = {name: str(ARTIFACTS / f"readable-{name}-{width}.png") for name in SCREENSHOTS}
    page.screenshot(path=shot["story"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1

    legend = page.locator("#matrix-legend").inner_text()
    assert "example-wire.test" in legend  # the URL given on the Add page names the article
    for article in brief["articles"]:
        assert Path(article["source"]).stem not in legend  # no file hash as a column name
    headers = page.locator("table.matrix thead th.col")
    assert headers.count() == len(brief["articles"])
    assert max(headers.nth(i).bounding_box()["height"] for i in range(headers.count())) < 40  # one line

    page.evaluate("document.getElementById('coverage').scrollIntoView()")
    page.screenshot(path=shot["matrix"])
    page.evaluate("document.getElementById('timeline').scrollIntoView()")
    page.screenshot(path=shot["timeline"])
    wide, narrow = page.locator("svg.timeline.wide"), page.locator("svg.timeline.narrow")
    shown, hidden = (wide, narrow) if width > 700 else (narrow, wide)
    assert shown.is_visible() and not hidden.is_visible()
    page.evaluate("document.getElementById('provenance').scrollIntoView()")
    page.screenshot(path=shot["graph"])
    assert page.locator("table.sources").is_visible()
    assert page.locator("svg.graph").is_visible() == (width > 700)  # a phone gets the table only

    row = page.locator("table.matrix tbody tr.multi").first
    statement = row.locator("td.text").inner_text()
    marks = row.locator("a.chip.dot")
    supporting = marks.count()
    assert supporting >= 2
    marks.first.click()
    panel = page.locator("#compare")
    panel.wait_for(state="visible")
    claim = panel.locator(".compare-what")
    assert normal(claim.inner_text()) == normal(statement)
    open_columns = panel.locator(".column:not([hidden])")
    assert open_columns.count() == (min(supporting, 3) if width > 700 else 1)
    assert panel.locator(".column:not([hidden]) .s.hl").count() >= open_columns.count()
    page.screenshot(path=shot["compare"])
    unchecked = panel.locator(".picker label.supports input:not(:checked)")
    if unchecked.count():
        before = open_columns.count()
        unchecked.first.check()
        assert open_columns.count() == before + 1  # the reader adds a column
    column = open_columns.first
    column.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    page.mouse.wheel(0, 2000)
    box = claim.bounding_box()
    assert box and 0 <= box["y"] < 900 and claim.is_visible()  # the claim is still on screen
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    context.close()
