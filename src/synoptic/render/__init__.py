"""Renderers of a Brief: JSON (the contract, with a JSON Schema), Markdown, HTML and the terminal."""
