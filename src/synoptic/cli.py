"""The `synoptic` command. Each command parses its arguments, calls one library function, and prints.

Exit status: 0 all inputs used, 1 some inputs failed (the report lists them), 2 usage error.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from synoptic.errors import SynopticError
from synoptic.settings import Settings, load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Group news articles into stories and write checkable, cited briefs of them.",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(no_args_is_help=True, help="Score Synoptic against public gold data, beside peers.")
app.add_typer(eval_app, name="eval")

ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML settings file.")]
CacheOption = Annotated[Path | None, typer.Option("--cache", help="SQLite embedding cache file.")]
DbOption = Annotated[Path | None, typer.Option("--db", help="SQLite story store file.")]

err_console = Console(stderr=True)


class Format(StrEnum):
    terminal = "terminal"
    json = "json"
    md = "md"
    html = "html"


def settings_from(config: Path | None, **overrides: object) -> Settings:
    try:
        return load_settings(
            config, **{k: (str(v) if isinstance(v, Path) else v) for k, v in overrides.items()}
        )
    except SynopticError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def write_output(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def _printable(text: str) -> str:
    """File names may hold bytes that are not UTF-8 (surrogate escapes): show them, never crash on them."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def report_problems(problems: list, articles: Sequence | None = None) -> None:
    """Print the inputs that could not be used, one line each, to stderr; with the articles that were
    read, then the run report (read, failed, warned, counts per code)."""
    from synoptic.report import summarize_run

    if problems:
        err_console.print(f"[yellow]{len(problems)} input problem(s):[/yellow]")
    for p in problems:
        where = f"{p.source}:{p.line}" if p.line else p.source
        err_console.print(_printable(f"  {p.code}  {where}  {p.message}"), highlight=False, markup=False)
    if articles is None:
        return
    for line in summarize_run(articles, problems).lines():
        err_console.print(line, highlight=False, markup=False)


@app.command()
def brief(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (.txt, .html, .jsonl).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    config: ConfigOption = None,
    cache: CacheOption = None,
) -> None:
    """Write the brief of one story told by the given articles."""
    from synoptic.pipeline import brief as make_brief
    from synoptic.render.html import render_html
    from synoptic.render.json import render_json
    from synoptic.render.markdown import render_markdown

    settings = settings_from(config, cache_path=cache)
    result = make_brief([str(p) for p in paths], settings)
    if not result.articles:
        report_problems(list(result.problems), result.articles)
        err_console.print("[red]error:[/red] no readable article in the input")
        raise typer.Exit(1)
    if format is Format.terminal and out is None:
        from synoptic.render.terminal import render_terminal

        render_terminal(result, Console())
    elif format is Format.terminal:
        from synoptic.render.terminal import render_terminal

        console = Console(record=True, width=120, file=io.StringIO())
        render_terminal(result, console)
        write_output(console.export_text(), out)
    else:
        renderer = {Format.json: render_json, Format.md: render_markdown, Format.html: render_html}[format]
        write_output(renderer(result), out)
    report_problems(list(result.problems), result.articles)
    raise typer.Exit(1 if result.problems else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the brief."""
    from synoptic.render.schema import brief_schema

    sys.stdout.write(json.dumps(brief_schema(), indent=2) + "\n")


@app.command()
def summarize(
    jsonl: Annotated[Path, typer.Option("--jsonl", help='Clusters, one a line: {"id", "documents": [...]}.')],
    words: Annotated[int, typer.Option("--words", min=1, help="Word budget (whole sentences only).")] = 250,
    config: ConfigOption = None,
) -> None:
    """Summarise each cluster by the brief's own path; one JSON line per cluster with cited sentences."""
    from synoptic.embed.static import StaticEmbedder
    from synoptic.model import Problem
    from synoptic.synthesize.learned import summary_scorer
    from synoptic.synthesize.multidoc import summarize_jsonl

    if not jsonl.is_file():
        err_console.print(f"[red]error:[/red] no such file: {jsonl}")
        raise typer.Exit(2)
    settings = settings_from(config)
    embedder = StaticEmbedder(settings.resolved_home)
    problems = []
    for item in summarize_jsonl(jsonl, words, embedder, settings, summary_scorer()):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        problems.extend(item.problems)
        sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    report_problems(problems)
    raise typer.Exit(1 if problems else 0)


@eval_app.command("summaries")
def eval_summaries(
    data: Annotated[Path, typer.Option("--data", help='JSONL of {"id", "documents", "summary"}.')],
    words: Annotated[int, typer.Option("--words", min=1, help="Word budget for every method.")] = 250,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first K clusters.")] = None,
    config: ConfigOption = None,
) -> None:
    """ROUGE-1/2/L F1 of Synoptic vs lead, LexRank, TextRank, LSA and centroid on the same clusters."""
    from synoptic.embed.static import StaticEmbedder
    from synoptic.eval.summaries import evaluate_summaries, format_table, read_clusters
    from synoptic.synthesize.learned import summary_scorer

    if not data.is_file():
        err_console.print(f"[red]error:[/red] no such file: {data}")
        raise typer.Exit(2)
    settings = settings_from(config)
    clusters = read_clusters(data, limit=limit)
    embedder = StaticEmbedder(settings.resolved_home)
    scores = evaluate_summaries(clusters, words, embedder, settings, summary_scorer())
    sys.stdout.write(f"{len(clusters)} clusters, {words} words\n" + format_table(scores))


@eval_app.command("quotes")
def eval_quotes(
    data: Annotated[Path, typer.Argument(help="PolNeAR-style JSONL with gold attributions.")],
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first K articles.")] = None,
) -> None:
    """Precision, recall and F1 of quote attribution (direct; all) for Synoptic and textacy."""
    from synoptic.eval.quotes import evaluate_quotes, format_quote_eval

    if not data.is_file():
        err_console.print(f"[red]error:[/red] no such file: {data}")
        raise typer.Exit(2)
    sys.stdout.write(format_quote_eval(evaluate_quotes(data, limit=limit)) + "\n")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_private_urls: Annotated[
        bool, typer.Option("--allow-private-urls", help="Let URL/feed fetching reach private addresses.")
    ] = False,
    config: ConfigOption = None,
    cache: CacheOption = None,
) -> None:
    """Serve the web app and JSON API over the story store (writes need SYNOPTIC_TOKEN off loopback)."""
    import os

    import uvicorn

    from synoptic.web import WebConfig, create_app
    from synoptic.web.config import is_loopback_host

    settings = settings_from(config, db_path=db, cache_path=cache)
    token = os.environ.get("SYNOPTIC_TOKEN") or None
    if not is_loopback_host(host) and not token:
        err_console.print("[yellow]warning:[/yellow] off loopback without SYNOPTIC_TOKEN: writes are off")
    web = WebConfig(host=host, token=token, allow_private_urls=allow_private_urls)
    uvicorn.run(create_app(settings, web), host=host, port=port, log_level="info")


def main() -> None:
    try:
        app()
    except SynopticError as exc:  # misuse that got past argument parsing
        err_console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
