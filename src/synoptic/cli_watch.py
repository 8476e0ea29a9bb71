"""`synoptic watch` and `synoptic diff`: kept apart from cli.py and registered on its app, each parsing
its arguments, calling one library function and printing."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

_HOSTS = re.compile(r"[\s,]+")


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


def allowed_hosts(settings_value: str, flags: list[str] | None) -> frozenset[str]:
    """Hosts exempt from the SSRF guard: `allow_hosts` of the settings plus every --allow-host."""
    names = [*_HOSTS.split(settings_value), *(flags or [])]
    return frozenset(n.strip().lower().rstrip(".") for n in names if n.strip())


def watch_command(
    feeds: Annotated[Path, typer.Option("--feeds", help="Feed and page URLs, one a line (# comments).")],
    db: Annotated[Path | None, typer.Option("--db", help="SQLite story store file.")] = None,
    every: Annotated[str, typer.Option("--every", help="Time between rounds: 90s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron).")] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Fetch this host despite the SSRF guard (repeat); nothing else."),
    ] = None,
    host_delay: Annotated[
        float, typer.Option("--host-delay", min=0, help="Seconds between two requests to one host.")
    ] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per request.")] = 10.0,
    backoff: Annotated[
        float, typer.Option("--backoff", min=0, help="Wait after a failure, s (doubles).")
    ] = 60.0,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Brief stories of at least this many articles.")
    ] = 2,
    config: Annotated[Path | None, typer.Option("--config", help="TOML settings file.")] = None,
    cache: Annotated[Path | None, typer.Option("--cache", help="SQLite embedding cache file.")] = None,
) -> None:
    """Poll feeds and pages politely; ingest, cluster and rebrief what is new, a summary line per round."""
    from synoptic import cli as base
    from synoptic.watch import PollRules, WatchConfig, parse_every, read_feed_list, watch

    try:
        every_s = parse_every(every)
    except ValueError as exc:
        base.err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    sources, problems = read_feed_list(feeds)
    if problems and not sources:
        base.report_problems(problems)
        raise typer.Exit(2)
    settings = base.settings_from(config, db_path=db, cache_path=cache)
    hosts = allowed_hosts(settings.allow_hosts, allow_host)
    rules = PollRules(timeout_s=timeout, host_delay_s=host_delay, allow_hosts=hosts)
    watch_config = WatchConfig(rules=rules, backoff_base_s=backoff, min_articles=min_articles)
    if problems:
        base.report_problems(problems)

    def progress(line: str) -> None:
        base.err_console.print(base._printable(line), highlight=False, markup=False)

    def summary(report) -> None:
        sys.stdout.write(report.summary() + "\n")
        sys.stdout.flush()
        if report.problems:
            base.report_problems(report.problems)

    with base.open_store(settings) as store, base.open_runner(settings) as jobs:
        rounds = watch(store, sources, settings, watch_config, jobs, every_s, once, summary, progress)
    last = rounds[-1] if rounds else None
    raise typer.Exit(1 if problems or (last is not None and (last.failed or last.problems)) else 0)


def diff_command(
    story: Annotated[str, typer.Argument(help="Story id (or a unique prefix of one).")],
    since: Annotated[
        str | None, typer.Option("--since", help="Compare with the brief as it was then (ISO time, 2h, 1d).")
    ] = None,
    old: Annotated[int | None, typer.Option("--from", help="Older version number.")] = None,
    new: Annotated[int | None, typer.Option("--to", help="Newer version number (default: latest).")] = None,
    list_versions: Annotated[bool, typer.Option("--versions", help="List the story's versions.")] = False,
    format: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    db: Annotated[Path | None, typer.Option("--db", help="SQLite story store file.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="TOML settings file.")] = None,
) -> None:
    """What changed in a story's brief: new articles and outlets, facts, quotes, divergences, timeline."""
    from synoptic import cli as base
    from synoptic.history import format_diff, parse_when, record_briefs, story_diff
    from synoptic.store.history import HistoryTable

    settings = base.settings_from(config, db_path=db)
    try:
        when = parse_when(since) if since is not None else None
    except ValueError as exc:
        base.err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    with base.open_store(settings) as store:
        story_id = story if store.story(story) is not None else None
        if story_id is None:
            with HistoryTable(store.path) as history:
                matches = history.find(story)
            if len(matches) != 1:
                what = "no story" if not matches else f"{len(matches)} stories"
                base.err_console.print(f"[red]error:[/red] {what} with id {story!r}", highlight=False)
                raise typer.Exit(2)
            story_id = matches[0]
        if list_versions:
            record_briefs(store, [story_id])
            with HistoryTable(store.path) as history:
                versions = history.versions(story_id)
            for v in versions:
                sys.stdout.write(f"v{v.version}  {v.created}  {v.article_count} articles\n")
            raise typer.Exit(0)
        result = story_diff(store, story_id, since=when, old=old, new=new)
    if result is None:
        base.err_console.print(f"[red]error:[/red] story {story_id} has no stored brief yet")
        raise typer.Exit(2)
    if format is DiffFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_diff(result))


def register(app: typer.Typer) -> None:
    """Add `watch` and `diff` to the `synoptic` app."""
    app.command("watch")(watch_command)
    app.command("diff")(diff_command)
