"""Evaluation: clustering B-cubed, summaries, quotes and gold-brief scoring against benchmark data."""
