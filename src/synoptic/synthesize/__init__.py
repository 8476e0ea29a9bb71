"""Story-level synthesis: fact alignment, summary, and the analysis of quotes, dates and sources."""
