"""Generate a folder of bad and awkward inputs, written here from code (no copied fixtures).

Each entry names a kind of input, the file it becomes, and what Synoptic must do with it: the
problem code it must raise (with the line, where a line is meaningful), READ when it is valid input
that must become an article, SKIPPED when a folder walk must pass it by. An entry with a code and
`read=True` must give both: the problem and an article (text cut or repaired, the rest kept).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

# Generic story text for the good files (an invented event, no real names).
STORY = [
    "Harbour Fire Closes Port for Second Day",
    "A fire at a fuel depot in the northern harbour burned for a second day on Tuesday, closing the port "
    "to all shipping, the port authority said.",
    "Firefighters from three districts fought the blaze through the night, and about 400 residents living "
    "near the depot were moved to a sports hall.",
    "The authority said no one had been hurt and that the cause of the fire was not yet known.",
    "Ships waiting to enter the harbour were sent to the southern terminal, where officials expect delays "
    "of up to three days.",
]
BOILERPLATE_ONLY = [
    "Subscribe to our newsletter",
    "Share this article",
    "0 Comments",
    "Leave a comment",
    "Tags: port, fire, harbour",
    "Also read | Ten recipes for a rainy weekend",
    "Also read | Markets close higher on Friday",
    "We use cookies to improve your experience. Accept cookie policy",
]
RUSSIAN = (
    "Пожар в северной гавани\n"
    "Пожар на топливном складе в северной гавани продолжался второй день, сообщили в администрации порта. "
    "Около 400 жителей были эвакуированы в спортивный зал.\n"
    "По словам представителей администрации, никто не пострадал, причина пожара пока не установлена.\n"
)
CHINESE = (
    "北港燃料库火灾持续第二天\n"
    "港务局表示，北港一处燃料库发生的火灾周二持续燃烧了第二天，港口对所有船只关闭。"
    "约四百名居民被转移到一座体育馆。\n"
    "港务局说，没有人受伤，火灾原因尚不清楚。\n"
)
UNBALANCED_QUOTES = (
    "Port Chief Warns of Long Delays\n"
    "The port chief said on Tuesday that “the harbour will stay shut until the fire is out, and we "
    "cannot say when that will be.\n"
    "Officials added that 'some berths may reopen\" sooner, but gave no date.\n"
    'A spokesman said "no one was hurt" and then "we are working with the fire service.\n'
)
FIFTY_MB = 50 * 1024 * 1024
READ = "read"
SKIPPED = "skipped"


@dataclass(frozen=True)
class BadInput:
    kind: str
    name: str
    expect: str  # a problem code, READ or SKIPPED
    line: int | None = None  # the line the problem must name, where a line is meaningful
    read: bool = False  # with a problem code: the input must still give an article


def _jsonl_rows() -> list[str]:
    # a wire's own telling (Thursday): a copy of lines another file holds would count once (issue 20)
    own = [line.replace("Tuesday", "Thursday") for line in STORY[1:3]]
    good = {"text": "\n".join(own), "title": "JSONL record", "outlet": "Wire"}
    return [
        json.dumps(good),
        '{"text": "a broken line',  # 2: syntax
        json.dumps({"text": 12345}),  # 3: wrong type
        json.dumps({"title": "missing text and html"}),  # 4: missing fields
        json.dumps({"text": STORY[3], "published": ["not", "a", "string"]}),  # 5: wrong type
        json.dumps("a bare string"),  # 6: not an object
        "[" * 100_000,  # 7: nested too deep to parse
    ]


CASES: tuple[BadInput, ...] = (
    BadInput("zero-byte file", "empty.txt", "E_EMPTY"),
    BadInput("only whitespace", "blank.txt", "E_EMPTY"),
    BadInput("binary file with NUL bytes", "image.txt", "E_BINARY"),
    BadInput("binary HTML (random bytes)", "random.html", "E_HTML_NO_TEXT"),
    BadInput("invalid UTF-8 (damaged bytes)", "damaged_utf8.txt", "E_ENCODING", 3, read=True),
    BadInput("cp1252 text", "western_cp1252.txt", READ),
    BadInput("UTF-16 with BOM", "utf16_bom.txt", READ),
    BadInput("UTF-16 (Russian) without BOM", "utf16_nobom.txt", READ),
    BadInput("50 MB text file", "huge.txt", "E_TOO_LARGE"),
    BadInput("HTML with only scripts, no body", "scripts_only.html", "E_HTML_NO_TEXT"),
    BadInput("HTML with scripts and iframes around an article", "framed.html", READ),
    BadInput("HTML fragment without <html>/<body>", "fragment.htm", READ),
    BadInput("JSONL good line", "batch.jsonl", READ, 1),
    BadInput("JSONL broken line", "batch.jsonl", "E_JSONL_SYNTAX", 2),
    BadInput("JSONL text of wrong type", "batch.jsonl", "E_JSONL_FIELDS", 3),
    BadInput("JSONL missing text/html", "batch.jsonl", "E_JSONL_FIELDS", 4),
    BadInput("JSONL metadata of wrong type", "batch.jsonl", "E_JSONL_FIELDS", 5),
    BadInput("JSONL line not an object", "batch.jsonl", "E_JSONL_FIELDS", 6),
    BadInput("JSONL nested 100k deep", "batch.jsonl", "E_JSONL_SYNTAX", 7),
    BadInput("article that is only boilerplate", "boilerplate.txt", "E_NO_BODY"),
    BadInput("one-sentence article", "one_sentence.txt", READ),
    BadInput("same article twice (first copy)", "story.txt", READ),
    BadInput("same article twice (second copy)", "story_copy.txt", "E_DUPLICATE"),
    BadInput("unbalanced quote marks", "unbalanced_quotes.txt", READ),
    BadInput("Russian text", "russian.txt", READ),
    BadInput("Chinese text", "chinese.txt", READ),
    BadInput("a line over max_line_chars", "long_line.txt", "E_LINE_TOO_LONG", 2, read=True),
    BadInput("file name that is not UTF-8", "odd_name_\\xff\\xfe.txt", READ),
    BadInput("unsupported suffix in a folder", "notes.pdf", SKIPPED),
)


def write_bad_folder(folder: Path, huge: bool = True) -> Path:
    """Write every case of CASES (and one good story file) into `folder`; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    story = "\n".join(STORY) + "\n"
    (folder / "story.txt").write_text(story, encoding="utf-8")
    (folder / "story_copy.txt").write_text(story, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n  \n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    (folder / "random.html").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    damaged = (
        "Café owners near the harbour said the closure “hurts everyone”.\n"
        "They asked the city for help – again.\n"
    ).encode() + b"The mayor \xc3 promised an answer \xff\xfe by Friday.\n"
    (folder / "damaged_utf8.txt").write_bytes(damaged)
    western = "Café owners near the harbour said the closure “hurts everyone” – and asked for 5 € a day.\n"
    (folder / "western_cp1252.txt").write_bytes((western * 3).encode("cp1252"))
    (folder / "utf16_bom.txt").write_bytes(story.replace("harbour", "harbour ✓").encode("utf-16"))
    (folder / "utf16_nobom.txt").write_bytes(RUSSIAN.replace("второй", "третий").encode("utf-16-le"))
    if huge:
        with open(folder / "huge.txt", "wb") as out:
            out.truncate(FIFTY_MB)  # sparse: 50 MB on paper, no disk or memory spent writing it
    (folder / "scripts_only.html").write_text(
        "<html><head><script>var a = 'SCRIPT-ONLY';</script><style>p{}</style></head></html>",
        encoding="utf-8",
    )
    framed = [line.replace("Tuesday", "Wednesday") for line in STORY]
    paragraphs = "".join(
        f"<p>{line}</p><iframe src='https://ads.example'>IFRAME</iframe>" for line in framed[1:]
    )
    (folder / "framed.html").write_text(
        f"<html><head><title>{STORY[0]}</title><script>alert('SCRIPT')</script></head><body>"
        f"<script>document.write('SCRIPT')</script><article><h1>{STORY[0]}</h1>{paragraphs}</article>"
        "</body></html>",
        encoding="utf-8",
    )
    fragment = [line.replace("Tuesday", "Monday") for line in STORY[1:]]
    (folder / "fragment.htm").write_text("".join(f"<p>{line}</p>\n" for line in fragment), encoding="utf-8")
    (folder / "batch.jsonl").write_text("\n".join(_jsonl_rows()) + "\n", encoding="utf-8")
    (folder / "boilerplate.txt").write_text("\n".join(BOILERPLATE_ONLY) + "\n", encoding="utf-8")
    (folder / "one_sentence.txt").write_text(
        "The northern harbour reopened to shipping on Thursday after the depot fire was put out.\n",
        encoding="utf-8",
    )
    (folder / "unbalanced_quotes.txt").write_text(UNBALANCED_QUOTES, encoding="utf-8")
    (folder / "russian.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "chinese.txt").write_text(CHINESE, encoding="utf-8")
    long_line = "The fire spread along the quay " + "and the smoke drifted over the town " * 700 + "."
    (folder / "long_line.txt").write_text(f"Quay Fire\n{long_line}\n{STORY[3]}\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    odd = os.fsencode(folder) + b"/odd_name_\xff\xfe.txt"
    try:
        with open(odd, "wb") as out:  # a file name that is not valid UTF-8
            out.write(story.replace("second day", "third day").encode())
    except OSError:
        pass  # file systems that refuse such names cannot hold this case
    return folder
