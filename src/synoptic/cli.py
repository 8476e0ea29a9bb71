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
        from synoptic.atomic import write_atomic

        write_atomic(out, text)  # a temporary name, fsync, rename: never a truncated file


def _printable(text: str) -> str:
    """File names may hold bytes that are not UTF-8 (surrogate escapes): show them, never crash on them."""
    from synoptic.report import shown

    return shown(text)  # and no newline or terminal escape from a name reaches the terminal raw


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
    embedder = StaticEmbedder(settings.resolved_models_dir)
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
    embedder = StaticEmbedder(settings.resolved_models_dir)
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


@eval_app.command("briefs")
def eval_briefs(
    gold: Annotated[list[Path], typer.Option("--gold", help="Folders with a gold.json, or folders of them.")],
    more: Annotated[list[Path] | None, typer.Argument(help="More gold folders (--gold A B C).")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="terminal or json.")] = Format.terminal,
    save: Annotated[Path | None, typer.Option("--save", help="Also write each brief here.")] = None,
    config: ConfigOption = None,
    cache: CacheOption = None,
) -> None:
    """Brief each gold folder and score it with ../shared/goldset/README.md's metrics: a row per story."""
    from synoptic.eval.goldset import evaluate_folders, format_table, gold_folders, to_json

    folders = gold_folders([*gold, *(more or [])])
    if not folders:
        err_console.print("[red]error:[/red] no folder with a gold.json among the given paths")
        raise typer.Exit(2)
    scores = evaluate_folders(folders, settings_from(config, cache_path=cache), save)
    if format is Format.json:
        sys.stdout.write(json.dumps(to_json(scores), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(scores))


class RunnerName(StrEnum):
    local = "local"
    process = "process"
    ray = "ray"


RunnerOption = Annotated[
    RunnerName | None,
    typer.Option("--runner", help="Where the parallel parts run: local (default), process or ray."),
]
RayAddressOption = Annotated[
    str | None, typer.Option("--ray-address", help="Join this Ray cluster (auto, ray://host:10001).")
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=0, help="Processes or Ray CPUs (0: one per CPU).")
]


def open_runner(settings: Settings):
    """The runner the settings name; a Ray runner that cannot start is a usage error (exit 2)."""
    from contextlib import closing

    from synoptic.run import runner_for

    try:
        return closing(runner_for(settings))
    except SynopticError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def open_store(settings: Settings):
    from synoptic.store import Store

    try:
        return Store.open(settings.resolved_db_path)
    except SynopticError as exc:
        err_console.print(f"[red]error:[/red] {_printable(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (.txt, .html, .jsonl, .warc) or http(s) URLs of pages."),
    ] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="An RSS/Atom feed URL (repeat).")] = None,
    allow_private_urls: Annotated[
        bool, typer.Option("--allow-private-urls", help="Let fetching reach private addresses.")
    ] = False,
    db: DbOption = None,
    config: ConfigOption = None,
    cache: CacheOption = None,
    runner: RunnerOption = None,
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Read, clean and store articles, a batch per transaction (a re-run adds only what is missing)."""
    from synoptic.run import FetchLimits, ingest_sources, is_url

    given = list(paths or [])
    if not given and not feed:
        err_console.print("[red]error:[/red] give files, folders, URLs or --feed URL")
        raise typer.Exit(2)
    settings = settings_from(
        config, db_path=db, cache_path=cache, runner=runner, ray_address=ray_address, workers=workers
    )
    urls = [p for p in given if is_url(p)]
    rules = FetchLimits(allow_private_urls=allow_private_urls)
    with open_store(settings) as store, open_runner(settings) as jobs:
        files = [p for p in given if not is_url(p)]
        report = ingest_sources(store, files, settings, jobs, urls=urls, feeds=feed or [], rules=rules)
        total = store.article_count()
    err_console.print(
        f"ingest: {report.files} file(s), {report.added} article(s) added, {report.present} already stored, "
        f"{total} in the store",
        highlight=False,
        markup=False,
    )
    report_problems(list(report.problems), report.sources)
    raise typer.Exit(1 if report.problems else 0)


@app.command()
def cluster(
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help='Articles, one a line: {"id"?, "text" or "html", "title"?, ...}.'),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    cache: CacheOption = None,
    runner: RunnerOption = None,
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Group articles into stories, printing {"id", "article", "story"} per article: every article of
    --jsonl FILE (ingested and cleaned first), or else the store's newly grouped ones."""
    from synoptic.run import cluster_store, ingest_sources

    if jsonl is not None and not jsonl.is_file():
        err_console.print(f"[red]error:[/red] no such file: {_printable(str(jsonl))}", highlight=False)
        raise typer.Exit(2)
    settings = settings_from(
        config, db_path=db, cache_path=cache, runner=runner, ray_address=ray_address, workers=workers
    )
    problems: list = []
    with open_store(settings) as store:
        if jsonl is None:
            rows = [(a.article_id, a.article_id, a.story_id) for a in cluster_store(store, settings)]
        else:
            with open_runner(settings) as jobs:
                report = ingest_sources(store, [], settings, jobs, jsonl=[jsonl])
            problems = list(report.problems)
            cluster_store(store, settings)
            rows = [
                (r.record_id or r.article_id, r.article_id, store.story_of(r.article_id)) for r in report.read
            ]
        for key, article_id, story_id in rows:
            line = {"id": key, "article": article_id, "story": story_id}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    report_problems(problems)
    raise typer.Exit(1 if problems else 0)


@app.command()
def briefs(
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write <story>.json files here.")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild briefs already stored for the same members.")
    ] = False,
    config: ConfigOption = None,
    cache: CacheOption = None,
    runner: RunnerOption = None,
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Write (and store) a brief for every story of the store with at least two articles."""
    from synoptic.run import write_briefs

    settings = settings_from(
        config, db_path=db, cache_path=cache, runner=runner, ray_address=ray_address, workers=workers
    )
    with open_store(settings) as store, open_runner(settings) as jobs:
        report = write_briefs(store, settings, jobs, out=out, rebuild=rebuild)
    err_console.print(
        f"briefs: {report.written} written, {report.kept} already stored", highlight=False, markup=False
    )
    report_problems(list(report.problems))
    raise typer.Exit(1 if report.problems else 0)


class ClusterLevel(StrEnum):
    cluster = "cluster"
    topic = "topic"


@eval_app.command("clusters")
def eval_clusters(
    data: Annotated[list[Path], typer.Option("--data", help="ECB+ documents.jsonl, or Multi-News file(s).")],
    split: Annotated[str, typer.Option("--split", help="ECB+ split to report (tuned on train).")] = "dev",
    level: Annotated[
        ClusterLevel, typer.Option("--level", help="ECB+ gold: event or topic.")
    ] = ClusterLevel.cluster,
    peer_docs: Annotated[
        int,
        typer.Option(
            "--peer-docs",
            help="Multi-News: how many documents all three methods are scored on; 0 = the whole stream "
            "(the agglomerative peer then needs ~8 GB and the MiniLM peer an hour, cached after).",
        ),
    ] = 3000,
    config: ConfigOption = None,
    cache: CacheOption = None,
) -> None:
    """B-cubed P/R/F1 of Synoptic, TF-IDF + agglomerative and MiniLM + HDBSCAN on the same documents."""
    from synoptic.eval.clusters import evaluate_files

    for path in data:
        if not path.is_file():
            err_console.print(f"[red]error:[/red] no such file: {path}")
            raise typer.Exit(2)
    settings = settings_from(config, cache_path=cache)
    sys.stdout.write(evaluate_files(data, split, str(level), settings, peer_docs) + "\n")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_private_urls: Annotated[
        bool, typer.Option("--allow-private-urls", help="Let URL/feed fetching reach private addresses.")
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="A Host name the server answers to besides loopback (repeat)."),
    ] = None,
    open_reads: Annotated[
        bool | None,
        typer.Option(
            "--open-reads/--token-reads",
            help="Whether reads need SYNOPTIC_TOKEN too (default: only off loopback).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
    cache: CacheOption = None,
) -> None:
    """Serve the web app and JSON API over the story store (reads and writes need SYNOPTIC_TOKEN off
    loopback; only loopback names and --allowed-host names are answered)."""
    import os

    import uvicorn

    from synoptic.web import WebConfig, create_app
    from synoptic.web.config import is_loopback_host

    settings = settings_from(config, db_path=db, cache_path=cache)
    token = os.environ.get("SYNOPTIC_TOKEN") or None
    if not is_loopback_host(host) and not token:
        err_console.print("[yellow]warning:[/yellow] off loopback without SYNOPTIC_TOKEN: writes are off")
    if host in {"0.0.0.0", "::"} and not allowed_host:
        err_console.print("[yellow]warning:[/yellow] bound to all interfaces: pass --allowed-host NAME")
    web = WebConfig(
        host=host,
        token=token,
        allow_private_urls=allow_private_urls,
        allowed_hosts=tuple(allowed_host or ()),
        read_token=None if open_reads is None else not open_reads,
    )
    uvicorn.run(create_app(settings, web), host=host, port=port, log_level="info")


def main() -> None:
    try:
        app()
    except SynopticError as exc:  # misuse that got past argument parsing, store and output failures
        from rich.markup import escape

        err_console.print(f"[red]error:[/red] {escape(_printable(str(exc)))}", highlight=False)
        sys.exit(2)


from synoptic.cli_watch import register as _register_watch  # noqa: E402 (watch and diff live apart)

_register_watch(app)
