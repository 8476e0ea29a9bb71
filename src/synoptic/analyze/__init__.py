"""Per-article analysis: sentences, entities, quotes, dates, citations; each a pure function of the text."""
