"""The seed brief scored against ../shared/seeds/gold.json (issue 2's criteria)."""

from __future__ import annotations

from synoptic.eval.gold_brief import document_of, fact_recall, fold, summary_check


def test_fact_recall_at_least_point_eight(seed_brief_dict, gold):
    result = fact_recall(seed_brief_dict, gold)
    assert result.recall >= 0.8, result.per_fact


def test_summary_covers_five_of_the_widely_reported_facts(seed_brief_dict, gold):
    check = summary_check(seed_brief_dict, gold, min_docs=3)
    assert len(check.wide_facts) == 7
    assert len(check.covered) >= 5, check.covered


def test_summary_support_names_the_documents_that_report_each_fact(seed_brief_dict, gold):
    check = summary_check(seed_brief_dict, gold, min_docs=1)
    assert check.support_errors == []


def test_summary_has_six_to_ten_verbatim_sentences_with_support(seed_brief_dict):
    summary = seed_brief_dict["summary"]
    assert 6 <= len(summary) <= 10
    texts = {a["id"]: a["text"] for a in seed_brief_dict["articles"]}
    for sentence in summary:
        spans = sentence["support"]
        assert spans, sentence["text"]
        # the sentence is verbatim one of its supporting spans
        assert any(texts[s["article_id"]][s["start"] : s["end"]] == sentence["text"] for s in spans)
        for s in spans:
            assert 0 <= s["start"] < s["end"] <= len(texts[s["article_id"]])


def test_summary_says_nothing_twice(seed_brief_dict):
    texts = [fold(s["text"]) for s in seed_brief_dict["summary"]]
    assert len(set(texts)) == len(texts)


def test_summary_puts_the_widest_facts_first(seed_brief_dict):
    reach = [len({s["article_id"] for s in x["support"]}) for x in seed_brief_dict["summary"]]
    assert reach == sorted(reach, reverse=True)


def test_boilerplate_lines_are_not_body_and_not_in_text(seed_brief_dict, gold):
    doc_of = document_of(seed_brief_dict, gold["documents"])
    assert len(doc_of) == 5
    for article in seed_brief_dict["articles"]:
        g = gold["documents"][doc_of[article["id"]]]
        kinds = {line["text"]: line["kind"] for line in article["lines"]}
        for line in g["boilerplate_lines"]:
            assert kinds.get(line) not in (None, "body"), line
            assert line not in article["text"].split("\n"), line


def test_every_other_line_is_body_and_in_text(seed_brief_dict, gold, seeds_dir):
    doc_of = document_of(seed_brief_dict, gold["documents"])
    for article in seed_brief_dict["articles"]:
        name = doc_of[article["id"]]
        g = gold["documents"][name]
        not_body = set(g["boilerplate_lines"]) | set(g["duplicate_lines"]) | set(g["metadata_lines"])
        not_body |= set(g["caption_lines"]) | set(g["subheading_lines"]) | {g["title"], g["dek"]}
        body_lines = set(article["text"].split("\n"))
        for line in (seeds_dir / name).read_text(encoding="utf-8").split("\n"):
            if line.strip() and line not in not_body:
                assert line in body_lines, (name, line)


def test_duplicate_lines_appear_once_in_the_brief(seed_brief_dict, gold):
    doc_of = document_of(seed_brief_dict, gold["documents"])
    for article in seed_brief_dict["articles"]:
        for line in gold["documents"][doc_of[article["id"]]]["duplicate_lines"]:
            assert article["text"].count(line) <= 1, line
    summary = [s["text"] for s in seed_brief_dict["summary"]]
    assert len(summary) == len(set(summary))


def test_outlet_and_date_where_gold_gives_them(seed_brief_dict, gold):
    doc_of = document_of(seed_brief_dict, gold["documents"])
    for article in seed_brief_dict["articles"]:
        g = gold["documents"][doc_of[article["id"]]]
        if g["outlet"]:
            assert article["outlet"] == g["outlet"]
        if g["published"]:
            assert article["published"] == g["published"]


def test_single_source_facts_name_one_article(seed_brief_dict):
    assert seed_brief_dict["single_source"]
    for fact in seed_brief_dict["single_source"]:
        assert {s["article_id"] for s in fact["support"]} == {fact["article_id"]}
