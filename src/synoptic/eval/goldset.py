"""Score briefs against hand-annotated story folders (../shared/goldset/README.md defines the metrics).

Each metric is a rate over all stories together: the sum of numerators over the sum of denominators,
so a story with many lines weighs more than one with few. A story is scored from the brief's JSON form
(the contract every consumer reads) plus the raw files, which body_kept needs.

Where the README leaves a detail open, the stricter reading is taken and named here:
- a line "overlaps" a summary sentence when one contains the other, a contained line having 3+ words
  (a one-word credit line such as an agency name would otherwise make every sentence junk);
- a quote variant "contains" another only when the contained text has 3+ words;
- off_topic_flagged needs a quality flag whose code names the off-topic check, not any flag.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PLAIN = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    }
)  # fmt: skip


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRONOUNS = _word_set(
    "he she it they we i you this that these those his her its their our my your him them there here "
    "such which who"
)
CONNECTIVES = _word_set(
    "and but or so yet also still however meanwhile instead then thus therefore moreover besides "
    "nevertheless nonetheless furthermore indeed otherwise because although though while whereas"
)
TITLES = _word_set(
    "mr mrs ms miss mx dr prof president sen senator rep gov governor mayor judge rev sir dame lord lady "
    "pope king queen prince princess capt lt sgt col gen adm the"
)  # honorifics only: "General Motors" and "Chief Justice" keep their first word unless a name follows
JUNK_KEYS = ("boilerplate_lines", "caption_lines", "metadata_lines")
METRICS = (
    "junk_removed",
    "body_kept",
    "summary_junk_rate",
    "summary_fragment_rate",
    "summary_mapped",
    "citation_precision",
    "citation_recall",
    "headline_ok",
    "quote_recall",
    "speaker_accuracy",
    "entity_merge_recall",
    "entity_wrong_merge_rate",
    "timeline_recall",
    "divergence_recall",
    "divergence_precision",
    "off_topic_flagged",
    "off_topic_excluded",
)


def norm(text: str) -> str:
    """NFKC, curly quotes and dashes made plain, whitespace folded, lower case."""
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    return re.sub(r"\s+", " ", text).strip().lower()


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", norm(text))


@dataclass
class Ratio:
    num: float = 0.0
    den: float = 0.0

    def add(self, num: float, den: float = 1.0) -> None:
        self.num += num
        self.den += den

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None


@dataclass
class StoryScore:
    name: str
    ratios: dict[str, Ratio] = field(default_factory=lambda: {m: Ratio() for m in METRICS})
    misses: dict[str, list[str]] = field(default_factory=dict)

    def miss(self, metric: str, what: str) -> None:
        self.misses.setdefault(metric, []).append(what)


class _Story:
    """The brief and the gold of one folder, with the lookups every metric needs."""

    def __init__(self, brief: Mapping[str, Any], gold: Mapping[str, Any], folder: Path) -> None:
        self.brief, self.gold, self.folder = brief, gold, folder
        self.doc_of: dict[str, str] = {}
        for article in brief["articles"]:
            source = article["source"].replace("\\", "/")
            for key in gold["documents"]:
                if source.endswith("/" + key) or source == key:
                    self.doc_of[article["id"]] = key
        self.article_of = {doc: aid for aid, doc in self.doc_of.items()}
        self.articles = {a["id"]: a for a in brief["articles"]}
        self.norm_text = {a["id"]: norm(a["text"]) for a in brief["articles"]}
        self.off_topic = {d for d, g in gold["documents"].items() if g.get("off_topic")}
        self.junk_lines = [
            norm(line)
            for g in gold["documents"].values()
            for key in JUNK_KEYS
            for line in g.get(key, [])
            if line.strip()
        ]

    def docs(self, support: Iterable[Mapping[str, Any]]) -> set[str]:
        return {self.doc_of[s["article_id"]] for s in support if s["article_id"] in self.doc_of}

    def span_text(self, span: Mapping[str, Any]) -> str:
        article = self.articles.get(span["article_id"])
        return article["text"][span["start"] : span["end"]] if article else ""

    def is_junk(self, sentence: str) -> bool:
        """From an off-topic document, or overlapping a gold boilerplate / caption / metadata line."""
        text = norm(sentence)
        for doc in self.off_topic:
            aid = self.article_of.get(doc)
            if aid is not None and text and text in self.norm_text[aid]:
                return True
        for line in self.junk_lines:
            if text and text in line:
                return True
            if len(line.split()) >= 3 and line in text:
                return True
        return False


def is_fragment(sentence: str) -> bool:
    """Opens in lower case or with punctuation, or holds an odd number of double quotation marks."""
    text = unicodedata.normalize("NFKC", sentence).translate(_PLAIN).strip()
    if not text:
        return True
    first = text.lstrip("\"'")[:1] or text[0]  # a sentence may open with a quotation
    if first.islower() or not first.isalnum():
        return True
    return text.count('"') % 2 == 1


def opens_badly(sentence: str) -> bool:
    """A headline that cannot stand alone: a fragment, or one opening with a pronoun or a bare connective."""
    if is_fragment(sentence):
        return True
    first = words(sentence)[:1]
    return bool(first) and (first[0] in PRONOUNS or first[0] in CONNECTIVES)


def _name_words(name: str) -> list[str]:
    tokens = [w[:-2] if w.endswith("'s") else w for w in words(name)]
    while len(tokens) > 1 and tokens[0].rstrip(".") in TITLES:
        tokens = tokens[1:]
    return tokens


def name_form(name: str) -> str:
    """A name with titles, a leading 'the' and possessives dropped, for comparing variants."""
    return " ".join(_name_words(name))


def same_speaker(brief_speaker: str | None, allowed: Sequence[str]) -> bool:
    """The same entity after dropping titles, or the same surname."""
    if not brief_speaker:
        return False
    mine = _name_words(brief_speaker)
    for name in allowed:
        theirs = _name_words(name)
        if mine and theirs and (mine == theirs or mine[-1] == theirs[-1]):
            return True
    return False


def quote_match(a: str, b: str) -> bool:
    """One text contains the other (the contained one has 3+ words), or word Jaccard >= 0.5."""
    x, y = norm(a).strip(" .,;:'\""), norm(b).strip(" .,;:'\"")
    wx, wy = set(words(x)), set(words(y))
    short = x if len(x) <= len(y) else y
    if len(words(short)) >= 3 and (x in y or y in x):
        return True
    return bool(wx and wy) and len(wx & wy) / len(wx | wy) >= 0.5


def _score_lines(story: _Story, score: StoryScore) -> None:
    for doc, g in story.gold["documents"].items():
        aid = story.article_of.get(doc)
        text = story.norm_text.get(aid, "") if aid else ""
        text_lines = {norm(ln) for ln in story.articles[aid]["text"].split("\n")} if aid else set()
        kinds: dict[str, set[str]] = {}
        if aid:
            for line in story.articles[aid]["lines"]:
                kinds.setdefault(norm(line["text"]), set()).add(line["kind"])
        junk = [ln for key in JUNK_KEYS for ln in g.get(key, [])]
        for line in junk:
            n = norm(line)
            if not n:
                continue
            # a short line ("Reuters") is a substring of many bodies: it must only be gone as a line
            present = n in text_lines or (len(n.split()) >= 5 and n in text)
            removed = not present and "body" not in kinds.get(n, set())
            score.ratios["junk_removed"].add(removed)
            if not removed:
                score.miss("junk_removed", f"{doc}: {line[:90]}")
        if doc in story.off_topic:
            continue
        not_body = (*JUNK_KEYS, "subheading_lines", "duplicate_lines")
        skip = {norm(ln) for key in not_body for ln in g.get(key, [])}
        skip |= {norm(g[k]) for k in ("title", "dek") if g.get(k)}
        path = story.folder / doc
        raw = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        for line in raw.splitlines():
            n = norm(line)
            if not n or n in skip:
                continue
            kept = n in text
            score.ratios["body_kept"].add(kept)
            if not kept:
                score.miss("body_kept", f"{doc}: {line[:90]}")


def _score_summary(story: _Story, score: StoryScore) -> None:
    facts = story.gold["facts"]
    for sentence in story.brief["summary"]:
        text = sentence["text"]
        junk = story.is_junk(text)
        fragment = is_fragment(text)
        score.ratios["summary_junk_rate"].add(junk)
        score.ratios["summary_fragment_rate"].add(fragment)
        if junk:
            score.miss("summary_junk_rate", text[:100])
        if fragment:
            score.miss("summary_fragment_rate", text[:100])
        n = norm(text)
        matches = [f for f in facts if any(norm(p) in n for ps in f["key_phrases"].values() for p in ps)]
        score.ratios["summary_mapped"].add(bool(matches))
        if not matches:
            score.miss("summary_mapped", text[:100])
            continue
        cited = story.docs(sentence["support"])
        best = max(matches, key=lambda f: (len(cited & set(f["documents"])), -len(f["documents"])))
        gold_docs = set(best["documents"])
        right = len(cited & gold_docs)
        score.ratios["citation_precision"].add(right, len(cited))
        score.ratios["citation_recall"].add(right, len(gold_docs))
        if cited - gold_docs:
            score.miss("citation_precision", f"{best['id']} cites {sorted(cited - gold_docs)}: {text[:80]}")
        if gold_docs - cited:
            score.miss("citation_recall", f"{best['id']} misses {sorted(gold_docs - cited)}: {text[:80]}")


def _score_headline(story: _Story, score: StoryScore) -> None:
    headline = story.brief["headline"]
    documents = story.gold["documents"].items()
    titles = {norm(g["title"]) for d, g in documents if g.get("title") and d not in story.off_topic}
    ok = norm(headline) in titles or not (story.is_junk(headline) or opens_badly(headline))
    score.ratios["headline_ok"].add(ok)
    if not ok:
        score.miss("headline_ok", headline[:100])


def _score_quotes(story: _Story, score: StoryScore) -> None:
    gold_quotes = story.gold.get("quotes", [])
    alternatives = story.gold.get("quotes_speaker_alternatives", {})
    brief_quotes = story.brief["quotes"]

    def allowed(q: Mapping[str, Any]) -> list[str]:
        return [q["speaker"], *alternatives.get(q["id"], [])]

    def matches(bq: Mapping[str, Any], gq: Mapping[str, Any]) -> bool:
        return any(quote_match(v["text"], g) for v in bq["variants"] for g in gq["variants"])

    for gq in gold_quotes:
        found = any(matches(bq, gq) and same_speaker(bq["speaker"], allowed(gq)) for bq in brief_quotes)
        score.ratios["quote_recall"].add(found)
        if not found:
            score.miss("quote_recall", f"{gq['id']} ({gq['speaker']}): {gq['variants'][0][:80]}")
    for bq in brief_quotes:
        hits = [gq for gq in gold_quotes if matches(bq, gq)]
        if hits:
            right = any(same_speaker(bq["speaker"], allowed(gq)) for gq in hits)
            score.ratios["speaker_accuracy"].add(right)
            if not right:
                score.miss("speaker_accuracy", f"{bq['speaker']!r} for {hits[0]['speaker']!r}: "
                                               f"{bq['variants'][0]['text'][:70]}")  # fmt: skip


def _score_entities(story: _Story, score: StoryScore) -> None:
    gold = story.gold.get("entities", [])
    brief_sets = [{name_form(v) for v in (*e["variants"], e["canonical"])} for e in story.brief["entities"]]
    for entity in gold:
        forms = sorted({name_form(v) for v in entity["variants"]} - {""})
        if len(forms) < 2:
            continue
        # "Mayor Jane Okafor" asks nothing more than "Jane Okafor"; a full name is still
        # asked beside its surname (a surname alone is not "another variant with words in front")
        asked = [f for f in forms if not any(len(o.split()) >= 2 and f.endswith(" " + o) for o in forms)]
        merged = any(all(f in bs for f in asked) for bs in brief_sets)
        score.ratios["entity_merge_recall"].add(merged)
        if not merged:
            score.miss("entity_merge_recall", f"{entity['canonical']}: {asked}")
    owners: dict[str, set[int]] = {}
    for i, entity in enumerate(gold):
        for v in entity["variants"]:
            owners.setdefault(name_form(v), set()).add(i)
    for e, forms in zip(story.brief["entities"], brief_sets, strict=True):
        held = {owner for f in forms if f in owners for owner in owners[f]}
        if not held:
            continue
        multi = {next(iter(owners[f])) for f in forms if len(f.split()) >= 2 and len(owners.get(f, ())) == 1}
        wrong = len(multi) >= 2
        score.ratios["entity_wrong_merge_rate"].add(wrong)
        if wrong:
            score.miss("entity_wrong_merge_rate", f"{e['canonical']}: {sorted(e['variants'])[:6]}")


def _years_stated(story: _Story) -> set[str]:
    years: set[str] = set()
    for doc in story.gold["documents"]:
        path = story.folder / doc
        if path.is_file():
            years |= set(re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", path.read_text(errors="replace")))
    return years


def _score_timeline(story: _Story, score: StoryScore) -> None:
    years = _years_stated(story)
    wanted: dict[str, set[str]] = {}
    for event in story.gold.get("timeline", []):
        if event["date"][:4] in years:
            wanted.setdefault(event["date"], set()).update(event["documents"])
    for date, docs in sorted(wanted.items()):
        found = any(t["date"] == date and story.docs(t["support"]) & docs for t in story.brief["timeline"])
        score.ratios["timeline_recall"].add(found)
        if not found:
            score.miss("timeline_recall", date)


def _shows(position_texts: Sequence[str], phrase: str) -> bool:
    """A position shows a gold phrase when it contains it or half its words, or is a 2+ word piece of it."""
    target = norm(phrase)
    wanted = set(words(phrase))
    for text in position_texts:
        n = norm(text)
        if target in n or (wanted and len(wanted & set(words(n))) / len(wanted) >= 0.5):
            return True
        if len(words(n)) >= 2 and n in target:  # a shorter span of the same phrase
            return True
    return False


def _divergence_hits(story: _Story, bd: Mapping[str, Any], gd: Mapping[str, Any]) -> bool:
    shown = 0
    for doc, phrase in gd["positions"].items():
        texts = [p["text"] for p in bd["positions"] if story.doc_of.get(p["article_id"]) == doc]
        texts += [story.span_text(s) for p in bd["positions"] for s in p["support"]
                  if story.doc_of.get(s["article_id"]) == doc]  # fmt: skip
        shown += _shows(texts, phrase)
    return shown >= 2


def _score_divergences(story: _Story, score: StoryScore) -> None:
    gold, brief = story.gold.get("divergences", []), story.brief["divergences"]
    for gd in gold:
        hit = any(_divergence_hits(story, bd, gd) for bd in brief)
        score.ratios["divergence_recall"].add(hit)
        if not hit:
            score.miss("divergence_recall", gd["about"])
    for bd in brief:
        hit = any(_divergence_hits(story, bd, gd) for gd in gold)
        score.ratios["divergence_precision"].add(hit)
        if not hit:
            score.miss("divergence_precision", bd["about"][:100])


def _score_off_topic(story: _Story, score: StoryScore) -> None:
    cited: set[str] = set()
    for sentence in story.brief["summary"]:
        cited |= story.docs(sentence["support"])
    for fact in story.brief["facts"]:
        cited |= story.docs(fact["support"])
    flags = story.brief["quality_flags"]
    flagged = {story.doc_of.get(f["article_id"]) for f in flags if "off_topic" in f["code"].lower()}
    for doc in sorted(story.off_topic):
        score.ratios["off_topic_flagged"].add(doc in flagged)
        score.ratios["off_topic_excluded"].add(doc not in cited)
        if doc not in flagged:
            score.miss("off_topic_flagged", doc)
        if doc in cited:
            score.miss("off_topic_excluded", doc)


def score_story(name: str, brief: Mapping[str, Any], gold: Mapping[str, Any], folder: Path) -> StoryScore:
    """Every README metric for one story, as numerator / denominator pairs, with what was missed."""
    story = _Story(brief, gold, folder)
    score = StoryScore(name)
    for part in (_score_lines, _score_summary, _score_headline, _score_quotes, _score_entities,
                 _score_timeline, _score_divergences, _score_off_topic):  # fmt: skip
        part(story, score)
    return score


def total(scores: Sequence[StoryScore]) -> StoryScore:
    out = StoryScore("TOTAL")
    for s in scores:
        for metric, ratio in s.ratios.items():
            out.ratios[metric].add(ratio.num, ratio.den)
    return out


def gold_folders(paths: Iterable[Path]) -> list[Path]:
    """Folders holding a gold.json; a folder of such folders stands for all of them."""
    found: list[Path] = []
    for path in paths:
        if (path / "gold.json").is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(p.parent for p in path.glob("*/gold.json")))
    return found


def load_gold(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "gold.json").read_text(encoding="utf-8"))


SHORT = {
    "junk_removed": "junk", "body_kept": "body", "summary_junk_rate": "s.junk",
    "summary_fragment_rate": "s.frag", "summary_mapped": "mapped", "citation_precision": "c.prec",
    "citation_recall": "c.rec", "headline_ok": "head", "quote_recall": "q.rec", "speaker_accuracy": "spk",
    "entity_merge_recall": "e.merge", "entity_wrong_merge_rate": "e.wrong", "timeline_recall": "time",
    "divergence_recall": "d.rec", "divergence_precision": "d.prec", "off_topic_flagged": "ot.flag",
    "off_topic_excluded": "ot.excl",
}  # fmt: skip


def format_table(scores: Sequence[StoryScore]) -> str:
    """One row per story and the totals; '-' where a story has nothing to score for a metric."""
    rows = [*scores, total(scores)]
    width = max(len(r.name) for r in rows)
    head = "story".ljust(width) + "".join(f" {SHORT[m]:>7}" for m in METRICS)
    lines = [head]
    for row in rows:
        cells = []
        for m in METRICS:
            v = row.ratios[m].value
            cells.append(f" {'-' if v is None else f'{v:.2f}':>7}")
        lines.append(row.name.ljust(width) + "".join(cells))
    return "\n".join(lines) + "\n"


def to_json(scores: Sequence[StoryScore]) -> dict[str, Any]:
    def row(s: StoryScore) -> dict[str, Any]:
        return {m: {"value": r.value, "num": r.num, "den": r.den} for m, r in s.ratios.items()} | {
            "misses": s.misses
        }

    return {"stories": {s.name: row(s) for s in scores}, "total": row(total(scores))}


def evaluate_folders(folders: Sequence[Path], settings: Any, save: Path | None = None) -> list[StoryScore]:
    """Brief every folder with the library path, score it against its gold.json; optionally keep the briefs.

    A folder whose brief fails to build is not skipped silently: the error propagates, because a score
    that leaves out a story is a different score.
    """
    from synoptic.pipeline import brief as make_brief
    from synoptic.render.json import brief_to_dict, render_json
    from synoptic.render.markdown import render_markdown

    scores: list[StoryScore] = []
    for folder in folders:
        result = make_brief([str(folder)], settings)
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            (save / f"{folder.name}.json").write_text(render_json(result), encoding="utf-8")
            (save / f"{folder.name}.md").write_text(render_markdown(result), encoding="utf-8")
        scores.append(score_story(folder.name, brief_to_dict(result), load_gold(folder), folder))
    return scores
