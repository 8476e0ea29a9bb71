"""One frozen Settings object: defaults < TOML file < explicit overrides, merged in one place."""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from synoptic.errors import SettingsError


def _default_home() -> str:
    return os.environ.get("SYNOPTIC_HOME", str(Path.home() / ".synoptic"))


def _default_models(home: Path) -> Path:
    """Tables derived from the installed model (deterministic, read-only once built) may live apart
    from the home ($SYNOPTIC_MODELS), so several homes (tests, users of one machine) build them once."""
    shared = os.environ.get("SYNOPTIC_MODELS")
    return Path(shared) if shared else home


# where files live and how work is spread: none of these changes what a brief says
NOT_OUTPUT = frozenset(
    {"home", "cache_path", "db_path", "models_dir", "runner", "ray_address", "workers"} | {"allow_hosts"}
)


@dataclass(frozen=True)
class Settings:
    """Every knob in one place. Output-affecting knobs enter `fingerprint()`; paths do not."""

    home: str = ""
    cache_path: str = ""  # SQLite embedding cache; "" means <home>/cache.sqlite
    db_path: str = ""  # SQLite story store; "" means <home>/synoptic.sqlite
    models_dir: str = ""  # the static embedder's distilled table; "" means $SYNOPTIC_MODELS or <home>
    # where a job's parallel parts run (synoptic.run): local, process or ray; none of them changes output
    runner: str = "local"
    ray_address: str = ""  # join this Ray cluster ("auto", "ray://host:10001"); "" starts a local one
    workers: int = 0  # processes (or Ray CPUs) to use; 0 = one per CPU
    # host names (comma- or space-separated) `synoptic watch` may fetch despite the SSRF guard; only these
    allow_hosts: str = ""
    # limits
    max_file_bytes: int = 20_000_000
    max_articles_per_brief: int = 500
    max_line_chars: int = 20_000
    max_article_chars: int = 100_000  # longer articles are cut at a line break (E_ARTICLE_TOO_LONG)
    # cleaning (synoptic.clean)
    relatedness_min: float = 0.25
    clean_same_story: float = 0.5  # cosine of two documents' prose centroids for them to tell one story
    clean_clip_words: int = 64  # a line is embedded by its opening words: they carry its topic
    clean_centroid_lines: int = 16  # a document's story centroid: its first paragraphs
    clean_long_line_words: int = 12  # a line this long is prose, judged on its own
    clean_short_line_words: int = 5  # a line this short says too little to judge by its embedding
    clean_subheading_max_words: int = 12  # longer lines between paragraphs are prose without a stop
    clean_dek_min_words: int = 12
    clean_list_lead_min_words: int = 6  # a sentence announcing a list
    clean_dateline_paragraphs: int = 3  # a dateline opens one of the first few paragraphs
    clean_repeat_min_words: int = 4  # shorter lines ("Share") repeat for reasons other than copying
    clean_near_copy: float = 92.0  # rapidfuzz ratio of a near copy of a line
    clean_max_rounds: int = 4  # cleaning re-settles the story centroid at most this often
    # fact alignment and summary (synoptic.synthesize.align, .summary, .support, .readable)
    align_threshold: float = 0.45
    align_standout: float = 2.0  # spreads above a sentence's usual similarity that mark a match
    align_dense_weight: float = 0.7  # share of the sentence model's cosine; the rest is lexical overlap
    align_clause_min_words: int = 6  # shorter pieces of a sentence are not compared as clauses
    align_merge_max_per_article: int = 3  # statements one article may give a merged unit (a topic past it)
    citation_support_floor: float = 0.35  # similarity a supporting sentence needs to the cited one
    citation_min_shared: float = 0.06  # weighted share of the cited sentence's words it must also say
    summary_min_sentences: int = 6
    summary_max_sentences: int = 10
    summary_redundancy: float = 0.72
    # beyond summary_min_sentences, a fact joins the summary only when this share of the articles
    # report it: the summary says what most sources agree on; the facts list holds the rest
    summary_consensus_share: float = 0.5
    # off-topic documents (synthesize/off_topic.py): a document of which fewer than this share of sentences
    # is reported by another document, and whose sentence centroid is below off_topic_story_level cosine
    # with every other document's, is set aside; 0 turns the check off
    off_topic_max_share: float = 0.1
    off_topic_story_level: float = 0.5
    off_topic_minor_size: float = 0.25  # a group this share of the story or smaller is the minority
    off_topic_coverage: float = 0.15  # share of the others' common words a document uses: on topic
    # story analysis (synoptic.synthesize.story_analysis, .timeline, .divergence, .quality)
    quote_merge_same_speaker: float = 0.62  # quotes of one speaker merge at this score (cosine + bonus)
    quote_merge_indirect: float = 0.72  # reported speech paraphrases more: it needs more
    quote_merge_any_speaker: float = 0.9  # near-identical words merge whoever the speaker
    quote_merge_lexical_weight: float = 0.3  # the bonus: this times the shared content words' Jaccard
    timeline_same_event: float = 0.55  # two dated mentions at this similarity are one event
    timeline_caption_match: float = 0.5  # a dated caption this close sharpens an event's date
    divergence_similar: float = 0.5  # statements this close that differ in a value are a divergence
    quality_boilerplate_share: float = 0.5  # an article with more of its lines dropped is flagged
    # clustering
    cluster_threshold: float = 0.27  # cosine linkage: mean cosine to story members (ECB+ / Multi-News train)
    cluster_window_days: float = 3.0
    cluster_template_min: int = 5  # a sentence seen in this many earlier articles is a template
    cluster_dense_weight: float = 0.25  # share of the static-MiniLM cosine in the clustering similarity
    # cosine linkage, off by default (BENCHMARKS.md, "Tried"): a match must beat the members' capped level
    cluster_level_cap: float = 0.0
    cluster_min_words: int = 0  # fewer words left after templates (title included): a story of its own
    # "pairs": average same-story probability of the learned pair model (synoptic.cluster.pairs) >=
    # cluster_pair_threshold; "cosine": average cosine >= cluster_threshold (optionally above the level cap)
    cluster_linkage: str = "pairs"
    cluster_pair_threshold: float = 0.2  # chosen on ECB+ / Multi-News train by scripts/train_pair_model.py

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise SettingsError(f"setting {f.name} must not be negative, got {value}")
        if self.cluster_linkage not in ("pairs", "cosine"):
            raise SettingsError(f"cluster_linkage must be 'pairs' or 'cosine', got {self.cluster_linkage!r}")
        if self.summary_min_sentences > self.summary_max_sentences:
            raise SettingsError("summary_min_sentences must not exceed summary_max_sentences")

    @property
    def resolved_home(self) -> Path:
        return Path(self.home or _default_home())

    @property
    def resolved_cache_path(self) -> Path:
        return Path(self.cache_path) if self.cache_path else self.resolved_home / "cache.sqlite"

    @property
    def resolved_models_dir(self) -> Path:
        return Path(self.models_dir) if self.models_dir else _default_models(self.resolved_home)

    @property
    def resolved_db_path(self) -> Path:
        return Path(self.db_path) if self.db_path else self.resolved_home / "synoptic.sqlite"

    def fingerprint(self) -> str:
        """Hash of the settings that change output, recorded in every brief."""
        data = {k: v for k, v in asdict(self).items() if k not in NOT_OUTPUT}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Merge defaults, an optional TOML file (table [synoptic] or top level) and explicit overrides.

    Overrides whose value is None are ignored, so CLI flags that were not given fall through.
    """
    known = {f.name: f for f in fields(Settings)}
    merged: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        merged.update(data.get("synoptic", data))
    merged.update({k: v for k, v in overrides.items() if v is not None})
    unknown = sorted(set(merged) - set(known))
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(unknown)}")
    base = Settings()
    for name, value in merged.items():
        expected = type(getattr(base, name))
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise SettingsError(f"setting {name} must be {expected.__name__}, got {value!r}")
    return replace(base, **merged)
