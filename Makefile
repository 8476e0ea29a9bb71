# Two commands do everything on a fresh machine:
#   make brief   set up, then write the brief of ../shared/seeds/ to the terminal
#   make test    set up, then run the whole test suite (what .ci/run runs)
.PHONY: setup brief test lint

setup:
	@bash scripts/setup.sh

brief: setup
	.venv/bin/synoptic brief ../shared/seeds/

test: setup
	.venv/bin/python -m pytest -q

lint: setup
	.venv/bin/ruff check src tests bench
