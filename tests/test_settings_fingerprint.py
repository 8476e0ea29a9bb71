"""Every setting that changes output enters the fingerprint a brief records; the others do not."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from synoptic.settings import NOT_OUTPUT, Settings


def _changed(value: object) -> object:
    """A different valid value of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 0.125
    return {"pairs": "cosine", "local": "process"}.get(str(value), f"{value}-other")


OUTPUT_FIELDS = [f.name for f in fields(Settings) if f.name not in NOT_OUTPUT]


@pytest.mark.parametrize("name", OUTPUT_FIELDS)
def test_each_output_setting_changes_the_fingerprint(name: str) -> None:
    base = Settings()
    if name == "summary_min_sentences":  # must stay <= summary_max_sentences
        other = replace(base, summary_min_sentences=base.summary_min_sentences - 1)
    else:
        other = replace(base, **{name: _changed(getattr(base, name))})
    assert other.fingerprint() != base.fingerprint()


@pytest.mark.parametrize("name", sorted(NOT_OUTPUT))
def test_paths_and_runners_leave_the_fingerprint(name: str) -> None:
    base = Settings()
    assert replace(base, **{name: _changed(getattr(base, name))}).fingerprint() == base.fingerprint()


def test_the_stages_knobs_are_settings() -> None:
    """The thresholds of cleaning, alignment, citations, quotes, timeline and divergences are tunable."""
    names = set(OUTPUT_FIELDS)
    for prefix in ("clean_", "align_", "citation_", "quote_merge_", "timeline_", "divergence_", "off_topic_"):
        assert any(n.startswith(prefix) for n in names), prefix
