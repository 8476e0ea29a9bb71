"""Online story clustering: quality floor on ECB+ dev, time fade, persistence across batches, determinism."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from synoptic.cluster import ClusterState, arrival_order, cluster_articles, cluster_store, fade, load_state
from synoptic.eval.clusters import bcubed, load_ecb
from synoptic.model import Article
from synoptic.settings import Settings
from synoptic.store import Store

ECB = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "ecbplus" / "documents.jsonl"

QUAKE = (
    "A magnitude 6.1 earthquake struck near Port Alden on Tuesday, collapsing 40 homes and killing 12 "
    "people, "
    "the Meridia civil protection agency said. Rescue teams from Velsk searched the rubble overnight."
)
QUAKE_2 = (
    "Rescuers in Port Alden pulled two survivors from collapsed homes after Tuesday's magnitude 6.1 "
    "earthquake; "
    "the Meridia civil protection agency raised the toll to 14 killed."
)
VOTE = (
    "Voters in Castor County elected Dana Whitlow as mayor on Sunday with 54 percent of ballots, the county "
    "election board said, ending a three-way race against councillor Omar Reyes."
)


def _a(aid: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(aid, f"{aid}.txt", None, None, published, title, None, (), text)


def test_ecb_dev_event_level_floor() -> None:
    """Default settings (tuned on the train splits) on dev; measured 0.941 at the event level with the
    learned pair linkage reading the feed's size (0.911 without, 0.891 with the cosine linkage, 0.863
    before batch agglomeration with key-term candidates, 0.855 before the static-MiniLM block)."""
    if not ECB.is_file():
        pytest.skip("ECB+ benchmark data is not present")
    data = load_ecb(ECB, "dev", "cluster")
    assignments, _ = cluster_articles(data.articles, Settings())
    scores = bcubed([a.story_id for a in assignments], data.gold)
    assert scores.f1 >= 0.92, scores


def test_a_small_folder_of_one_kind_of_event_splits_by_event() -> None:
    """Each ECB+ dev topic clustered as a feed of its own (21-30 articles about two or more events of
    one kind: two earthquakes, two elections): the small folder a user hands Synoptic. Measured B-cubed
    F1 0.978 with the pair linkage, 0.859 with the cosine linkage (train topics: 0.906 / 0.869)."""
    if not ECB.is_file():
        pytest.skip("ECB+ benchmark data is not present")
    events, topics = load_ecb(ECB, "dev", "cluster"), load_ecb(ECB, "dev", "topic")
    by_topic: dict[str, list[int]] = {}
    for i, topic in enumerate(topics.gold):
        by_topic.setdefault(topic, []).append(i)

    def f1(settings: Settings) -> float:
        predicted = [""] * len(events.gold)
        for topic, rows in by_topic.items():
            out, _ = cluster_articles([events.articles[i] for i in rows], settings)
            for i, assignment in zip(rows, out, strict=True):
                predicted[i] = f"{topic}/{assignment.story_id}"
        return bcubed(predicted, events.gold).f1

    pairs = f1(Settings())
    assert pairs >= 0.95
    assert pairs > f1(replace(Settings(), cluster_linkage="cosine")) + 0.05


def test_same_event_joins_other_event_opens_a_story() -> None:
    arts = [_a("q1", QUAKE, "2024-05-07"), _a("v1", VOTE, "2024-05-07"), _a("q2", QUAKE_2, "2024-05-08")]
    out, state = cluster_articles(arts, Settings())
    by_id = {a.article_id: a for a in out}
    assert by_id["q2"].story_id == by_id["q1"].story_id and not by_id["q2"].new_story
    assert by_id["v1"].story_id != by_id["q1"].story_id and by_id["v1"].new_story
    assert len(state.story_ids) == 2


def test_a_story_fades_after_its_window() -> None:
    near = [_a("q1", QUAKE, "2024-05-07"), _a("q2", QUAKE_2, "2024-05-09")]
    far = [_a("q1", QUAKE, "2024-05-07"), _a("q2", QUAKE_2, "2024-07-20")]
    out_near, _ = cluster_articles(near, Settings())
    out_far, _ = cluster_articles(far, Settings())
    assert out_near[0].story_id == out_near[1].story_id
    assert out_far[0].story_id != out_far[1].story_id
    assert fade(10.0, 9.0, 3.0) == 1.0 and fade(30.0, 0.0, 3.0) < 0.01


def test_arrival_order_is_by_date_with_undated_kept_in_place() -> None:
    arts = [_a("a", "x", "2024-01-05"), _a("b", "x"), _a("c", "x", "2024-01-01"), _a("d", "x", "bad date")]
    # b follows a (carries 01-05); c is earliest; d is undated after c, so it carries 01-01
    assert [arts[i].id for i in arrival_order(arts)] == ["c", "d", "a", "b"]


def test_output_is_deterministic_and_duplicates_share_a_story() -> None:
    arts = [_a("q1", QUAKE), _a("v1", VOTE), _a("q2", QUAKE_2), _a("q1", QUAKE)]
    first, _ = cluster_articles(arts, Settings())
    second, _ = cluster_articles(arts, Settings())
    assert first == second
    assert first[0].story_id == first[3].story_id


def test_state_round_trips_and_a_later_batch_extends_stories() -> None:
    _, state = cluster_articles([_a("q1", QUAKE, "2024-05-07"), _a("v1", VOTE, "2024-05-07")], Settings())
    restored = ClusterState.from_bytes(state.to_bytes())
    batch = [_a("q2", QUAKE_2, "2024-05-08")]
    out_a, _ = cluster_articles(batch, Settings(), state)
    out_b, _ = cluster_articles(batch, Settings(), restored)
    assert out_a == out_b
    assert out_a[0].story_id == state.story_of()["q1"]
    assert len(state.article_ids) == 2  # the input state was not modified


def test_store_backed_clustering_extends_yesterdays_stories(tmp_path: Path) -> None:
    settings = replace(Settings(), db_path=str(tmp_path / "s.sqlite"))
    with Store.open(settings.resolved_db_path) as store:
        store.add_articles(
            [_a("q1", QUAKE, "2024-05-07", "Quake hits Port Alden"), _a("v1", VOTE, "2024-05-07")]
        )
        first = cluster_store(store, settings)
        assert len(first) == 2 and len(store.list_stories()) == 2
    with Store.open(settings.resolved_db_path) as store:
        store.add_articles([_a("q2", QUAKE_2, "2024-05-08")])
        second = cluster_store(store, settings)
        assert [a.article_id for a in second] == ["q2"]
        story = store.story_of("q1")
        assert second[0].story_id == story
        row = store.story(story)
        assert row is not None and row.article_count == 2 and row.last_seen == "2024-05-08"
        assert row.label == "Quake hits Port Alden"
        state = load_state(store)
        assert state is not None and len(state.article_ids) == 3
        assert cluster_store(store, settings) == []


def test_cluster_command_prints_one_line_per_article_and_reports_bad_lines(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from synoptic.cli import app

    data = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "q1", "text": QUAKE, "published": "2024-05-07"}),
        "{not json",
        json.dumps({"id": "v1", "text": VOTE}),
        json.dumps({"id": "q2", "title": "Survivors found", "text": QUAKE_2, "published": "2024-05-08"}),
        json.dumps({"id": "x", "text": 5}),
    ]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["cluster", "--jsonl", str(data), "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    story = {r["id"]: r["story"] for r in rows}
    assert sorted(story) == ["q1", "q2", "v1"]
    assert story["q1"] == story["q2"] != story["v1"]


def test_dense_block_mixes_lexical_and_embedding_cosines() -> None:
    """Rows are unit length and their dot is (1 - a) * lexical cosine + a * dense cosine."""
    import numpy as np

    from synoptic.cluster.features import DENSE_DIM, count_blocks, document_frequency, idf_weights, vectorize

    arts = [_a("q1", QUAKE), _a("q2", QUAKE_2)]
    blocks = count_blocks(arts, [a.text for a in arts])
    idf = idf_weights(document_frequency(blocks[0] + blocks[1]), 2)
    lexical = vectorize(blocks, idf)
    dense = np.zeros((2, DENSE_DIM), dtype=np.float32)
    dense[0, 0], dense[1, :2] = 1.0, (0.6, 0.8)
    mixed = vectorize(blocks, idf, dense=dense, dense_weight=0.25)
    lex_cos = float((lexical[0] @ lexical[1].T).toarray()[0, 0])
    got = float((mixed[0] @ mixed[1].T).toarray()[0, 0])
    assert got == pytest.approx(0.75 * lex_cos + 0.25 * 0.6, abs=1e-5)
    assert np.allclose(np.asarray(mixed.multiply(mixed).sum(axis=1)).ravel(), 1.0, atol=1e-5)
    assert lexical[:, -DENSE_DIM:].nnz == 0


def test_key_term_neighbours_find_the_partner_sharing_rare_heavy_words() -> None:
    """Candidate pairs come from shared heaviest terms, never pair an article with itself, and a term held
    by more than max_df articles is no key."""
    from synoptic.cluster.features import (
        count_blocks,
        document_frequency,
        idf_weights,
        key_term_neighbours,
        vectorize,
    )

    arts = [_a("q1", QUAKE), _a("v1", VOTE), _a("q2", QUAKE_2)]
    blocks = count_blocks(arts, [a.text for a in arts])
    vectors = vectorize(blocks, idf_weights(document_frequency(blocks[0] + blocks[1]), 3))
    pairs = key_term_neighbours(vectors, [0, 1, 2], neighbours=1)
    assert (0, 2) in pairs and (2, 0) in pairs
    assert all(a != b for a, b in pairs)
    assert key_term_neighbours(vectors, [0, 1, 2], max_df=1) == []


def test_an_article_with_too_little_text_stays_a_story_of_its_own() -> None:
    """Two copies of a share-widget page match perfectly, but say nothing about any event: below
    cluster_min_words (title included) an article neither joins nor gathers a story."""
    widget = "Share this page on your feed. Learn more."
    arts = [_a("w1", widget), _a("w2", widget), _a("q1", QUAKE), _a("q2", QUAKE_2)]
    out, state = cluster_articles(arts, replace(Settings(), cluster_min_words=20))
    by_id = {a.article_id: a for a in out}
    assert by_id["w1"].story_id != by_id["w2"].story_id
    assert by_id["q1"].story_id == by_id["q2"].story_id
    assert state.article_alone == [True, True, False, False]
    titled = [_a("w1", widget, title="Magnitude 6.1 earthquake in Port Alden kills 12, collapses 40 homes")]
    _, state = cluster_articles(titled, replace(Settings(), cluster_min_words=15))
    assert state.article_alone == [False]


def test_typical_level_counts_unseen_neighbours_as_close() -> None:
    """An article's level is the mean of its five largest similarities; neighbours a small feed does not
    have yet count as 1, so a tiny feed is held to the capped level instead of an artificially low one."""
    import numpy as np

    from synoptic.cluster.online import _typical

    sims = np.array([[0.5, 0.4, 0.3, 0.2, 0.1, 0.05], [0.2, -0.3, np.nan, np.nan, np.nan, np.nan]])
    assert _typical(sims).tolist() == pytest.approx([0.3, (1.0 * 4 + 0.2) / 5])


def _two_article_state(cosine: float, level: float) -> ClusterState:
    import numpy as np
    import scipy.sparse as sp

    from synoptic.cluster.features import N_COLUMNS

    other = (1.0 - cosine**2) ** 0.5
    rows = sp.csr_matrix(
        (np.array([1.0, cosine, other], dtype=np.float32), ([0, 1, 1], [0, 0, 1])), shape=(2, N_COLUMNS)
    )
    return ClusterState(
        vectors=rows,
        article_ids=["a", "b"],
        article_story=[0, 1],
        article_typical=[level, level],
        article_alone=[False, False],
        story_ids=["sa", "sb"],
        story_labels=["a", "b"],
        story_members=[[0], [1]],
        story_norm2=[1.0, 1.0],
        story_last_day=[float("nan")] * 2,
    )


@pytest.mark.parametrize(
    ("level", "cap", "merged"), [(0.05, 0.25, True), (0.3, 0.25, False), (0.3, 0.0, True)]
)
def test_merge_measures_the_average_link_above_the_capped_local_level(
    level: float, cap: float, merged: bool
) -> None:
    """cos 0.2 with threshold 0.01: enough for two articles whose neighbours are all far (level 0.05),
    not for two in a crowded neighbourhood (level 0.3, capped at 0.25); with the cap at 0, plain cosine."""
    from synoptic.cluster.merge import merge_stories

    state = _two_article_state(0.2, level)
    merge_stories(state, [(1, 0)], first_new_story=0, threshold=0.01, window=3.0, level_cap=cap)
    assert (state.article_story[1] == state.article_story[0]) is merged


def test_local_levels_keep_a_small_feed_as_strict_as_the_cap() -> None:
    """With the level cap on, a three-article feed is judged as the plain threshold would judge it: the
    neighbours it lacks count as close, so the unrelated vote report still opens its own story."""
    settings = replace(Settings(), cluster_linkage="cosine", cluster_level_cap=0.25, cluster_threshold=0.02)
    arts = [_a("q1", QUAKE, "2024-05-07"), _a("v1", VOTE, "2024-05-07"), _a("q2", QUAKE_2, "2024-05-08")]
    out, state = cluster_articles(arts, settings)
    by_id = {a.article_id: a for a in out}
    assert by_id["q2"].story_id == by_id["q1"].story_id
    assert by_id["v1"].story_id != by_id["q1"].story_id
    assert all(level > 0.25 for level in state.article_typical)


def test_a_version_3_state_without_local_levels_still_loads() -> None:
    """Stores clustered before local levels existed keep working: their articles count as crowded and
    none is kept alone, which is what the default settings assume anyway."""
    import io

    import numpy as np

    _, state = cluster_articles([_a("q1", QUAKE), _a("q2", QUAKE_2)], Settings())
    with np.load(io.BytesIO(state.to_bytes())) as z:
        old = {k: z[k] for k in z.files if k not in ("article_typical", "article_alone")}
    old["version"] = np.array([3])
    buf = io.BytesIO()
    np.savez(buf, **old)
    restored = ClusterState.from_bytes(buf.getvalue())
    assert restored.article_ids == state.article_ids
    assert restored.article_typical == [1.0, 1.0] and restored.article_alone == [False, False]
    more, _ = cluster_articles([_a("q3", QUAKE_2 + " Aid arrived on Thursday.")], Settings(), restored)
    assert more[0].story_id == state.story_ids[state.article_story[0]]


def test_both_linkages_tell_two_quakes_from_a_vote() -> None:
    """The learned pair linkage (default) and the plain cosine linkage agree on an easy feed."""
    arts = [_a("q1", QUAKE, "2024-05-07"), _a("v1", VOTE, "2024-05-07"), _a("q2", QUAKE_2, "2024-05-08")]
    for settings in (Settings(), replace(Settings(), cluster_linkage="cosine", cluster_threshold=0.27)):
        by_id = {a.article_id: a.story_id for a in cluster_articles(arts, settings)[0]}
        assert by_id["q1"] == by_id["q2"] != by_id["v1"], settings.cluster_linkage
