"""Start-up stays light: a brief's process imports neither PyTorch nor SciPy unless a vector is missing,
and the light paths give exactly what the heavy imports would."""

from __future__ import annotations

import json
import subprocess
import sys

from synoptic.light_imports import sklearn_stop_words

HEAVY = ("torch", "scipy", "sklearn", "sentence_transformers", "transformers")


def _modules_after(code: str) -> dict:
    """Run `code` in a fresh interpreter and report which heavy modules it left imported."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_stop_words_are_sklearns_list() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    light = _modules_after("from synoptic.light_imports import sklearn_stop_words; sklearn_stop_words()")
    assert not light["sklearn"] and not light["scipy"]
    assert sklearn_stop_words() == frozenset(ENGLISH_STOP_WORDS)
    assert len(sklearn_stop_words()) > 300


def test_spacy_parses_without_torch_and_torch_still_imports_after() -> None:
    code = (
        "from synoptic.analyze.entities import load_nlp\n"
        "doc = load_nlp()('Ana Ortiz met Paul Brandt in Lisbon on Monday.')\n"
        "assert any(e.label_ == 'PERSON' for e in doc.ents), doc.ents\n"
    )
    assert not _modules_after(code)["torch"]
    after = _modules_after(code + "import torch\nassert torch.ones(2).sum().item() == 2.0\n")
    assert after["torch"]


def test_help_and_align_import_no_model() -> None:
    loaded = _modules_after(
        "import synoptic.synthesize.align, synoptic.pipeline\n"
        "from typer.testing import CliRunner\nfrom synoptic.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
    )
    assert not any(loaded.values()), loaded
