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
    assert clean_name("the Dorvanian Foreign Ministry", person=False) == "Dorvanian Foreign Ministry"
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


def _names(entities) -> list[set[str]]:
    return [set(e.variants) for e in entities]


def test_surname_only_forms_join_the_full_name_whatever_the_tagger_called_them():
    mentions = [
        _m("Teodor Vashti", "a", 0),
        _m("Vashti", "a", 40, label="ORG"),  # the small model often calls a lone surname ORG or GPE
        _m("Vashti", "b", 10, label="GPE"),
        _m("Teodor Vashti", "b", 60),
    ]
    entities = merge_entities(mentions)
    assert _names(entities) == [{"Teodor Vashti", "Vashti"}]
    assert entities[0].type == "PERSON"


def test_nicknames_initials_and_compound_surnames_join():
    mentions = [
        _m("Andrew Quillfeather", "a", 0),
        _m("Andy Quillfeather", "b", 0),
        _m("Steve Marrowby", "a", 100),
        _m("Stephen Marrowby", "b", 100),
        _m("Donald K. Ostrander", "a", 200),
        _m("Donald Ostrander", "b", 200),
        _m("Philippa Dunmore Hale", "a", 300),
        _m("Dunmore Hale", "a", 350),
        _m("Dunmore", "a", 380),
        _m("Philippa", "b", 300),
    ]
    groups = _names(merge_entities(mentions))
    assert {"Andrew Quillfeather", "Andy Quillfeather"} in groups
    assert {"Steve Marrowby", "Stephen Marrowby"} in groups
    assert {"Donald K. Ostrander", "Donald Ostrander"} in groups
    assert {"Philippa Dunmore Hale", "Dunmore Hale", "Dunmore", "Philippa"} in groups


def test_two_people_sharing_a_surname_stay_apart():
    mentions = [
        _m("Ilse Brannigan", "a", 0),
        _m("Brannigan", "a", 30),
        _m("Brannigan", "a", 60),
        _m("Corwin Brannigan", "b", 0),
        _m("Brannigan", "b", 30),
        _m("Corwin Brannigan", "c", 0),
    ]
    groups = _names(merge_entities(mentions))
    assert len(groups) == 2  # the lone surname joins someone; the two full names never join
    assert not any({"Ilse Brannigan", "Corwin Brannigan"} <= g for g in groups)
    ilse = next(e for e in merge_entities(mentions) if e.canonical == "Ilse Brannigan")
    corwin = next(e for e in merge_entities(mentions) if e.canonical == "Corwin Brannigan")
    assert Span("a", 30, 39) in ilse.mentions  # each article's surname is the person it names in full
    assert Span("b", 30, 39) in corwin.mentions


def test_a_name_extended_by_a_later_surname_is_one_person():
    mentions = [
        _m("Mateo Arrizabal", "a", 0),
        _m("Rosa Lindqvist", "a", 40),
        _m("Lindqvist", "a", 80),
        _m("Mateo Arrizabal Lindqvist", "b", 0, label="ORG"),
        _m("Mateo", "b", 50),
    ]
    groups = _names(merge_entities(mentions))
    assert {"Mateo Arrizabal", "Mateo Arrizabal Lindqvist", "Mateo"} in groups
    assert {"Rosa Lindqvist", "Lindqvist"} in groups


def test_short_names_join_the_longer_name_they_refer_back_to_but_places_do_not():
    mentions = [
        _m("Harrowgate Plaza", "a", 0, label="FAC"),
        _m("Harrowgate", "a", 40, label="PERSON"),
        _m("Brelin", "a", 80, label="GPE"),
        _m("Brelin Police Department", "a", 120, label="ORG"),
        _m("Tovar", "b", 0, label="ORG"),  # used where its longer name is absent: its own thing
        _m("Tovar Research", "a", 160, label="ORG"),
    ]
    groups = _names(merge_entities(mentions))
    assert {"Harrowgate Plaza", "Harrowgate"} in groups
    assert {"Brelin"} in groups and {"Brelin Police Department"} in groups
    assert {"Tovar"} in groups and {"Tovar Research"} in groups


def test_find_mentions_trims_role_words_and_finds_untagged_surnames():
    from synoptic.analyze.entities import find_mentions, parse_articles
    from synoptic.model import Article

    text = (
        "The gang leader is played by the singer Will Okonkwo-Brandt, a newcomer. "
        "Police Commander Andrew Feltham said the road was closed.\n"
        "Later, Feltham's officers reopened it."
    )
    article = Article(
        id="a", source="a.txt", outlet=None, url=None, published=None, title=None, dek=None,
        lines=(), text=text, sentences=(),
    )  # fmt: skip
    mentions = find_mentions(article, parse_articles([article])[0])
    names = {m.name for m in mentions if m.label == "PERSON"}
    assert "Andrew Feltham" in names
    assert not any(n.lower().startswith(("singer", "police", "commander")) for n in names)
    entities = merge_entities(mentions, {"a": text})
    feltham = next(e for e in entities if e.canonical == "Andrew Feltham")
    assert "Feltham" in feltham.variants


def test_only_a_person_form_is_a_first_name_and_a_frequent_place_is_no_surname():
    mentions = [
        _m("Zentrix Voyages", "a", 0),  # a product the tagger called a person
        _m("Zentrix", "a", 40, label="ORG"),
        _m("Zentrix", "b", 40, label="ORG"),
        _m("Across Morvania", "a", 80),  # "Across" opening a sentence, tagged into a name
        *[_m("Morvania", "a", 120 + 20 * i, label="LOC") for i in range(3)],
    ]
    groups = _names(merge_entities(mentions))
    assert {"Zentrix"} in groups and {"Zentrix Voyages"} in groups
    assert {"Morvania"} in groups


def test_an_ambiguous_surname_follows_the_full_name_named_before_it():
    mentions = [
        _m("Brannigan", "a", 0),  # before any full name in its article: the story's main Brannigan
        _m("Ilse Brannigan", "a", 30),
        _m("Brannigan", "a", 60),
        _m("Corwin Brannigan", "b", 0),
        _m("Corwin Brannigan", "c", 0),
        _m("Corwin Brannigan", "d", 0),
    ]
    entities = merge_entities(mentions)
    ilse = next(e for e in entities if e.canonical == "Ilse Brannigan")
    corwin = next(e for e in entities if e.canonical == "Corwin Brannigan")
    assert Span("a", 60, 69) in ilse.mentions
    assert Span("a", 0, 9) in corwin.mentions


def test_an_abbreviated_legal_form_is_the_same_company():
    assert name_key("Quenmark Co.") == name_key("Quenmark") == name_key("Quenmark, Inc.")
    entities = merge_entities([_m("Quenmark Co.", "a", 0, label="ORG"), _m("Quenmark", "b", 0, label="ORG")])
    assert _names(entities) == [{"Quenmark", "Quenmark Co."}]


def test_a_short_name_after_the_full_one_joins_it_even_where_the_full_one_is_absent():
    mentions = [
        _m("Orla Basin", "a", 0, label="LOC"),
        _m("Orla", "a", 90, label="ORG"),  # shortened after the full name
        _m("Orla", "b", 10, label="ORG"),  # and used alone in another article
        _m("Quillo", "a", 200, label="ORG"),  # a device named first ...
        _m("Quillo Sports Tennis", "a", 300, label="ORG"),  # ... then a game named after it
        _m("Quillo", "c", 5, label="ORG"),
    ]
    groups = _names(merge_entities(mentions))
    assert {"Orla Basin", "Orla"} in groups
    assert {"Quillo"} in groups and {"Quillo Sports Tennis"} in groups


def test_generic_tails_initialled_genera_and_based_in_places_join():
    mentions = [
        _m("Brelin Police", "a", 0, label="ORG"),  # first, without the generic tail
        _m("Brelin Police Department", "a", 50, label="ORG"),
        _m("Quercus robusta", "a", 100, label="ORG"),
        _m("Q. robusta", "b", 0, label="ORG"),
        _m("Lisbon-based Tovar", "b", 40, label="ORG"),
        _m("Tovar", "a", 150, label="ORG"),
    ]
    groups = _names(merge_entities(mentions))
    assert {"Brelin Police", "Brelin Police Department"} in groups
    assert {"Quercus robusta", "Q. robusta"} in groups
    assert clean_name("Lisbon-based Tovar", person=False) == "Tovar"
    assert {"Lisbon-based Tovar", "Tovar"} in groups  # one key, both wordings kept as variants
