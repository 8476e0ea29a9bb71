"""Settings merge in one place; the public API is what __all__ says."""

from __future__ import annotations

import pytest

import synoptic
from synoptic.errors import SettingsError
from synoptic.settings import Settings, load_settings


def test_defaults_file_and_overrides_merge_in_order(tmp_path):
    path = tmp_path / "synoptic.toml"
    path.write_text("[synoptic]\nsummary_max_sentences = 8\nalign_threshold = 0.5\n")
    settings = load_settings(path, align_threshold=0.6, cache_path=None)
    assert settings.summary_max_sentences == 8
    assert settings.align_threshold == 0.6
    assert settings.max_file_bytes == Settings().max_file_bytes


@pytest.mark.parametrize("bad", [{"nope": 1}, {"align_threshold": "high"}, {"max_file_bytes": -1}])
def test_bad_settings_raise_a_coded_error(bad):
    with pytest.raises(SettingsError):
        load_settings(None, **bad)


def test_fingerprint_changes_with_output_settings_only():
    base = Settings()
    assert Settings(cache_path="/elsewhere").fingerprint() == base.fingerprint()
    assert Settings(align_threshold=0.9).fingerprint() != base.fingerprint()


def test_public_api():
    assert "brief" in synoptic.__all__ and "Brief" in synoptic.__all__
    for name in synoptic.__all__:
        assert getattr(synoptic, name) is not None
    with pytest.raises(AttributeError):
        _ = synoptic.not_a_thing
