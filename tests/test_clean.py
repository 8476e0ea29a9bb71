"""Line cleaning scored against the hand annotation of the seeds, with the real MiniLM embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synoptic.clean import clean_documents
from synoptic.clean.shapes import (
    closes_with_prompt,
    describe_line,
    is_attributed_quote,
    is_byline,
    is_caption,
    is_reader_prompt,
    is_separator,
    is_short_sentence,
    is_transcript_turn,
    match_embed,
    match_furniture,
    match_metadata,
    match_social_post,
)
from synoptic.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder, MiniLMEmbedder
from synoptic.ingest import read_sources, read_text
from synoptic.model import Article, LineKind
from synoptic.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["documents"]
LISTED = {
    "title": LineKind.TITLE,
    "dek": LineKind.DEK,
    "caption_lines": LineKind.CAPTION,
    "metadata_lines": LineKind.METADATA,
    "subheading_lines": LineKind.SUBHEADING,
    "duplicate_lines": LineKind.DUPLICATE,
    "boilerplate_lines": LineKind.BOILERPLATE,
}


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> CachedEmbedder:
    cache = EmbeddingCache(tmp_path_factory.mktemp("cache") / "cache.sqlite")
    return CachedEmbedder(MiniLMEmbedder(), cache)


@pytest.fixture(scope="module")
def seeds(embedder: CachedEmbedder) -> dict[str, Article]:
    docs, problems = read_sources([SEEDS], Settings())
    assert problems == []
    articles, problems = clean_documents(docs, embedder, Settings())
    assert problems == []
    return {Path(a.source).name: a for a in articles}


def _listed(gold: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key in LISTED:
        values = gold[key] if isinstance(gold[key], list) else [gold[key]] if gold[key] else []
        out[key] = set(values)
    return out


def test_every_seed_is_cleaned(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == sorted(GOLD)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_boilerplate_is_gone_and_body_is_kept(seeds: dict[str, Article], name: str) -> None:
    article, gold = seeds[name], GOLD[name]
    listed = _listed(gold)
    raw_lines = [ln.strip() for ln in (SEEDS / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert [ln.text for ln in article.lines] == raw_lines  # every non-blank line classified, in order
    assert all(ln.reason for ln in article.lines)
    body_lines = article.text.split("\n")
    for line in listed["boilerplate_lines"]:
        kinds = {ln.kind for ln in article.lines if ln.text == line}
        assert LineKind.BODY not in kinds, line
        assert line not in article.text, line
    not_body = set().union(*listed.values())
    for line in raw_lines:
        if line not in not_body:
            assert line in body_lines, f"body line lost: {line}"
    for line in listed["duplicate_lines"]:
        assert article.text.count(line) <= 1, line
        assert body_lines.count(line) <= 1


@pytest.mark.parametrize("name", sorted(GOLD))
def test_named_kinds_match_gold(seeds: dict[str, Article], name: str) -> None:
    article, gold = seeds[name], GOLD[name]
    for key, kind in LISTED.items():
        for line in _listed(gold)[key]:
            kinds = [ln.kind for ln in article.lines if ln.text == line]
            assert kinds, f"{key} line missing: {line}"
            if key == "title":
                assert kinds[0] is kind, line  # a repeated title: the first copy is the title
            elif key == "duplicate_lines":
                assert kind in kinds, line  # the other copy may be title or body
            else:
                assert set(kinds) == {kind}, (line, kinds)
    assert article.title == gold["title"]
    assert article.dek == gold["dek"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_outlet_date_and_dateline_match_gold(seeds: dict[str, Article], name: str) -> None:
    article, gold = seeds[name], GOLD[name]
    for field in ("outlet", "published", "dateline"):
        if gold[field] is not None:
            assert getattr(article, field) == gold[field], field


def test_dateline_line_stays_whole_in_body(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        if article.dateline:
            first = article.text.split("\n")[0]
            assert first.startswith(article.dateline)


def test_sentence_spans_and_ids(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert article.sentences
        for index, sentence in enumerate(article.sentences):
            assert article.text[sentence.span.start : sentence.span.end] == sentence.text
            assert sentence.id == f"{article.id}:{index}"


def test_cleaning_is_idempotent(seeds: dict[str, Article], embedder: CachedEmbedder) -> None:
    again_docs = [read_text(a.text, a.source) for a in seeds.values()]
    batch, problems = clean_documents(again_docs, embedder, Settings())
    assert problems == []
    assert [a.text for a in batch] == [a.text for a in seeds.values()]
    for article in seeds.values():
        (alone,), _ = clean_documents([read_text(article.text, article.source)], embedder, Settings())
        assert alone.text == article.text
        assert alone.id == article.id


def test_deterministic(seeds: dict[str, Article], embedder: CachedEmbedder) -> None:
    docs, _ = read_sources([SEEDS], Settings())
    again, _ = clean_documents(docs, embedder, Settings())
    assert [(a.id, a.lines, a.outlet, a.published) for a in again] == [
        (a.id, a.lines, a.outlet, a.published) for a in seeds.values()
    ]


def test_no_body_and_duplicates_are_problems(embedder: CachedEmbedder) -> None:
    only_furniture = read_text(
        "WORLD\n4 min read\nShare this article\n0 Comments\nContact us", "furniture.txt"
    )
    story = (SEEDS / "000_9f6a503c4a537dc5.txt").read_text(encoding="utf-8")
    docs = [read_text(story, "a.txt"), only_furniture, read_text(story, "b.txt")]
    articles, problems = clean_documents(docs, embedder, Settings())
    assert [a.source for a in articles] == ["a.txt"]
    assert [(p.code, p.source) for p in problems] == [
        ("E_NO_BODY", "furniture.txt"),
        ("E_DUPLICATE", "b.txt"),
    ]


FLOOD_A = """Flood waters rise in river town
Residents of the river town were moved to higher ground on Tuesday as the flood rose past its banks.
The regional governor said 1,200 people had spent the night in schools and sports halls.
Rescue crews in boats searched the lower streets for people trapped in their homes, officials said.
Celebrity chef opens a new restaurant in the capital's fashion district
Dams upstream
Engineers said two dams upstream were holding but that water would be released on Wednesday.
The weather service expects more rain over the catchment area until the weekend.
Popular now
Pop star announces world tour with stadium dates in 40 cities
Tech giant unveils folding phone at annual developer conference
Local football club signs striker in record transfer deal"""

FLOOD_B = """Thousands leave homes as river floods town
Rescue teams evacuated about 1,200 residents of the riverside town on Tuesday after the river burst its banks.
Officials said people were sheltering in school buildings and a sports hall overnight.
Boats were used to reach families trapped in flooded streets, the rescue service said.
More rain is forecast for the region until the weekend, meteorologists warned."""


def test_unrelated_headline_block_on_a_new_story(embedder: CachedEmbedder) -> None:
    docs = [read_text(FLOOD_A, "flood_a.txt"), read_text(FLOOD_B, "flood_b.txt")]
    (a, b), problems = clean_documents(docs, embedder, Settings())
    assert problems == []
    kinds = {ln.text: ln.kind for ln in a.lines}
    assert kinds["Flood waters rise in river town"] is LineKind.TITLE
    assert kinds["Dams upstream"] is LineKind.SUBHEADING
    chef = "Celebrity chef opens a new restaurant in the capital's fashion district"
    assert kinds[chef] is LineKind.BOILERPLATE  # unrelated headline between paragraphs
    assert kinds["Popular now"] is not LineKind.BODY
    for line in FLOOD_A.split("\n")[-3:]:
        assert kinds[line] is LineKind.BOILERPLATE
        assert line not in a.text
    assert "Engineers said two dams upstream" in a.text
    assert b.title == "Thousands leave homes as river floods town"
    assert len(b.text.split("\n")) == 4


def test_hashing_embedder_fast_path() -> None:
    """Shape rules do not need the real model: a fast fake embedder gives the same furniture decisions."""
    docs, _ = read_sources([SEEDS], Settings())
    articles, problems = clean_documents(docs, HashingEmbedder(), Settings())
    assert problems == []
    for article in articles:
        for line in GOLD[Path(article.source).name]["boilerplate_lines"]:
            if line.lower().startswith(("also read", "read more", "0 comments", "leave a comment")):
                assert line not in article.text


# --- furniture recognized by its shape (invented examples, none from the goldset) -----------------


@pytest.mark.parametrize(
    "line",
    [
        "The ferry leaves the harbour at dawn on its first crossing. Photograph: Ann Other/Harbour Press",
        "Image caption The new bridge lit up for its opening night",
        "Image copyright Rivertown Photo Desk Image caption Crowds on the quay",
        "Enlarge this image toggle caption Ann Other/Valley Pictures Ann Other/Valley Pictures",
        "Hide Caption 4 of 9",
        "3 of 12. Volunteers stack sandbags along the river wall in Millbrook, March 3, 2019.",
        "In this photo provided by the county sheriff, deputies search a field near Oakdale.",
        "FILE - In this Jan. 5, 2017, file photo, the mayor speaks at city hall in Millbrook.",
        "A map shows where the storm made landfall on Tuesday. (Associated Press)",
        "Firefighters work through the night at the warehouse. (Jo Bloggs / Staff Photographer)",
        "(Credit: Acme Robotics)",
        "Courtesy of the Millbrook Historical Society",
        "Getty Images",
        "Ann Other/Valley Pictures",
        "Sam Doe via Getty Images.",
        "Credit Ann Other for The Daily Planet",
        "Smoke rises over the freeway after the crash on Monday. (KXYZ)",
        "Photo",
        "Buy Photo",
        "Illustration by Sam Doe",
        "Image 2 of 7",
        "Media playback is unsupported on your device Media caption Crowds gather on the quay",
    ],
)
def test_caption_and_credit_shapes(line: str) -> None:
    assert is_caption(line, describe_line(line)), line


@pytest.mark.parametrize(
    "line",
    [
        "Firefighters worked through the night at the warehouse, the fire chief said.",
        "In this town, the river has flooded three times since 2010.",
        "A photo of the suspect was released by police on Monday and shared widely.",
        "Residents were moved to higher ground (about 1,200 of them) on Tuesday.",
    ],
)
def test_body_sentences_are_not_captions(line: str) -> None:
    assert not is_caption(line, describe_line(line)), line


@pytest.mark.parametrize(
    "line",
    [
        "— Ann Other (@annother) March 3, 2019",
        '"Nobody asked for this." — Sam Doe (@samdoe_42) October 9, 2020',
        "Flood water reaches the steps of the town hall pic.twitter.com/AbC123xyz",
        "The river is still rising https://t.co/Zz9yQ1 — Millbrook News (@MillbrookNews) May 1, 2021",
        "A post shared by Jo Bloggs (@jo.bloggs) on Jun 2, 2018 at 9:14am PDT",
        "@MillbrookNews",
    ],
)
def test_pasted_social_post_shapes(line: str) -> None:
    assert match_social_post(line), line


def test_social_handles_inside_a_sentence_are_body() -> None:
    line = "The mayor, who posts as @MayorOfMillbrook, wrote that the bridge would reopen on Friday."
    assert match_social_post(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "For the latest updates, follow @MillbrookDesk.",
        "And like us on Facebook to see our stories in your feed:",
        "Get the morning briefing delivered straight to your inbox.",
        "Make sure to visit our homepage for all of our coverage and add our RSS feed to your reader.",
        "Follow Ann Other on Twitter: @annother",
        "Sign up for our weekly newsletter",
    ],
)
def test_reader_prompt_shapes(line: str) -> None:
    assert is_reader_prompt(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Join us in prayer for the victims, the pastor wrote on Facebook.",
        '"Follow our lead," the governor told other states.',
        "Officials asked residents to follow evacuation orders and avoid the river.",
        "Anyone with information is asked to call the tip line at 555-201-3344.",
    ],
)
def test_reported_speech_and_appeals_are_not_reader_prompts(line: str) -> None:
    assert not is_reader_prompt(line), line


def test_closing_promo_paragraph() -> None:
    promo = (
        "Next month our reporter sets off on a tour of the coast. If you know a spot worth seeing, send "
        "her a note. Until then, you can follow the trip on Twitter @CoastTrip."
    )
    assert closes_with_prompt(promo)
    assert not closes_with_prompt("The tour ends in May. Organisers said tickets sold out in a day.")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Ann Other and Sam Doe contributed to this report.", "contributor credit"),
        ("—Jo Bloggs contributed reporting from Oakdale.", "contributor credit"),
        ("Wire Service writer Sam Doe in Oakdale contributed.", "contributor credit"),
        ("(Reporting by Ann Other; Editing by Sam Doe)", "contributor credit"),
        ("Editor's note: This story was updated to correct the name of the bridge.", "editor's note"),
        ("Correction: An earlier version misstated the date of the vote.", "editor's note"),
        ("This article has been updated with comment from the council.", "editor's note"),
        ("To reach Jo Bloggs, call 555-201-3344 or email jbloggs@millbrooknews.example.", "reporter contact"),
        ("jbloggs@millbrooknews.example", "contact address"),
        ("• 555-2194", "contact address"),
        ("Updated 3:04 PM ET, Thu March 1, 2018", "timestamp"),
        ("Posted by Ann Other at 9:15 am", "timestamp"),
        ("2 hours ago", "timestamp"),
        ("7 p.m.", "timestamp"),
    ],
)
def test_metadata_shapes(line: str, reason: str) -> None:
    assert match_metadata(line, describe_line(line)) == reason, line


def test_byline_with_outlet_after_a_bar() -> None:
    assert is_byline("By Ann Other | The Daily Planet")
    assert not is_byline("By the time the water fell, the town had emptied")


def test_body_lines_are_not_metadata() -> None:
    for line in (
        "Anyone with information is asked to call the tip line at 555-201-3344.",
        "The council updated its flood plan in 2018 after residents complained.",
        "Reporters were told the bridge would reopen on Friday.",
    ):
        assert match_metadata(line, describe_line(line)) is None, line


@pytest.mark.parametrize(
    "line",
    [
        "EMBED More News Videos",
        "Watch below (the exchange starts around 2:10):",
        "Watch the full interview with the mayor below:",
        "Media playback is unsupported on your device",
    ],
)
def test_embed_shapes(line: str) -> None:
    assert match_embed(line, describe_line(line)), line


def test_long_copyright_notice_is_furniture() -> None:
    line = (
        "Copyright 2019 Millbrook News Group. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed."
    )
    assert match_furniture(line, describe_line(line)) == "copyright line"


def test_transcript_turns_and_attributed_quotes() -> None:
    assert is_transcript_turn('Host: "Which figures?"')
    assert not is_transcript_turn("Update: the bridge is open")
    assert is_attributed_quote('"Which figures?" she asked again.')
    assert is_attributed_quote("“Wish us luck,” he said.")
    assert not is_attributed_quote('"Knock knock."')
    assert is_short_sentence("And then it was over.", describe_line("And then it was over."))
    assert not is_short_sentence("PHOTOS: Fire in L.A.", describe_line("PHOTOS: Fire in L.A."))
    assert not is_short_sentence("Dams upstream", describe_line("Dams upstream"))
    for heading in ("Joining Forces With Allies.", "PLEDGED VOTES SO FAR."):  # headings closed by a stop
        assert not is_short_sentence(heading, describe_line(heading)), heading


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Facebook Twitter Email", "share buttons"),
        ("Tweet | Pin | Print", "share buttons"),
        ("Close Get alerts on {{subject}} every day", "template residue"),
        ("A link has been posted to your Facebook feed.", "widget message"),
        ("To find out more about Facebook commenting please read the guidelines", "comment form"),
        ("Read more at The Daily Planet", "navigation prompt"),
        ("Story highlights", "navigation label"),
        ("Topics: floods, weather", "tag list"),
    ],
)
def test_widget_furniture_shapes(line: str, reason: str) -> None:
    assert match_furniture(line, describe_line(line)) == reason, line


def test_separator_lines() -> None:
    assert all(is_separator(line) for line in ("___", "* * *", "———", "•"))
    assert not is_separator("1")


RIVER = [
    "Flood waters rose past the river wall in Millbrook on Tuesday, forcing hundreds of people from homes.",
    "The regional governor said 1,200 residents had spent the night in schools and sports halls.",
]


def _clean_one(text: str) -> Article:
    (article,), problems = clean_documents([read_text(text, "river.txt")], HashingEmbedder(), Settings())
    assert problems == []
    return article


def _kinds(article: Article) -> dict[str, LineKind]:
    return {ln.text: ln.kind for ln in article.lines}


def test_text_of_pasted_posts_goes_with_their_signatures() -> None:
    text = "\n\n".join(
        [
            *RIVER,
            'Host: "Is the wall going to hold?"',
            "Engineers said the wall was built for a flood of this size and would hold until Friday.",
            "*opens umbrella indoors*",
            '"Just in case."',
            '"Wall holds. Town cheers." — Ann Other (@annother) March 3, 2019',
            '"The river has been rising since the weekend, just look at it."',
            '"Wall holds."',
            "— Sam Doe (@samdoe) March 3, 2019",
            "Rescue crews in boats searched the lower streets for people trapped in their homes.",
            "The weather service expects more rain over the catchment area until the weekend.",
        ]
    )
    article = _clean_one(text)
    kinds = _kinds(article)
    for line in ("*opens umbrella indoors*", '"Just in case."', '"Wall holds."'):
        assert kinds[line] is LineKind.BOILERPLATE, line
    assert kinds['"The river has been rising since the weekend, just look at it."'] is LineKind.BOILERPLATE
    assert kinds['Host: "Is the wall going to hold?"'] is LineKind.BODY
    assert "Rescue crews in boats" in article.text
    assert "@annother" not in article.text


def test_list_announced_by_a_colon_and_short_sentences_stay_in_the_body() -> None:
    text = "\n\n".join(
        [
            *RIVER,
            "Residents at the evening meeting put three questions to the council:",
            "Whether the new wall will be finished",
            "Who pays for the pumps",
            "Officials promised written answers within a week and a second meeting in April.",
            "And then it was over.",
            "The weather service expects more rain over the catchment area until the weekend.",
            "Rescue crews in boats searched the lower streets for people trapped in their homes.",
        ]
    )
    kinds = _kinds(_clean_one(text))
    assert kinds["Whether the new wall will be finished"] is LineKind.BODY
    assert kinds["Who pays for the pumps"] is LineKind.BODY
    assert kinds["And then it was over."] is LineKind.BODY


def test_prose_above_a_wire_dateline_is_header() -> None:
    text = "\n\n".join(
        [
            "After a week of rain, the river town counts the cost of its worst flood in fifty years.",
            "Volunteers fill sandbags outside the town hall in Millbrook, as the water keeps rising.",
            "MILLBROOK (Wire News) - " + RIVER[0],
            *RIVER[1:],
            "Rescue crews in boats searched the lower streets for people trapped in their homes.",
        ]
    )
    article = _clean_one(text)
    assert article.dek is not None and article.dek.startswith("After a week of rain")
    assert (
        _kinds(article)[
            "Volunteers fill sandbags outside the town hall in Millbrook, as the water keeps rising."
        ]
        is LineKind.CAPTION
    )
    assert article.text.startswith("MILLBROOK (Wire News)")


def test_closing_promo_is_not_body() -> None:
    promo = (
        "Next month our reporter sets off on a tour of the flooded valleys. If you know a spot worth seeing, "
        "send her a note. Until then, you can follow the trip on Twitter @ValleyTrip."
    )
    article = _clean_one("\n\n".join([*RIVER, "Rescue crews searched the lower streets all night.", promo]))
    assert _kinds(article)[promo] is LineKind.BOILERPLATE
    assert promo not in article.text
