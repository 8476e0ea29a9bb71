"""`python -m synoptic` runs the command-line interface."""

from synoptic.cli import main

main()
