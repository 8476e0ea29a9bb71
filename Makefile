# Two commands do everything on a fresh machine:
#   make brief   set up, then write the brief of ../shared/seeds/ to the terminal
#   make test    set up, then run the whole test suite (what .ci/run runs)
.PHONY: setup brief test lint

setup:
	@bash scripts/setup.sh

brief: setup
	.venv/bin/synoptic brief ../shared/seeds/

# the suite shares the static table that setup distilled (read-only); every test has its own home
test: setup
	SYNOPTIC_MODELS=$(CURDIR)/.venv/share/synoptic-models .venv/bin/python -m pytest -q -n auto --dist loadfile

lint: setup
	.venv/bin/ruff check src tests bench
