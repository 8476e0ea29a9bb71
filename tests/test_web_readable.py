"""The web app reads as a newsroom page, not a debug dump (issue 17, "Readable").

Pure parts (labels, charts, the story view, scare quotes, the Add form's per-document fields) are
checked directly; the pages are checked through a real server over a real SQLite store holding a
hand-written brief filed under its real key, so no model is loaded. The browser side (compare panel,
screenshots at 1280 and 390 px) is in test_web_e2e.py, which shares its server and browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest

from synoptic.model import Article, Line, LineKind, Quote, QuoteVariant, RawDocument, Sentence, Span
from synoptic.settings import Settings
from synoptic.store import Store
from synoptic.store.history import HistoryTable
from synoptic.synthesize.framing import frame_articles
from synoptic.web import WebConfig, create_app
from synoptic.web.api import DocMeta, apply_meta, doc_meta, metas
from synoptic.web.api_docs import api_operations
from synoptic.web.catalog import brief_key
from synoptic.web.charts import date_span, timeline_chart
from synoptic.web.intake import Intake, Upload
from synoptic.web.labels import cut, display_label, outlet_summary, readable_stem, story_label
from synoptic.web.story_view import build_story_view, column_labels
from web_server import ThreadServer

# -- labels -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "label"),
    [
        (
            {"id": "a1", "source": "x/000_9f6a503c4a537dc5.txt", "outlet": "Harbour Gazette"},
            "Harbour Gazette",
        ),
        ({"id": "a2", "source": "c10_d0", "url": "https://www.gazette.example/news/1"}, "gazette.example"),
        ({"id": "a3", "source": "uploads/harbour-report.txt"}, "harbour report"),
        (
            {
                "id": "a4",
                "source": "000_9f6a503c4a537dc5.txt",
                "title": "Storm closes the harbour for a week",
            },
            "Storm closes the harbour…",
        ),
        (
            {"id": "a5", "source": "pasted-b24e51aa90", "text": "\nFerry service resumes on Monday\nBody."},
            "Ferry service resumes on…",
        ),
        (
            {"id": "a6", "source": "doc3.txt", "url": "javascript:alert(1)", "text": "Quay reopens"},
            "Quay reopens",
        ),
    ],
)
def test_display_label_is_an_outlet_a_site_or_words_never_a_hash(article, label) -> None:
    assert display_label(article) == label


def test_hash_and_generic_file_names_are_not_names() -> None:
    assert readable_stem("000_9f6a503c4a537dc5.txt") is None
    assert readable_stem("doc0.txt") is None
    assert readable_stem("pasted-b24e51aa90") is None
    assert readable_stem("gazette_2024_harbour.html") == "gazette harbour"


def test_cut_ends_at_a_word_with_an_ellipsis() -> None:
    text = "Harbour reopens after two weeks of storm repairs and the first boats return to the quay"
    short = cut(text, 40)
    assert short.endswith("…") and len(short) <= 40
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "  # the cut falls between words
    assert cut("Short headline", 40) == "Short headline"


def test_a_clustering_label_cut_mid_word_loses_the_broken_word() -> None:
    first_80 = "The harbour reopened on Tuesday after two weeks of storm repairs, the port autho"
    assert len(first_80) == 80
    shown = story_label(first_80)
    assert shown == "The harbour reopened on Tuesday after two weeks of storm repairs, the port…"
    assert story_label("Ferry timetable changes.\nRa") == "Ferry timetable changes."
    assert story_label("Quay reopens") == "Quay reopens"


def test_outlets_are_counted_by_outlet_not_by_file() -> None:
    articles = [
        {"id": "1", "source": "a.txt", "outlet": "Harbour Gazette"},
        {"id": "2", "source": "b.txt", "outlet": "harbour gazette"},
        {"id": "3", "source": "c.txt", "url": "https://gazette.example/x"},
        {"id": "4", "source": "0001_ffee0011.txt"},
    ]
    assert outlet_summary(articles) == {"outlets": 2, "unnamed": 1}
    labels = column_labels(articles)
    assert len(set(labels.values())) == 4  # two articles of one outlet get numbered columns
    assert labels["1"] == "Harbour Gazette (1)"


# -- timeline ---------------------------------------------------------------------------------------


def test_partial_dates_are_drawn_as_their_span() -> None:
    first, last = date_span("2021")
    assert last - first == 364
    assert date_span("2024-02") == (date_span("2024-02-01")[0], date_span("2024-02-29")[0])
    chart = timeline_chart(
        [
            {"date": "2021", "text": "At the end of 2021 the plan was drafted.", "support": []},
            {"date": "2021-06-16", "text": "A meeting in June.", "support": []},
            {"date": "2022-01-26", "text": "Answers handed over.", "support": []},
        ]
    )
    year, day, _ = chart["marks"]
    assert year["span"] and not day["span"]
    assert day["x"] > year["x"] + 0.4 * year["w"]  # June sits inside the year's bar, not at its start
    assert len(chart["ticks"]) > 2
    assert [t["x"] for t in chart["ticks"]] == sorted(t["x"] for t in chart["ticks"])


def test_a_far_outlier_breaks_the_axis_instead_of_crushing_the_rest() -> None:
    events = [{"date": "1997", "text": "x", "support": []}] + [
        {"date": f"2022-02-{d:02d}", "text": str(d), "support": []} for d in (1, 8, 15)
    ]
    chart = timeline_chart(events)
    assert len(chart["segments"]) == 2
    recent = [m["x"] for m in chart["marks"] if not m["span"]]
    assert max(recent) - min(recent) > 100  # two weeks of February still spread over the axis


# -- the story view ---------------------------------------------------------------------------------


def _brief() -> dict:
    """A small brief in the JSON contract: three articles, two of them from one outlet."""
    texts = {
        "a1": "Harbour reopens after storm.\nThe harbour reopened on Tuesday, the port authority said.",
        "a2": "Boats return to the quay.\nThe harbour reopened on Tuesday after repairs.",
        "a3": "Quay busy again.\nTrade resumed at the harbour on Tuesday, officials said.",
    }

    def sentences(aid: str) -> list[dict]:
        text, out, start = texts[aid], [], 0
        for n, line in enumerate(text.split("\n")):
            out.append({"id": f"{aid}s{n}", "start": start, "end": start + len(line)})
            start += len(line) + 1
        return out

    def span(aid: str, n: int) -> dict:
        s = sentences(aid)[n]
        return {"article_id": aid, "start": s["start"], "end": s["end"]}

    articles = [
        {"id": "a1", "source": "000_9f6a503c4a537dc5.txt", "outlet": "Harbour Gazette", "url": None},
        {
            "id": "a2",
            "source": "001_e57ae76394c0ff74.txt",
            "outlet": None,
            "url": "https://www.quay.example/a",
        },
        {"id": "a3", "source": "002_6fff0cc9977b9eb1.txt", "outlet": "Harbour Gazette", "url": None},
    ]
    for a in articles:
        a.update(
            text=texts[a["id"]],
            sentences=sentences(a["id"]),
            published="2024-03-05",
            title=None,
            dek=None,
            label=a["outlet"] or a["source"].rsplit(".", 1)[0],
            lines=[],
            dateline=None,
            off_topic=None,
        )
    reopened = [span("a1", 1), span("a2", 1)]
    statement = "The harbour reopened on Tuesday, the port authority said."
    headline = (
        "Harbour reopens on Tuesday after two weeks of storm repairs as the first fishing boats return to "
        "the quay and trade resumes by noon"
    )
    return {
        "version": "test",
        "settings_hash": "test",
        "story": {
            "id": "s-harbour",
            "label": "Harbour reopens after storm.",
            "article_ids": ["a1", "a2", "a3"],
            "first_seen": "2024-03-05",
            "last_seen": "2024-03-05",
        },
        "headline": headline,
        "articles": articles,
        "summary": [{"text": statement, "support": reopened, "fact_id": "f1"}],
        "facts": [
            {"id": "f1", "statement": statement, "article_ids": ["a1", "a2"], "support": reopened},
            {"id": "f2", "statement": statement, "article_ids": ["a1"], "support": [span("a1", 1)]},
            {"id": "f3", "statement": "Trade resumed.", "article_ids": ["a3"], "support": [span("a3", 1)]},
        ],
        "single_source": [],
        "quotes": [
            {
                "id": "q1",
                "speaker": "Port Authority",
                "cue": "say",
                "variants": [
                    {
                        "text": "reopened on Tuesday",
                        "kind": "partial",
                        "article_ids": ["a1"],
                        "support": [span("a1", 1)],
                    }
                ],
            },
            {
                "id": "q2",
                "speaker": "Port Authority",
                "cue": "say",
                "variants": [
                    {
                        "text": "trade resumed",
                        "kind": "indirect",
                        "article_ids": ["a3"],
                        "support": [span("a3", 1)],
                    }
                ],
            },
        ],
        "entities": [],
        "timeline": [{"date": "2024-03", "text": "The harbour reopened.", "support": reopened}],
        "provenance": [
            {"article_id": "a1", "cited": "Port Authority", "how": "said", "support": [span("a1", 1)]}
        ],
        "provenance_graph": {"nodes": [], "edges": []},
        "divergences": [
            {
                "about": "when it reopened",
                "positions": [
                    {"article_id": "a1", "text": "Tuesday", "support": [span("a1", 1)]},
                    {"article_id": "a2", "text": "Tuesday after repairs", "support": [span("a2", 1)]},
                ],
            }
        ],
        "quality_flags": [],
        "framing": [],
        "problems": [],
    }


def test_story_view_merges_repeated_statements_and_groups_quotes() -> None:
    view = build_story_view(_brief())
    statements = [row["text"] for row in view["coverage"]]
    assert len(statements) == len(set(statements)) == 2  # f1 and f2 say the same: one row
    assert view["coverage"][0]["n"] == 2
    assert [g["speaker"] for g in view["quotes"]] == ["Port Authority"]
    assert len(view["quotes"][0]["statements"]) == 2
    assert view["outlets"] == {"outlets": 2, "unnamed": 0}
    for claim in view["timeline"]["rows"] + view["divergences"] + view["coverage"]:
        assert claim["chips"] and claim["support"]  # every claim opens its sources


# -- scare quotes -----------------------------------------------------------------------------------


def _article(text: str) -> Article:
    sentences, start = [], 0
    for n, part in enumerate(text.split("\n")):
        sentences.append(Sentence(f"s{n}", Span("x1", start, start + len(part)), part))
        start += len(part) + 1
    lines = tuple(Line(i, t, LineKind.BODY, "test") for i, t in enumerate(text.split("\n")))
    return Article("x1", "x1.txt", None, None, None, None, None, lines, text, tuple(sentences))


def test_scare_quotes_are_only_words_no_speaker_is_said_to_have_said() -> None:
    text = (
        "Critics of the plan have been spreading talk of a ‘cover-up’ at the port.\n"
        "The mayor described the repairs as “on schedule” on Monday.\n"
        "The so-called “harbour tax” is back, according to the council.\n"
        "Residents fear a “ghost town” by winter."
    )
    article = _article(text)
    start = text.index("ghost town")
    said_elsewhere = Quote(
        "q1", "A resident", (QuoteVariant("a ghost town", "partial", ("x2",), (Span("x2", 0, 12),)),), "say"
    )
    (framing,) = frame_articles([article], [])
    assert framing.scare_quotes == ("cover-up", "ghost town")
    (framing,) = frame_articles([article], [said_elsewhere])
    assert framing.scare_quotes == ("cover-up",)  # another outlet attributes 'a ghost town' to a resident
    own = Quote(
        "q2", "A resident", (QuoteVariant("x", "partial", ("x1",), (Span("x1", start, start + 10),)),)
    )
    assert frame_articles([article], [own])[0].scare_quotes == ("cover-up",)


# -- per-document fields of the Add form ------------------------------------------------------------


def test_add_fields_go_to_their_own_document() -> None:
    intake = Intake(uploads=[Upload("a.txt", b"x"), Upload("b.txt", b"y")], texts=["z"])
    docs = [
        RawDocument("a.txt", "x"),
        RawDocument("b.txt", "y", outlet="From Page"),
        RawDocument("pasted-1", "z"),
    ]
    files = metas(["Harbour Gazette", ""], ["", "https://quay.example/b"], ["5 March 2024"])
    out = apply_meta(docs, intake, files, doc_meta("Quay Weekly", None, "2024-03-06T10:00:00Z"))
    assert (out[0].outlet, out[0].url, out[0].published) == ("Harbour Gazette", None, "2024-03-05")
    assert (out[1].outlet, out[1].url) == ("From Page", "https://quay.example/b")  # the page's own outlet
    assert (out[2].outlet, out[2].published) == ("Quay Weekly", "2024-03-06")
    assert doc_meta("  ", "", "not a date") == DocMeta()


# -- pages through a real server --------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """A real server over a real store whose one story has the hand-written brief filed under its key."""
    home = tmp_path_factory.mktemp("readable-home")
    settings = Settings(home=str(home))
    brief = _brief()
    store = Store.open(settings.resolved_db_path)
    articles = []
    for a in brief["articles"]:
        lines = tuple(Line(i, t, LineKind.BODY, "test") for i, t in enumerate(a["text"].split("\n")))
        sentences = tuple(
            Sentence(s["id"], Span(a["id"], s["start"], s["end"]), a["text"][s["start"] : s["end"]])
            for s in a["sentences"]
        )
        articles.append(
            Article(
                a["id"],
                a["source"],
                a["outlet"],
                a["url"],
                a["published"],
                None,
                None,
                lines,
                a["text"],
                sentences,
            )
        )
    store.add_articles(articles)
    store.assign_many([(a.id, "s-harbour", "Harbour reopens after storm.", a.published) for a in articles])
    store.save_brief(
        "s-harbour", json.dumps(brief), brief_key(settings, store.story_article_ids("s-harbour"))
    )
    store.close()
    with HistoryTable(settings.resolved_db_path) as history:  # two rebriefs, as `synoptic watch` records
        earlier = {**brief, "articles": brief["articles"][:1]}
        history.record("s-harbour", json.dumps(earlier), "key-1")
        history.record("s-harbour", json.dumps(brief), "key-2")
    with ThreadServer(create_app(settings, WebConfig(host="127.0.0.1"))) as server:
        yield server.url


def test_stories_are_listed_with_when_they_were_updated(site: str) -> None:
    page = httpx.get(site + "/").text
    cell = re.search(r'<td class="updated" title="([^"]+)">([^<]*)</td>', page)
    assert cell, page
    assert cell.group(2) in {"just now", "1 min ago", "2 min ago"}  # the fixture stored it moments ago


def test_story_page_lists_its_versions_with_what_each_changed(site: str) -> None:
    page = httpx.get(site + "/stories/s-harbour").text
    section = page[page.index('<section id="versions">') :]
    section = section[: section.index("</section>")]
    assert section.count("<li>") == 2
    assert 'href="/api/stories/s-harbour/diff?to=2"' in section
    assert "· 1 article</li>" in section  # the first version, before the second article joined


def test_stories_list_shows_the_headline_cut_at_a_word(site: str) -> None:
    page = httpx.get(site + "/").text
    link = re.search(r'<a class="story-title" href="/stories/s-harbour" title="([^"]+)">([^<]+)</a>', page)
    assert link, page
    full, shown = link.group(1), link.group(2)
    assert full == _brief()["headline"] and shown.endswith("…") and len(shown) <= 90
    assert full.startswith(shown[:-1]) and full[len(shown) - 1] == " "
    stories = httpx.get(site + "/api/stories").json()["stories"]
    assert stories[0]["headline"] == full


def test_story_page_names_outlets_and_letters_the_matrix(site: str) -> None:
    page = httpx.get(site + "/stories/s-harbour").text
    assert "000_9f6a503c4a537dc5" not in page.split('<section id="articles">')[0]  # no hash as a name
    assert re.search(r'<span id="outlet-count">2 outlets</span>', page)
    legend = re.search(r'<ul class="keys" id="matrix-legend">(.*?)</ul>', page, re.S).group(1)
    assert "<b>A</b> Harbour Gazette (1)" in legend and "<b>B</b> quay.example" in legend
    matrix = page.split('<table class="matrix">')[1].split("</table>")[0]
    assert matrix.count('<tr class="claim') == 2  # the repeated statement is one row
    for section in ("timeline", "quotes", "divergences"):
        body = page.split(f'<section id="{section}">')[1].split("</section>")[0]
        assert 'class="chip"' in body and "data-support=" in body, section


def test_api_page_is_served_locally_and_linked_from_the_footer(site: str) -> None:
    home = httpx.get(site + "/").text
    assert '<a id="api-docs" href="/docs">API</a>' in home
    response = httpx.get(site + "/docs")
    assert response.status_code == 200
    page = response.text
    assert "/api/stories/{story_id}/brief" in page and "file_outlet" in page
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page)  # nothing from a CDN
    operations = api_operations(httpx.get(site + "/openapi.json").json())
    add = next(op for op in operations if op["path"] == "/api/add")
    assert {"file_outlet", "file_url", "file_date", "text_outlet"} <= {f["name"] for f in add["body"]}
