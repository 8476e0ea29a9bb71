"""Which name keys of a story name the same entity: people first, then other names.

Reporters name a person in full once and then by surname ("Smith", "Ms. Smith"), by first name (for
private people), by a compound surname alone ("Dunmore Hale"), by a nickname ("Andy" for "Andrew") or
with a middle initial. spaCy labels many of these short forms ORG or GPE, so a short form is matched by
its words against the story's full person names, whatever its label. A short form that fits several
people goes to the person its own article names in full, else to the person the story names most;
two full names with different first names (Tobin Marsh, Paul Marsh) are never joined.

Other names join a longer name they begin or end ("Quillo" -> "Quillo du Lac", "Mile" ->
"Brelin Golden Mile") only when that longer name is the one such name and the short one refers back to
it: it stands only where the longer one does, or the articles with both name it in full first; a
generic tail ("Department", "Expo") may come and go in any order. Never when the short one is a place:
"Brelin" is not "Brelin police". A genus abbreviated to its initial ("Q. robusta") is its full name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from synoptic.analyze.aliases import acronym_fits, clipped

GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
# words an organisation's or event's name is given with or without: "City Police (Department)"
GENERIC_TAILS = frozenset({"department", "dept", "expo", "company", "corporation", "incorporated", "limited"})
PLACE_LABELS = frozenset({"GPE", "NORP"})  # a place or people name begins many other names
# Hypocorisms that share no prefix with the full first name; those that do (Andy, Steve) need no list.
NICKNAMES = {
    "bill": "william", "will": "william", "billy": "william", "bob": "robert", "bobby": "robert",
    "rob": "robert", "dick": "richard", "rick": "richard", "jim": "james", "jimmy": "james",
    "jack": "john", "ted": "edward", "ned": "edward", "chuck": "charles", "peggy": "margaret",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "sally": "sarah", "tony": "anthony",
    "mike": "michael", "tom": "thomas", "joe": "joseph", "pat": "patrick", "kate": "katherine",
    "bess": "elizabeth", "hank": "henry", "harry": "henry", "larry": "lawrence", "sandy": "alexander",
}  # fmt: skip


class _Named(Protocol):
    label: str

    @property
    def span(self) -> object: ...


def name_words(key: str) -> list[str]:
    """A key's words without a generational suffix ("Tomas Vey Jr." -> tomas, vey)."""
    words = key.split()
    while len(words) > 1 and words[-1].strip(".") in GENERATIONAL:
        words = words[:-1]
    return words


def first_names_match(a: str, b: str) -> bool:
    """The same first name: equal, a transliteration (Andrei / Andrey), an initial (J. / John), or a
    nickname (Andy / Andrew, Steve / Stephen, Bill / William)."""
    a, b = a.strip("."), b.strip(".")
    if a == b or ratio(a, b) >= 70:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if min(len(a), len(b)) >= 3 and a[:3] == b[:3]:
        return True
    return NICKNAMES.get(a, a) == NICKNAMES.get(b, b)


def _middles_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Middle names agree when the shorter list is found, in order, in the longer one ("Tomas J.
    Vey" / "Tomas James Vey"; "Philippa Dunmore Hale" / "Philippa Ann ... Dunmore Hale")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    i = 0
    for word in long:
        if i < len(short) and first_names_match(short[i], word):
            i += 1
    return i == len(short)


def surname_close(a: str, b: str) -> bool:
    """Surnames one edit apart (two for long names), never a mere prefix of each other."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return Levenshtein.distance(a, b) <= (2 if min(len(a), len(b)) >= 9 else 1)


class Union:
    """Union-find over string keys; the smaller key is the root, so results do not depend on order."""

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


def _same_person(a: str, b: str, roles: Mapping[str, set[str]]) -> bool:
    """Two full names of one person: same surname and matching first and middle names; a surname one
    edit away when a shared role word confirms it; or a double-barrelled surname ("Lund" in
    "Lund-Brask")."""
    wa, wb = name_words(a), name_words(b)
    if len(wa) < 2 or len(wb) < 2 or not first_names_match(wa[0], wb[0]):
        return False
    if not _middles_match(wa[1:-1], wb[1:-1]):
        return False
    sa, sb = wa[-1], wb[-1]
    if sa == sb:
        return True
    if wa[0] == wb[0] and (sa in sb.split("-") or sb in sa.split("-")):
        return True
    confirmed = bool((roles.get(a, set()) & roles.get(b, set())) - {"president"})
    return surname_close(sa, sb) and confirmed


def _extends(short: str, long: str, people: set[str], surnames: set[str]) -> bool:
    """`long` is `short` with more name words after it: a person key itself, or words that are
    surnames in the story ("Mateo Arrizabal" -> "Mateo Arrizabal Lindqvist" once a Lindqvist is
    named), never a name's institution ("Ada Tovar" / "Ada Tovar Foundation")."""
    ws, wl = short.split(), long.split()
    if len(ws) < 2 or len(wl) <= len(ws) or wl[: len(ws)] != ws:
        return False
    if long in people:
        return True
    return all(w in surnames or w.strip(".") in GENERATIONAL for w in wl[len(ws) :])


class NameGroups:
    """Groups of mentions that name one entity, built from mentions keyed by `name_key`."""

    def __init__(
        self,
        by_key: Mapping[str, Sequence[_Named]],
        roles: Mapping[str, set[str]],
        aliases: Sequence[tuple[str, str]] = (),
        common: Mapping[str, int] | None = None,
    ) -> None:
        self.by_key = by_key
        self.roles = roles
        self.common = common or {}  # how often a word stands in lower case in the story
        self.aliases = [(a, b) for a, b in aliases if a in by_key and b in by_key]
        self.labels = {k: Counter(m.label for m in ms) for k, ms in by_key.items()}
        self.articles = {k: {m.span.article_id for m in ms} for k, ms in by_key.items()}  # type: ignore[attr-defined]
        self.union = Union(sorted(by_key))
        self.assigned: dict[int, str] = {}  # id(mention) -> key of the group it joins, when split
        self.people = self._people()
        self.named = set(self.people)  # tagged as people themselves, not only extending a person's name
        self.parts: set[str] = set()  # keys joined as parts of an organisation ("NBC News"): no canonical

    def _label(self, key: str) -> str:
        return self.labels[key].most_common(1)[0][0]

    def _people(self) -> set[str]:
        """Multi-word keys that name a person: tagged PERSON at least once, and not mostly a place."""
        return {
            k
            for k in self.by_key
            if " " in k and "PERSON" in self.labels[k] and self._label(k) not in PLACE_LABELS
        }

    def build(self) -> list[list[_Named]]:
        """The groups, each a list of mentions."""
        self._join_full_names()
        resolved = self._join_short_person_forms()
        self._join_other_names(resolved)
        for a, b in self.aliases:  # the articles say so: "X, formerly known as Y"
            ta, tb = self._placed_as(a), self._placed_as(b)
            if ta and tb:
                self.union.join(ta, tb)
        groups: dict[str, list[_Named]] = defaultdict(list)
        for key in sorted(self.by_key):
            for m in self.by_key[key]:
                target = self.assigned.get(id(m), key)
                groups[self.union.find(target)].append(m)
        return list(groups.values())

    # people

    def _join_full_names(self) -> None:
        keys = sorted(self.people)
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if _same_person(a, b, self.roles):
                    self.union.join(a, b)
        surnames = {name_words(k)[-1] for k in self.people}
        for short in keys:
            for long in self.by_key:
                if long != short and _extends(short, long, self.people, surnames):
                    self.people.add(long)
                    self.union.join(short, long)

    def _person_roots(self) -> dict[str, int]:
        """Each person group's root and how many full-name mentions it has (its weight in the story)."""
        weight: Counter = Counter()
        for k in self.people:
            weight[self.union.find(k)] += len(self.by_key[k])
        return dict(weight)

    def _candidates(self, short: str) -> dict[str, set[str]]:
        """Person groups a short form may name -> the full-name keys that fit it, by the first rule
        that finds any: surname (or trailing words), then an inner word, then the first name. Only a
        form the tagger called a person at least once may be a first or inner name ("Zentrix" is not the
        first name of a mis-tagged "Zentrix Voyages")."""
        ws = short.split()
        rules = [lambda w: name_words(w)[-len(ws) :] == ws and len(name_words(w)) > len(ws)]
        if len(ws) == 1 and "PERSON" in self.labels[short]:
            rules.append(lambda w: short in name_words(w)[1:-1])
            rules.append(lambda w: name_words(w)[0] == short)
        for rule in rules:
            found: dict[str, set[str]] = defaultdict(set)
            for k in self.named:
                if k != short and rule(k):
                    found[self.union.find(k)].add(k)
            if found:
                return found
        return {}

    def _join_short_person_forms(self) -> set[str]:
        """Join surname-only, first-name-only and compound-surname forms to their person; the keys
        placed (wholly or per mention) are returned. A form that fits several people goes, mention by
        mention, to the one its article has named in full before it, else to the one the story names
        most in full. A form mostly tagged as a place joins only where its article names the person
        in full before it, and not when the story tags it a place more often than it names the person."""
        placed: set[str] = set()
        for short in sorted(self.by_key):
            if short in self.people and not self._is_trailing_form(short):
                continue
            found = self._candidates(short)
            if not found:
                continue
            place = self._label(short) in PLACE_LABELS | {"LOC", "FAC"}
            weight = self._person_roots()
            if place and "PERSON" not in self.labels[short]:
                named = max(weight.get(r, 0) for r in found)
                if len(self.by_key[short]) > named:
                    continue  # a place more often than the person is named: "Bolivia", "Across Bolivia"
            if len(found) == 1 and not place:
                self.union.join(short, next(iter(found)))
                placed.add(short)
                continue
            story_choice = None if place else _heaviest(found, weight)
            for m in self.by_key[short]:
                local = {r for r, keys in found.items() if self._named_before(keys, m)}
                choice = _heaviest({r: found[r] for r in local}, weight) if local else story_choice
                if choice is not None:
                    self.assigned[id(m)] = choice
                    placed.add(short)
        return placed

    def _placed_as(self, key: str) -> str | None:
        """The key whose group a key's mentions joined: itself, the one person its surname was
        given to, or None where its mentions went to different people."""
        targets = {self.assigned.get(id(m), key) for m in self.by_key[key]}
        return targets.pop() if len(targets) == 1 else None

    def _named_before(self, keys: set[str], mention: _Named) -> bool:
        """One of these full names stands earlier in the mention's article."""
        span = mention.span
        return any(
            n.span.article_id == span.article_id and n.span.start < span.start  # type: ignore[attr-defined]
            for k in keys
            for n in self.by_key[k]
        )

    def _is_trailing_form(self, key: str) -> bool:
        """A multi-word person key that is the last words of a longer person name ("Dunmore Hale")."""
        ws = key.split()
        return any(
            len(name_words(k)) > len(ws) and name_words(k)[-len(ws) :] == ws for k in self.people if k != key
        )

    # other names

    def _join_initialled(self, others: Sequence[str]) -> None:
        """A name with its first word cut to an initial joins the one name it abbreviates."""
        for key in others:
            fits = [k for k in others if _initialled(key, k)]
            if len(fits) == 1:
                self.union.join(key, fits[0])

    def _join_respelled(self, others: Sequence[str]) -> None:
        """Two names alike but for a long last word spelled one or two letters apart, each in
        articles the other is not in ("Vexa Quillo" / "Vexa Quilo"): one outlet misspelt it."""
        buckets: dict[tuple[str, ...], list[str]] = defaultdict(list)  # same words before the last
        for k in others:
            words = k.split()
            if len(words) >= 2 and len(words[-1]) >= 6:
                buckets[tuple(words[:-1])].append(k)
        for keys in buckets.values():
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    if self.articles[a] & self.articles[b]:
                        continue
                    if Levenshtein.distance(a.split()[-1], b.split()[-1]) <= 2:
                        self.union.join(a, b)

    def _acronym_org(self, key: str) -> bool:
        """An organisation named by its initials in capitals ("NBC"), never a place ("US")."""
        names = {m.name for m in self.by_key[key]}
        return (
            " " not in key
            and 2 <= len(key) <= 6
            and self._label(key) == "ORG"
            and not self.labels[key].keys() & {"GPE", "LOC", "NORP"}  # "U.S." and "U.S. Senate"
            and all(n.replace(".", "").isupper() and n.replace(".", "").isalpha() for n in names)
        )

    def _join_abbreviated(self, others: Sequence[str]) -> None:
        """An acronym written in capitals ("Brelin P.D.", "FA") or a clipped last word ("Team Brel")
        joins the one longer name it abbreviates; a person's name is never the long one."""
        by_letter: dict[str, list[str]] = defaultdict(list)  # long names by their first letter
        by_clip: dict[tuple[str, ...], list[str]] = defaultdict(list)  # by the words before the last
        for k in others:
            by_letter[k[0]].append(k)
            words = k.split()
            by_clip[(*words[:-1], words[-1][:4])].append(k)
        for short in others:
            fits: set[str] = set()
            if any(_capital_tail(m.name) >= 2 for m in self.by_key[short]):
                fits = {
                    self.union.find(k) for k in by_letter[short[0]] if k != short and acronym_fits(short, k)
                }
            words = short.split()
            if not fits and len(words) > 1 and not self.common.get(words[-1]):
                # "Team Brel" clips "Brelington"; "Tovar Court" is a word, not a clipped "Courthouse"
                near = by_clip[(*words[:-1], words[-1][:4])]
                fits = {self.union.find(k) for k in near if len(k) > len(short) and clipped(short, k)}
            if len(fits) == 1:
                self.union.join(short, next(iter(fits)))

    def _shortens(self, short: str, root: str) -> bool:
        """`short` is used for the name of group `root`: it appears only where the group is named, or
        the articles that have both name the group in full first and shorten it after ("the Orla
        Basin ... at Orla"). A shorter name that comes first is a thing of its own that a longer name
        is named after (a device, then a game called after it)."""
        keys = [k for k in self.by_key if self.union.find(k) == root]
        ws = short.split()
        if any(_generic(k.split()[len(ws) :]) for k in keys if k.split()[: len(ws)] == ws):
            return True
        group = [m for k in keys for m in self.by_key[k]]
        full, shortened = _first_mentions(group), _first_mentions(self.by_key[short])
        if set(shortened) <= set(full):
            return True
        shared = set(full) & set(shortened)
        return bool(shared) and all(full[a] < shortened[a] for a in shared)

    def _join_other_names(self, placed: set[str]) -> None:
        """Short names that begin or end exactly one longer non-person name used wherever they are."""
        others = [k for k in sorted(self.by_key) if k not in self.people and k not in placed]
        self._join_respelled(others)
        starting: dict[str, list[str]] = defaultdict(list)  # keys by their first word
        for k in self.by_key:
            starting[k.split()[0]].append(k)
        for short in others:
            if self._label(short) in PLACE_LABELS:
                continue
            ws = short.split()
            longer: set[str] = set()
            for k in self.by_key:
                wk = k.split()
                if k == short or k in self.people or len(wk) <= len(ws) or self._label(k) == "TAXON":
                    continue  # a genus alone ("Quercus") is not its species
                if wk[: len(ws)] == ws or (len(ws) == 1 and wk[-1] == ws[0]):
                    longer.add(k)
            # "Harrow" -> "Harrow Lodge", not also "Harrow Lodge Affair", which extends it
            longer = {
                self.union.find(k)
                for k in longer
                if not any(o != k and k.startswith(o + " ") for o in longer)
            }
            if self._acronym_org(short):
                parts = {k for k in starting[short] if _part_of(short, k) and self._label(k) == "ORG"}
                for k in parts:  # "NBC" and its parts "NBC News", "NBC Four"
                    self.union.join(short, k)
                self.parts |= parts
                if parts:
                    continue
            if len(longer) != 1:
                continue
            root = next(iter(longer))
            if self._shortens(short, root):
                self.union.join(short, root)
        self._join_initialled(others)
        self._join_abbreviated(others)
        singles = [
            k
            for k in others
            if " " not in k and self._label(k) not in PLACE_LABELS | {"PERSON"} and len(k) >= 8
        ]  # two surnames one letter apart may be two people (Peterson, Petersen)
        for i, a in enumerate(singles):
            for b in singles[i + 1 :]:
                if Levenshtein.distance(a, b) == 1:
                    self.union.join(a, b)  # "Brelingtown" / "Brelingtoun": one letter in a long name


# what an organisation holds or runs that is not a part of it: "NBC Finals", "NBC Awards"
EVENT_WORDS = frozenset(
    {"draft", "finals", "final", "playoffs", "championship", "championships", "cup", "games", "awards",
     "tournament", "season", "series", "open", "classic", "trophy", "prize", "summit", "rumors", "rumours"}
)  # fmt: skip


def _part_of(acronym: str, key: str) -> bool:
    """`key` is the acronym and one more word, a division or channel ("nbc news", "nbc four"), not
    an event it holds, nor two names run together ("nbc & cbs")."""
    words = key.split()
    return len(words) == 2 and words[0] == acronym and words[1].isalnum() and words[1] not in EVENT_WORDS


def _capital_tail(name: str) -> int:
    """How many capital letters end a name as whole capitalised words: "Brelin P.D." 2, "FA" 2."""
    n = 0
    for word in reversed(name.replace(".", " ").split()):
        if not (word.isalpha() and word.isupper()):
            break
        n += len(word)
    return n


def _generic(tail: Sequence[str]) -> bool:
    """Words a name is given with or without: a generic word or a model number ("Vexa" / "Vexa 9")."""
    return bool(tail) and all(w in GENERIC_TAILS or w.isdigit() for w in tail)


def _initialled(key: str, full: str) -> bool:
    """'q robusta' abbreviates 'quercus robusta': an initial, then the same words."""
    ws, wf = key.split(), full.split()
    return (
        len(ws) >= 2
        and len(ws[0]) == 1
        and len(wf) == len(ws)
        and len(wf[0]) > 1
        and (wf[0][0] == ws[0] and wf[1:] == ws[1:])
    )


def _first_mentions(mentions: Sequence[_Named]) -> dict[str, int]:
    """Article id -> where the first of these mentions starts in it."""
    first: dict[str, int] = {}
    for m in mentions:
        span = m.span  # type: ignore[attr-defined]
        first[span.article_id] = min(first.get(span.article_id, span.start), span.start)
    return first


def _heaviest(found: Mapping[str, set[str]], weight: Mapping[str, int]) -> str | None:
    """The one candidate group the story names most in full; None on a tie."""
    if not found:
        return None
    ranked = sorted(found, key=lambda r: (-weight.get(r, 0), r))
    if len(ranked) > 1 and weight.get(ranked[0], 0) == weight.get(ranked[1], 0):
        return None
    return ranked[0]
