"""Entity merging: titles, surname-only forms, transliterations, confirmed misspellings."""

from __future__ import annotations

from synoptic.analyze.entities import Mention, clean_name, merge_entities, name_key
from synoptic.model import Span


def _m(name: str, aid: str, start: int, label: str = "PERSON", roles: tuple[str, ...] = ()) -> Mention:
    return Mention(name=name, label=label, span=Span(aid, start, start + len(name)), descriptor=roles)


def test_clean_name_drops_titles_articles_and_possessives():
    assert clean_name("President Joe Smith") == "Joe Smith"
    assert clean_name("Ministry Aide Ivan Petrov") == "Ivan Petrov"
    assert clean_name("the White House’s", person=False) == "White House"
    assert clean_name("the Russian Foreign Ministry", person=False) == "Russian Foreign Ministry"
    assert name_key("U.S.") == name_key("US")


def test_transliteration_surname_only_and_confirmed_misspelling_merge():
    mentions = [
        _m("Andrei Petrov", "a", 0, roles=("aide",)),
        _m("Petrov", "a", 50),
        _m("Andrey Petrov", "b", 0, roles=("aide", "ministry")),
        _m("Andrei Petrof", "c", 0, roles=("aide",)),
        _m("Petrof", "c", 40),
    ]
    entities = merge_entities(mentions)
    assert len(entities) == 1
    entity = entities[0]
    assert entity.canonical == "Andrei Petrov"
    assert set(entity.variants) == {"Andrei Petrov", "Andrey Petrov", "Andrei Petrof", "Petrov", "Petrof"}
    assert entity.article_ids == ("a", "b", "c")


def test_close_surnames_without_shared_role_stay_apart():
    mentions = [
        _m("Anna Petrova", "a", 0, roles=("senator",)),
        _m("Anna Petrovna", "b", 0, roles=("singer",)),
    ]
    assert len(merge_entities(mentions)) == 2


def test_capitalised_common_word_is_not_an_entity():
    mentions = [_m("Panic", "a", 0, label="GPE"), _m("Paris", "a", 20, label="GPE")]
    entities = merge_entities(mentions, ["Panic spread. The panic in Paris grew, panic everywhere."])
    assert [e.canonical for e in entities] == ["Paris"]


def test_parses_are_reused_by_text_and_the_cache_stays_bounded(monkeypatch):
    from synoptic.analyze import entities
    from synoptic.model import Article

    def article(text: str) -> Article:
        return Article(
            id=text[:8], source="x.txt", outlet=None, url=None, published=None, title=None, dek=None,
            lines=(), text=text, sentences=(),
        )  # fmt: skip

    monkeypatch.setattr(entities, "PARSE_CACHE_DOCS", 2)
    monkeypatch.setattr(entities, "_parsed", entities.OrderedDict())
    first = entities.parse_articles([article("Anna Berg met Tom Lee in Oslo."), article("")])
    again = entities.parse_articles([article("Anna Berg met Tom Lee in Oslo.")])
    assert again[0] is first[0]  # the same parse, not a new one
    assert len(first[1]) == 0  # an empty text is parsed (and falsy) but still returned
    entities.parse_articles([article("Rain fell on Bergen."), article("Snow fell on Tromsø.")])
    assert len(entities._parsed) == 2
    later = entities.parse_articles([article("Anna Berg met Tom Lee in Oslo.")])
    assert later[0] is not first[0] and later[0].text == first[0].text  # evicted, parsed anew
