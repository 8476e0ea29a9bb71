"""Import what a brief needs without what it does not: start-up time is most of a short CLI run.

Two packages pull in far more than Synoptic uses from them. scikit-learn's package import loads SciPy
(about 1.5 s) when the brief wants only its English stop-word list, a plain data module; and spaCy's
Thinc imports PyTorch when it is installed (about 2 s) although the small English pipeline runs on
NumPy. Both are avoided here without changing what they return.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

_lock = threading.RLock()  # re-entrant: a hidden block may import spaCy through import_spacy


def sklearn_stop_words() -> frozenset[str]:
    """scikit-learn's ENGLISH_STOP_WORDS, read from its own module file without importing the package.

    The file has no imports; executing it alone gives the same frozenset as
    `sklearn.feature_extraction.text.ENGLISH_STOP_WORDS` (tests/test_light_imports.py checks that).
    """
    loaded = sys.modules.get("sklearn.feature_extraction.text")
    if loaded is not None:  # already paid for: use it
        return frozenset(loaded.ENGLISH_STOP_WORDS)
    package = importlib.util.find_spec("sklearn")  # finds the folder, runs nothing
    if package is None or not package.submodule_search_locations:
        raise ImportError("scikit-learn is not installed", name="sklearn")
    path = Path(next(iter(package.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
    spec = importlib.util.spec_from_file_location("_synoptic_sklearn_stop_words", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot read {path}", name="sklearn")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


def import_spacy() -> ModuleType:
    """`import spacy`, with PyTorch hidden from Thinc when nothing has imported PyTorch yet.

    Thinc probes `import torch` once, at import, only to offer PyTorch-backed layers; the small English
    pipeline never uses them. A `None` in sys.modules makes that probe fail fast; it is removed at once,
    so a later `import torch` (the sentence model on a cache miss) works as usual.
    """
    with torch_hidden():
        import spacy

    return spacy


@contextmanager
def torch_hidden() -> Iterator[None]:
    """Inside, `import torch` fails fast unless PyTorch is already imported (spaCy and Thinc modules
    that merely offer PyTorch layers probe for it when imported)."""
    with _lock:
        if "torch" in sys.modules:
            yield
            return
        sys.modules["torch"] = None  # type: ignore[assignment]
        try:
            yield
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]
