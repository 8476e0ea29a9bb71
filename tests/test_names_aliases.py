"""Acronyms, clipped words, stated aliases, city police and species join one entity; near misses don't."""

from __future__ import annotations

from synoptic.analyze.aliases import acronym_fits, clipped
from synoptic.analyze.entities import Mention, merge_entities
from synoptic.model import Span


def _at(text: str, aid: str, name: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(name, label, Span(aid, start, start + len(name)))


def _groups(mentions: list[Mention], texts: dict[str, str]) -> list[set[str]]:
    return [set(e.variants) for e in merge_entities(mentions, texts)]


def test_acronym_and_clipped_word_rules():
    assert acronym_fits("brelin pd", "brelin police department")
    assert acronym_fits("fa", "foo agency")
    assert acronym_fits("doj", "department of justice") and acronym_fits("dj", "department of justice")
    assert not acronym_fits("brelin pd", "brelin police")
    assert not acronym_fits("acme zx", "acme zoo")
    assert not acronym_fits("ap", "armenian patriarchate of")  # a name cut short
    assert clipped("team brel", "team brelington") and clipped("acme pharma", "acme pharmaceuticals")
    assert not clipped("team brelington", "team bremerton")  # two places, not a clipping
    assert not clipped("tovar", "tovarington")  # one word alone: nothing else confirms it


def test_acronyms_in_capitals_and_clipped_names_join_the_one_name_they_shorten():
    a = "The Brelin Police Department searched. Team Brelington camped at the Foo Agency. Tovar Court sat."
    b = "Brelin P.D. officers came. Team Brel stayed. The FA said little; Vexa sold well."
    c = "The Vexa 9 console sold. The Fa family moved. Tovar Courthouse opened; the court met."
    texts = {"a": a, "b": b, "c": c}
    mentions = [
        _at(a, "a", "Brelin Police Department", "ORG"),
        _at(a, "a", "Team Brelington", "ORG"),
        _at(a, "a", "Foo Agency", "ORG"),
        _at(b, "b", "Brelin P.D", "ORG"),
        _at(b, "b", "Team Brel", "FAC"),
        _at(b, "b", "FA", "ORG"),
        _at(b, "b", "Vexa", "ORG"),
        _at(c, "c", "Vexa 9", "ORG"),
        _at(a, "a", "Tovar Court", "FAC"),
        _at(c, "c", "Tovar Courthouse", "FAC"),
    ]
    groups = _groups(mentions, texts)
    assert {"Tovar Court"} in groups and {"Tovar Courthouse"} in groups  # "court" is a word, not a clipping
    assert {"Brelin Police Department", "Brelin P.D"} in groups
    assert {"Team Brelington", "Team Brel"} in groups
    assert {"Foo Agency", "FA"} in groups
    assert {"Vexa", "Vexa 9"} in groups  # a model number is a tail a name comes with or without


def test_an_acronym_that_fits_two_names_or_is_not_in_capitals_stays_apart():
    a = "The Foo Agency and the Fern Association met. The FA chair spoke."
    b = "Sam Fa arrived at the Foo Agency."
    mentions = [
        _at(a, "a", "Foo Agency", "ORG"),
        _at(a, "a", "Fern Association", "ORG"),
        _at(a, "a", "FA", "ORG"),
        _at(b, "b", "Fa", "ORG"),
        _at(b, "b", "Foo Agency", "ORG"),
    ]
    groups = _groups(mentions, {"a": a, "b": b})
    assert {"Foo Agency"} in groups and {"Fern Association"} in groups and {"FA", "Fa"} in groups


def test_stated_aliases_join_and_a_name_beside_another_does_not():
    a = "Widget, formerly known as Project Blue, ships soon. Widget sells. Tovar, Marsh Labs and Quillo met."
    b = "Fans of Project Blue waited. Widget (also called Blueline) is white. Quillo nee Brask won."
    c = "The Brelin Planning Office (BPO) met; the Quint Office (QX) did not."
    mentions = [
        _at(a, "a", "Widget", "ORG"),
        _at(a, "a", "Project Blue", "ORG"),
        _at(a, "a", "Widget", "ORG", 1),
        _at(a, "a", "Tovar", "ORG"),
        _at(a, "a", "Marsh Labs", "ORG"),
        _at(a, "a", "Quillo", "ORG"),
        _at(b, "b", "Project Blue", "ORG"),
        _at(b, "b", "Widget", "ORG"),
        _at(b, "b", "Blueline", "ORG"),
        _at(b, "b", "Quillo", "ORG"),
        _at(b, "b", "Brask", "ORG"),
        _at(c, "c", "Brelin Planning Office", "ORG"),
        _at(c, "c", "BPO", "ORG"),
        _at(c, "c", "Quint Office", "ORG"),
        _at(c, "c", "QX", "ORG"),
    ]
    entities = merge_entities(mentions, {"a": a, "b": b, "c": c})
    groups = [set(e.variants) for e in entities]
    assert {"Widget", "Project Blue", "Blueline"} in groups
    widget = next(e for e in entities if "Widget" in e.variants)
    assert widget.canonical == "Widget"  # the name used most, not the alias because it has two words
    assert {"Tovar"} in groups and {"Marsh Labs"} in groups  # a list is no alias
    assert {"Quillo", "Brask"} in groups
    assert {"Brelin Planning Office", "BPO"} in groups
    assert {"Quint Office"} in groups and {"QX"} in groups  # a bracket that is not its initials


def test_city_police_in_lower_case_joins_the_department_but_not_the_city():
    a = "Brelin police arrived. The Brelin Police Department said Brelin was calm."
    b = "Brelin cops and Morvia officers stood by in Brelin."
    mentions = [
        _at(a, "a", "Brelin", "GPE"),
        _at(a, "a", "Brelin Police Department", "ORG"),
        _at(a, "a", "Brelin", "GPE", 2),
        _at(b, "b", "Brelin", "GPE"),
        _at(b, "b", "Morvia", "GPE"),
        _at(b, "b", "Brelin", "GPE", 1),
    ]
    groups = _groups(mentions, {"a": a, "b": b})
    assert {"Brelin police", "Brelin Police Department", "Brelin cops"} in groups
    assert {"Brelin"} in groups and {"Morvia"} in groups


def test_species_are_found_where_the_genus_is_abbreviated():
    a = "Early Quercus robusta grew here. A. said nothing. Anna said it was Quercus, Bo said."
    b = "Later Q. robusta spread, but Pinus alta did not."
    mentions = [_at(a, "a", "Quercus", "ORG"), _at(a, "a", "Quercus", "ORG", 1)]
    entities = merge_entities(mentions, {"a": a, "b": b})
    groups = [set(e.variants) for e in entities]
    assert any({"Quercus robusta", "Q. robusta"} <= g for g in groups)  # the tagger's "Quercus" gave way
    assert not any("Anna said" in g or "A. said" in g or "Pinus alta" in g for g in groups)


def test_two_people_who_share_a_surname_stay_apart_beside_the_new_rules():
    a = "Ilse Brannigan, known as the judge, met Corwin Brannigan. Brannigan smiled."
    b = "Corwin Brannigan (CB) left. Ilse Brannigan stayed; Brannigan said so."
    mentions = [
        _at(a, "a", "Ilse Brannigan", "PERSON"),
        _at(a, "a", "Corwin Brannigan", "PERSON"),
        _at(a, "a", "Brannigan", "PERSON", 2),
        _at(b, "b", "Corwin Brannigan", "PERSON"),
        _at(b, "b", "CB", "ORG"),
        _at(b, "b", "Ilse Brannigan", "PERSON"),
        _at(b, "b", "Brannigan", "PERSON", 2),
    ]
    groups = _groups(mentions, {"a": a, "b": b})
    assert not any({"Ilse Brannigan", "Corwin Brannigan"} <= g for g in groups)


def test_a_kind_noun_or_a_based_in_place_is_kept_as_wording_not_as_name():
    a = "Results appear in the journal Vexa. Brelin-based Tovar paid. Vexa editors agreed."
    b = "Vexa printed it; Tovar said so. The show Marlow Nights aired."
    mentions = [
        _at(a, "a", "Tovar", "PERSON"),
        _at(a, "a", "Vexa", "GPE", 1),
        _at(b, "b", "Vexa", "ORG"),
        _at(b, "b", "Tovar", "ORG"),
    ]
    entities = merge_entities(mentions, {"a": a, "b": b})
    groups = [set(e.variants) for e in entities]
    assert {"journal Vexa", "Vexa"} in groups  # untagged after "the journal", but named elsewhere
    assert {"Brelin-based Tovar", "Tovar"} in groups
    assert {e.canonical for e in entities} >= {"Vexa", "Tovar"}  # the wording is no canonical name
    assert not any("Marlow Nights" in " ".join(g) for g in groups)  # named nowhere else: not added


def test_letter_digit_codes_the_tagger_missed_are_names_when_they_recur():
    a = "Talks opened at the Q7 Forum Monday. Vexa was there."
    b = "The Q7 Forum drew crowds. At Q7 Tuesday, leaders met. The room was B4 on the plan."
    entities = merge_entities([_at(a, "a", "Vexa", "ORG")], {"a": a, "b": b})
    groups = [set(e.variants) for e in entities]
    assert {"Q7", "Q7 Forum"} in groups  # "Forum" runs on, the weekday does not
    assert not any("B4" in g for g in groups)  # once only: no evidence it is a name


def test_a_product_named_with_its_platform_is_the_product():
    a = "Meet Quillo for Vexa 9, out soon. Quillo costs less. Students for Marlow marched."
    b = "The Vexa 9 console runs Quillo."
    mentions = [
        _at(a, "a", "Vexa 9", "ORG"),
        _at(a, "a", "Quillo", "ORG", 1),
        _at(a, "a", "Marlow", "PERSON"),
        _at(b, "b", "Vexa 9", "ORG"),
        _at(b, "b", "Quillo", "ORG"),
    ]
    entities = merge_entities(mentions, {"a": a, "b": b})
    quillo = next(e for e in entities if "Quillo" in e.variants)
    assert set(quillo.variants) == {"Quillo", "Quillo for Vexa 9"} and quillo.canonical == "Quillo"
    assert any(set(e.variants) == {"Vexa 9"} for e in entities)  # the platform stays itself
    assert not any("Students for Marlow" in e.variants for e in entities)  # "Students" is no product


def test_an_organisation_in_capitals_holds_its_parts_but_not_its_events_or_titles():
    a = "She told BRX News. The BRX Four programme ran. BRX's Two Fat Cats aired."
    b = "The BRX Finals drew crowds. BRX staff agreed; BRX Sport reported it."
    mentions = [
        _at(a, "a", "BRX News", "ORG"),
        _at(a, "a", "BRX", "ORG", 1),
        _at(a, "a", "BRX", "ORG", 2),
        _at(b, "b", "BRX Finals", "EVENT"),
        _at(b, "b", "BRX", "ORG", 1),
        _at(b, "b", "BRX Sport", "ORG"),
    ]
    entities = merge_entities(mentions, {"a": a, "b": b})
    brx = next(e for e in entities if "BRX" in e.variants)
    assert brx.canonical == "BRX"
    assert set(brx.variants) == {"BRX", "BRX News", "BRX Four", "BRX Sport"}
    assert any(set(e.variants) == {"BRX Finals"} for e in entities)


def test_a_brand_and_its_model_are_one_name_and_a_respelt_model_joins_it():
    a = "They drove a Vexa Quillora to town. The Vexa was found later."
    b = "The stolen Vexa Quilloria was white; police found the Vexa."
    c = "Anna Petrova and Vexa staff met."
    d = "Anna Petrovna spoke for Vexa."
    mentions = [
        _at(a, "a", "Vexa", "ORG"),
        _at(a, "a", "Quillora", "PRODUCT"),
        _at(a, "a", "Vexa", "ORG", 1),
        _at(b, "b", "Vexa Quilloria", "PERSON"),  # the tagger ran the brand into a person's name
        _at(b, "b", "Vexa", "ORG", 1),
        _at(c, "c", "Anna Petrova", "PERSON"),
        _at(c, "c", "Vexa", "ORG"),
        _at(d, "d", "Anna Petrovna", "PERSON"),
        _at(d, "d", "Vexa", "ORG"),
    ]
    groups = _groups(mentions, {"a": a, "b": b, "c": c, "d": d})
    assert {"Vexa Quillora", "Vexa Quilloria", "Vexa"} in groups
    assert {"Anna Petrova"} in groups and {"Anna Petrovna"} in groups  # two people, not a misspelling


def test_a_quoted_nickname_names_the_last_person_of_its_sentence():
    a = 'Tobin Marsh met Ilse Varga. Marsh posted clips identifying him as "Kid Lantern" online.'
    b = (
        'Paul Marsh arrived. A stranger who called himself "Bo Tack" left. '
        'Ann Lee, known as "Lark", met the man known as "Q Ray".'
    )
    mentions = [
        _at(b, "b", "Ann Lee", "PERSON"),
        _at(a, "a", "Tobin Marsh", "PERSON"),
        _at(a, "a", "Ilse Varga", "PERSON"),
        _at(a, "a", "Marsh", "PERSON", 1),
        _at(b, "b", "Paul Marsh", "PERSON"),
    ]
    groups = _groups(mentions, {"a": a, "b": b})
    assert {"Tobin Marsh", "Marsh", "Kid Lantern"} in groups
    assert {"Ilse Varga"} in groups and {"Paul Marsh"} in groups  # no nickname from another sentence
    assert not any("Bo Tack" in g and len(g) > 1 for g in groups)
    assert {"Ann Lee", "Lark"} in groups  # the name right before "known as"
    assert not any("Q Ray" in g and len(g) > 1 for g in groups)  # the man's, not Ann Lee's


def test_people_who_took_new_names_join_by_first_name_only():
    a = "Ana and Ilse Brask became Ana Brask Lund and Ilse Lund-Brask. Ilse Brask smiled."
    b = "Mira Brask became famous. Teo Brask became Teo Haller later. Ilse Lund-Brask spoke."
    mentions = [
        _at(a, "a", "Ana", "PERSON"),
        _at(a, "a", "Ilse Brask", "PERSON"),
        _at(a, "a", "Ana Brask Lund", "PERSON"),
        _at(a, "a", "Ilse Lund-Brask", "PERSON"),
        _at(a, "a", "Ilse Brask", "PERSON", 1),
        _at(b, "b", "Mira Brask", "PERSON"),
        _at(b, "b", "Teo Brask", "PERSON"),
        _at(b, "b", "Teo Haller", "PERSON"),
        _at(b, "b", "Ilse Lund-Brask", "PERSON"),
    ]
    groups = _groups(mentions, {"a": a, "b": b})
    assert {"Ilse Brask", "Ilse Lund-Brask"} in groups
    assert {"Teo Brask", "Teo Haller"} in groups
    assert {"Mira Brask"} in groups  # "became famous" names no one; two Brasks stay two people
    assert not any({"Ilse Brask", "Ana Brask Lund"} <= g for g in groups)


def test_the_grounds_of_a_building_are_a_wording_of_it():
    a = "Tents filled the Town Hall park. The Town Hall stayed shut; Marlow Park was quiet."
    mentions = [
        _at(a, "a", "Town Hall", "FAC"),
        _at(a, "a", "Town Hall", "FAC", 1),
        _at(a, "a", "Marlow Park", "FAC"),
    ]
    groups = _groups(mentions, {"a": a})
    assert {"Town Hall", "Town Hall park"} in groups and {"Marlow Park"} in groups


def test_a_person_whose_first_name_the_tagger_also_calls_an_organisation_stays_a_person():
    a = "Ora Mae Page smiled. Ora said so."
    b = "Ora Page posed. Ora agreed; Page left."
    mentions = [
        _at(a, "a", "Ora Mae Page", "PERSON"),
        _at(a, "a", "Ora", "ORG", 1),
        _at(b, "b", "Ora Page", "PERSON"),
        _at(b, "b", "Ora", "ORG", 1),
        _at(b, "b", "Page", "PERSON", 1),
    ]
    entities = merge_entities(mentions, {"a": a, "b": b})
    page = next(e for e in entities if "Ora Page" in e.variants)
    assert {"Ora Mae Page", "Ora Page"} <= set(page.variants) and page.type == "PERSON"


def test_no_mentions_and_empty_texts_give_no_entities():
    assert merge_entities([], {"a": ""}) == ()
    assert merge_entities([], {}) == ()
