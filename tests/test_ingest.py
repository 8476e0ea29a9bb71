"""Ingest: files, folders, encodings, HTML and JSONL; every bad input is a coded Problem, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synoptic.ingest import read_feed, read_html, read_sources, read_text, read_warc
from synoptic.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CP1252_TEXT = (
    "Café owners in Zürich said “prices rose” – again – by 5 € this week.\nA second paragraph follows."
)


def _codes(problems) -> list[str]:
    return sorted(p.code for p in problems)


def test_bad_files_beside_the_seeds(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "western.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # unsupported in a folder: skipped silently
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    docs, problems = read_sources([SEEDS, tmp_path], Settings())
    names = [Path(d.source).name for d in docs]
    assert names == [*sorted(p.name for p in SEEDS.glob("*.txt")), "western.txt"]  # gold.json skipped
    assert _codes(problems) == ["E_BINARY", "E_EMPTY", "E_EMPTY"]
    assert {Path(p.source).name for p in problems} == {"empty.txt", "blank.txt", "binary.txt"}
    western = next(d for d in docs if d.source.endswith("western.txt"))
    assert western.text == CP1252_TEXT


def test_unicode_encodings(tmp_path: Path) -> None:
    text = "Путин и Байден говорили по телефону.\n拜登与普京通电话。\nDone – “ok”."
    (tmp_path / "a_utf16_bom.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b_utf16le_nobom.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "c_utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "d_crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "e_cp1251.txt").write_bytes(
        "Президент России провёл переговоры по телефону.".encode("cp1251")
    )
    docs, problems = read_sources([tmp_path], Settings())
    assert problems == []
    assert [d.text for d in docs[:4]] == [text] * 4
    assert docs[4].text == "Президент России провёл переговоры по телефону."


def test_limits_and_direct_paths(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    odd = tmp_path / "data.json"
    odd.write_text("{}", encoding="utf-8")
    docs, problems = read_sources([big, odd, tmp_path / "missing.txt"], Settings(max_file_bytes=1000))
    assert docs == []
    assert _codes(problems) == ["E_NOT_FOUND", "E_TOO_LARGE", "E_UNSUPPORTED"]
    too_large = next(p for p in problems if p.code == "E_TOO_LARGE")
    assert "max_file_bytes=1000" in too_large.message


def test_jsonl_bad_lines_do_not_stop_the_others(tmp_path: Path) -> None:
    rows = [
        json.dumps({"text": "First article body.", "outlet": "Daily", "published": "2024-03-05T10:00:00Z"}),
        "{not json",
        json.dumps({"text": 42}),
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Second article.", "url": 7}),
        "",
        json.dumps(["a", "list"]),
        json.dumps(
            {
                "html": "<html><body><article><p>An HTML record with enough words to be kept as text by "
                "the extractor.</p><p>And a second paragraph with more words in it too.</p>"
                "</article></body></html>",
                "url": "https://example.org/x",
            }
        ),
        json.dumps({"text": "Third article.", "title": "T"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, problems = read_sources([path], Settings())
    assert [(p.code, p.line) for p in problems] == [
        ("E_JSONL_SYNTAX", 2),
        ("E_JSONL_FIELDS", 3),
        ("E_JSONL_FIELDS", 4),
        ("E_JSONL_FIELDS", 5),
        ("E_JSONL_FIELDS", 7),
    ]
    assert [d.source for d in docs] == [f"{path}#L1", f"{path}#L8", f"{path}#L9"]
    assert [d.line_number for d in docs] == [1, 8, 9]
    assert docs[0].outlet == "Daily" and docs[0].published == "2024-03-05"
    assert "An HTML record" in docs[1].text and docs[1].url == "https://example.org/x"
    assert docs[2].title == "T"


PAGE = """<html><head><title>Dam breaks upstream - River Post</title>
<meta property="og:site_name" content="River Post">
<meta property="article:published_time" content="2023-07-14T08:00:00+00:00">
<link rel="canonical" href="https://riverpost.example/dam">
<script>var secret = "SCRIPT-TEXT";</script></head>
<body><nav>Home | News | Sport</nav><article><h1>Dam breaks upstream</h1>
<p>A dam upstream of the town broke early on Friday, sending water into the lower streets.</p>
<iframe src="https://ads.example">IFRAME-TEXT</iframe>
<p>Emergency crews moved about 300 residents to the school on the hill, officials said.</p>
<p>The river is expected to peak on Saturday evening, the weather service said.</p>
<script>document.write("SCRIPT-TEXT-2")</script></article><footer>Contact us</footer></body></html>"""


def test_html_text_keeps_lines_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    docs, problems = read_sources([tmp_path], Settings())
    assert problems == []
    (doc,) = docs
    assert "SCRIPT-TEXT" not in doc.text and "IFRAME-TEXT" not in doc.text and "secret" not in doc.text
    lines = doc.text.split("\n")
    assert "A dam upstream of the town broke early on Friday, sending water into the lower streets." in lines
    assert "The river is expected to peak on Saturday evening, the weather service said." in lines
    assert doc.outlet == "River Post"
    assert doc.published == "2023-07-14"
    assert doc.url == "https://riverpost.example/dam"
    assert doc.title and "Dam breaks upstream" in doc.title


def test_html_without_text_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "nothing.html").write_text(
        "<html><head><script>alert(1)</script></head><body><iframe src=x></iframe></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "empty.htm").write_bytes(b"")
    docs, problems = read_sources([tmp_path], Settings())
    assert docs == []
    assert _codes(problems) == ["E_EMPTY", "E_HTML_NO_TEXT"]
    doc, trouble = read_html("", "pasted")
    assert doc is None and [p.code for p in trouble] == ["E_HTML_NO_TEXT"]


def test_read_text_for_pasted_input() -> None:
    doc = read_text("Line one.\r\nLine two.", "paste:1", outlet="Wire", published="March 3, 2021", url=None)
    assert doc.text == "Line one.\nLine two."
    assert (doc.source, doc.outlet, doc.published, doc.url) == ("paste:1", "Wire", "2021-03-03", None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md"]))
def test_any_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    docs, problems = read_sources([path], Settings())
    assert len(docs) + len(problems) >= 1
    assert all(p.code.startswith("E_") for p in problems)


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>River Post</title>
<item><title>Dam breaks upstream</title><link>https://riverpost.example/dam</link>
<pubDate>Fri, 14 Jul 2023 08:00:00 GMT</pubDate>
<description>&lt;p&gt;A dam upstream broke early on Friday, flooding the lower streets of the town.&lt;/p&gt;
&lt;p&gt;About 300 residents were moved to the school on the hill, officials said.&lt;/p&gt;
</description></item>
<item><title>Water levels fall</title><link>https://riverpost.example/fall</link>
<pubDate>Sun, 16 Jul 2023 09:00:00 GMT</pubDate><description>Levels fell overnight.</description></item>
</channel></rss>"""


def test_rss_feed_entries() -> None:
    docs, problems = read_feed(RSS, "feed.xml")
    assert problems == []
    assert [d.title for d in docs] == ["Dam breaks upstream", "Water levels fall"]
    assert [d.published for d in docs] == ["2023-07-14", "2023-07-16"]
    assert docs[0].url == "https://riverpost.example/dam" and docs[0].outlet == "River Post"
    assert docs[0].text.split("\n")[0] == "Dam breaks upstream"
    assert "About 300 residents were moved to the school on the hill, officials said." in docs[0].text.split(
        "\n"
    )
    assert "<p>" not in docs[0].text
    empty, trouble = read_feed("this is not a feed", "junk.xml")
    assert empty == [] and [p.code for p in trouble] == ["E_UNSUPPORTED"]


def test_warc_html_responses(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, kind, body in [
            ("https://riverpost.example/dam", "text/html; charset=utf-8", PAGE.encode()),
            ("https://riverpost.example/logo.png", "image/png", b"\x89PNG\r\n"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
            writer.write_record(record)
    docs, problems = read_warc(path)
    assert problems == []
    (doc,) = docs
    assert doc.url == "https://riverpost.example/dam"
    assert "The river is expected to peak on Saturday evening, the weather service said." in doc.text.split(
        "\n"
    )
    assert "SCRIPT-TEXT" not in doc.text
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(200)))
    _, trouble = read_warc(broken)
    assert [p.code for p in trouble] == ["E_UNREADABLE"]
    junk = tmp_path / "images.warc"
    junk.write_bytes(b"WARC/1.0\r\nnonsense")
    none, trouble = read_warc(junk)
    assert none == [] and [p.code for p in trouble] == ["E_EMPTY"]
