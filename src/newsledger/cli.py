"""The ``newsledger`` command: thin Typer wrappers over ``newsledger.api.Ledger``.

Each command parses, validates and maps library errors to a clean message with exit 1.
Data goes to stdout; progress, logs and summaries for people go to stderr.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsledger import __version__
from newsledger.answers.actors import Actor
from newsledger.answers.documents import Document
from newsledger.answers.events import Event
from newsledger.answers.meta import RunStatus, Summary
from newsledger.answers.stories import Comparison, TimelineEntry
from newsledger.api import Ledger
from newsledger.bench import EXAMPLE_CORPUS
from newsledger.config import FIELD_NAMES, load_config
from newsledger.errors import NewsledgerError
from newsledger.ledger.meta import EXPORT_FORMATS
from newsledger.output import FormatOpt, emit
from newsledger.store.settle import RunCounts
from newsledger.store.tables import TABLES

app = typer.Typer(
    help="Turn news articles into a source-cited ledger of events, quotes and actors.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="User TOML config file.", exists=True)]
SetOpt = Annotated[list[str] | None, typer.Option("--set", help="Override a setting: section.key=value.")]
VerboseOpt = Annotated[int, typer.Option("-v", "--verbose", count=True, help="-v info, -vv debug logs.")]
DEFAULT_DB = Path("newsledger.duckdb")
STAGES = {"ingest": "ingest", "load": "loading shards", "resolve": "the cross-article stage"}  # runs.stage


def _logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(str(exc))}")  # a message's "[ray]" is not markup
    return typer.Exit(1)


def _open(db: Path, config: Path | None = None, overrides: list[str] | None = None,
          read_only: bool = True) -> Ledger:
    return Ledger(db, load_config(config, overrides), read_only=read_only)


@contextmanager
def _reading(db: Path) -> Iterator[Ledger]:
    """Open the store read-only for one query command; library errors become exit 1."""
    try:
        with _open(db) as ledger:
            yield ledger
    except NewsledgerError as exc:
        raise _fail(exc) from None


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (Ray: actors).")] = 1,
    executor: Annotated[str, typer.Option(help="local (a process pool) or ray.")] = "local",
    address: Annotated[str | None, typer.Option(
        help="Ray cluster to use, e.g. ray://HEAD:10001 (default: start Ray on this machine).")] = None,
    shards: Annotated[Path | None, typer.Option(
        "--out", help="Ray: folder for the Parquet shards (default: next to --db, DB.shards).")] = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", help=f"Map a JSON field: NAME=KEY, NAME one of {', '.join(FIELD_NAMES)}.")] = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Ingest articles (.txt .html .json .jsonl .warc .warc.gz) into the store.

    Rerunning on the same input adds nothing. With --executor ray the articles are processed on
    Ray into Parquet shards (a rerun skips the shards written), which are then loaded. Example:

        newsledger ingest examples/corpus --db newsledger.duckdb --workers 2
    """
    _logging(verbose)
    overrides = list(set_ or [])
    for item in field or []:
        name, sep, key = item.partition("=")
        if not sep:
            raise _fail(ValueError(f"--field expects NAME=KEY, got {item!r}"))
        overrides.append(f"ingest.fields.{name}={key}")
    try:
        with _open(db, config, overrides, read_only=False) as ledger, _progress("ingesting") as on_chunk:
            counts = ledger.ingest(paths, workers=workers, stdin=sys.stdin.buffer, on_chunk=on_chunk,
                                   executor=executor, address=address, out=shards)
            _report(ledger, counts, db, quiet)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]: every finished batch is stored; rerun the same command to continue")
        raise typer.Exit(130) from None
    except NewsledgerError as exc:
        raise _fail(exc) from None


@app.command()
def load(
    shards: Annotated[Path, typer.Argument(help="Folder of Parquet shards written by ingest --executor ray.")],
    db: DbOpt = DEFAULT_DB,
    config: ConfigOpt = None,
    set_: SetOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Load Parquet shards into the store, then update the cross-article tables.

    Loading the same shards again adds nothing. Example: newsledger load newsledger.shards --db newsledger.duckdb
    """
    _logging(verbose)
    try:
        with _open(db, config, set_, read_only=False) as ledger, _progress("loading") as on_shard:
            _report(ledger, ledger.load(shards, on_shard), db, quiet)
    except NewsledgerError as exc:
        raise _fail(exc) from None


@contextmanager
def _progress(what: str) -> Iterator[Callable[[RunCounts], None]]:
    """A progress line on a terminal (never in CI or pipes), updated with each chunk's counts."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  disable=not err.is_terminal or bool(os.environ.get("CI")), transient=True) as progress:
        task = progress.add_task(what, total=None)

        def on_chunk(c: RunCounts) -> None:
            progress.update(task, description=(
                f"stored {c.stored} · duplicate {c.duplicate} · unchanged {c.unchanged} · "
                f"skipped {c.skipped} · failed {c.failed}"))

        yield on_chunk


def _report(ledger: Ledger, counts: RunCounts, db: Path, quiet: bool) -> None:
    err.print(
        f"[bold]{counts.stored}[/] stored, {counts.duplicate} duplicate, {counts.unchanged} unchanged, "
        f"{counts.skipped} skipped, {counts.failed} failed "
        f"({counts.sentences} sentences, {counts.mentions} entity mentions) -> {db}"
    )
    if counts.resolved and not (counts.stored or counts.duplicate):
        err.print("cross-article tables updated: an earlier run stored documents without finishing them")
    if not quiet:
        _print_summary(ledger.summary(), err)


def _print_summary(s: Summary, console: Console) -> None:
    dates = s.dates
    console.print(
        f"\n[bold]Store[/]: {s.documents} documents ({s.analysed} analysed), {s.sentences} sentences, "
        f"{s.mentions} entity mentions; published {dates.first or '?'} to {dates.last or '?'} "
        f"({dates.undated} undated)"
    )
    outlets = Table("outlet", "documents", title=_shown("Outlets", s.outlets, s.n_outlets), title_justify="left")
    for row in s.outlets:
        outlets.add_row(row.outlet, str(row.documents))
    console.print(outlets)
    langs = ", ".join(f"{r.language} {r.documents}" for r in s.languages)
    console.print(f"Languages: {langs}")
    ents = Table("entity", "label", "mentions", "documents", title="Top entities", title_justify="left")
    for ent in s.top_entities:
        ents.add_row(ent.text, ent.label, str(ent.mentions), str(ent.documents))
    console.print(ents)
    if s.problems:
        probs = Table(title=_shown("Not analysed, skipped or failed", s.problems, s.n_problems),
                      title_justify="left")
        probs.add_column("input", overflow="fold")  # a cut path is no use to find the file
        probs.add_column("status")
        probs.add_column("why", overflow="fold")
        for problem in s.problems:
            probs.add_row(escape(problem.source), problem.status, escape(problem.reason))  # a name is not markup
        console.print(probs)
    if s.n_problems > len(s.problems):
        console.print(f"{s.n_problems - len(s.problems)} more: `newsledger log --status skipped` "
                      "(or failed, or all of them without --status) lists every input with its reason")


def _shown(title: str, rows: list[Any], total: int) -> str:
    """A table title that says when the table shows only the first rows."""
    return f"{title} (first {len(rows)} of {total})" if total > len(rows) else title


@app.command()
def summary(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None) -> None:
    """Print what the store holds. Example: newsledger summary --db newsledger.duckdb"""
    with _reading(db) as ledger:
        emit(ledger.summary(), fmt, view=_print_summary)


@app.command()
def docs(
    db: DbOpt = DEFAULT_DB,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language code.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to list.")] = 50,
    fmt: FormatOpt = None,
) -> None:
    """List stored documents. Example: newsledger docs --outlet "Caspian Wire" --format csv > docs.csv"""
    with _reading(db) as ledger:
        rows = ledger.documents(limit=limit, outlet=outlet, language=language)
    emit(rows, fmt, ("doc_id", "outlet", "published", "language", "n_words", "title"))


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it.")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
) -> None:
    """Show a document: cleaned text, metadata, sentences and entities. Example: newsledger show 3fa2c1"""
    with _reading(db) as ledger:
        emit(ledger.document(doc_id), fmt, view=_show_document)


def _show_document(d: Document, out: Console) -> None:
    out.print(f"[bold]{d.title or '(no title)'}[/]")
    for key in ("doc_id", "source", "url", "outlet", "outlet_source", "published", "published_precision",
                "published_source", "published_text", "dateline", "language", "language_score"):
        out.print(f"  {key:<20} {getattr(d, key)}")
    out.rule("text")
    out.print(d.text, markup=False, highlight=False)
    out.rule("sentences")
    for s in d.sentences:
        out.print(f"[dim]{s.idx:>3} {s.section:<8} {s.start_char}-{s.end_char}[/] ", end="")
        out.print(s.text, markup=False, highlight=False)
    out.rule("entities")
    for m in d.mentions:
        out.print(f"  {m.start_char:>5}-{m.end_char:<5} {m.label:<10} ", end="")
        out.print(m.text, markup=False, highlight=False)


@app.command()
def actors(
    db: DbOpt = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code, e.g. AZE.")] = None,
    sector: Annotated[str | None, typer.Option(help="PLOVER sector: GOV, MIL, REB, IGO ...")] = None,
    kind: Annotated[str | None, typer.Option(help="person, state, organisation or group.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to list.")] = 50,
    fmt: FormatOpt = None,
) -> None:
    """List actors across the store. Example: newsledger actors --country AZE --sector GOV"""
    with _reading(db) as ledger:
        rows = ledger.actors(country=country, sector=sector, kind=kind, limit=limit)
    emit(rows, fmt, ("name", "actor_id", "kind", "country", "igo", "sector", "n_mentions", "n_documents",
                     "first_seen", "last_seen"))


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="Actor id, name or alias (any spelling seen).")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
) -> None:
    """Roles over time, aliases, mentions and co-occurring actors. Example: newsledger actor Sarkisian"""
    with _reading(db) as ledger:
        emit(ledger.actor(name), fmt, view=_show_actor)


def _show_actor(a: Actor, out: Console) -> None:
    where = a.country or a.igo or "?"
    out.print(f"[bold]{a.name}[/]  {a.actor_id}  {a.kind}  {where}  {a.sector or ''}  "
              f"{a.n_mentions} mentions in {a.n_documents} documents")
    if a.roles:
        out.rule("roles, as the texts state them")
        for r in a.roles:
            out.print(f"  {r.date or 'undated':<10} {r.country or r.igo or '':<5} {r.sector or '':<4} "
                      f"{r.doc_id[:10]}  ", end="")
            out.print(r.role, markup=False, highlight=False)
    out.rule("aliases")
    out.print(", ".join(f"{x.text} ({x.count})" for x in a.aliases), markup=False, highlight=False)
    if a.co_actors:
        out.rule("appears in sentences with")
        out.print(", ".join(f"{c.name} ({c.sentences})" for c in a.co_actors), markup=False)
    out.rule("mentions")
    for m in a.mentions[:40]:
        out.print(f"  {m.doc_id[:10]} {m.published or '':<10} {m.outlet or '':<20} [dim]{m.rule}[/] ", end="")
        out.print(f"{m.text}: {m.sentence[:140]}", markup=False, highlight=False)


@app.command()
def quotes(
    db: DbOpt = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Speaker's name or any alias.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Document id or prefix.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, partial or indirect.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to list.")] = 100,
    fmt: FormatOpt = None,
) -> None:
    """Who said what. Example: newsledger quotes --speaker Aliyev --kind direct"""
    with _reading(db) as ledger:
        rows = ledger.quotes(speaker=speaker, doc_id=doc, kind=kind, limit=limit)
    emit(rows, fmt, ("actor", "speaker", "kind", "cue", "addressee", "text", "outlet", "published", "doc_id",
                     "n_documents"))


@app.command()
def claims(
    db: DbOpt = DEFAULT_DB,
    counted: Annotated[str | None, typer.Option(help="What is counted (or the unit), e.g. troops.")] = None,
    asserter: Annotated[str | None, typer.Option(help="Who asserts it: a speaker or an outlet.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Document id or prefix.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to list.")] = 100,
    fmt: FormatOpt = None,
) -> None:
    """Numeric claims and who made them. Example: newsledger claims --counted troops"""
    with _reading(db) as ledger:
        rows = ledger.claims(counted=counted, asserter=asserter, doc_id=doc, limit=limit)
    emit(rows, fmt, ("qualifier", "text", "counted", "unit", "asserter", "asserter_kind", "date_text", "outlet",
                     "published", "doc_id"))


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ACCUSE.")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor taking part (name or alias).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 of an actor taking part, or of the place.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest event date, YYYY[-MM[-DD]].")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest event date.")] = None,
    negated: Annotated[bool, typer.Option("--negated", help="Include negated events.")] = False,
    limit: Annotated[int, typer.Option(help="Rows to list.")] = 100,
    fmt: FormatOpt = None,
) -> None:
    """Who did what to whom, when and where. Example: newsledger events --type ACCUSE --format json"""
    with _reading(db) as ledger:
        rows = ledger.events(event_type=event_type, actor=actor, country=country, date_from=date_from,
                             date_to=date_to, include_negated=negated, limit=limit)
    emit(rows, fmt, ("event_id", "date", "event_type", "mode", "negated", "source_names", "target_names",
                     "location", "modality", "outlet", "trigger"))


@app.command()
def explain(
    event_id: Annotated[str, typer.Argument(help="Event id (or a unique prefix, e.g. 3fa2c1b0d4:2).")],
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = None,
) -> None:
    """Show why an event was coded: its sentence with trigger and actors marked, and the rule.

    Example: newsledger explain 3fa2c1b0d4
    """
    with _reading(db) as ledger:
        emit(ledger.event(event_id), fmt, view=_explain_event)


def _explain_event(e: Event, out: Console) -> None:
    text = e.document.text
    marks = [(e.trigger_start, e.trigger_end, "bold red")] + [(m.start_char, m.end_char, "bold cyan")
                                                                for m in e.mentions]
    sentence = Text(text[e.start_char : e.end_char])
    for start, end, style in marks:
        if e.start_char <= start < e.end_char:
            sentence.stylize(style, start - e.start_char, end - e.start_char)
    out.print(f"[bold]{e.event_type}[/]{':' + e.mode if e.mode else ''}  quad {e.quad}  "
              f"CAMEO {e.cameo}  intensity {e.intensity}  {e.modality}"
              f"{'  NEGATED' if e.negated else ''}  confidence {e.confidence}")
    out.print(sentence)
    out.print(f"  trigger   {e.trigger!r} (rule {e.rule})", markup=False, highlight=False)
    out.print(f"  source    {', '.join(e.source_names or []) or '-'}  {e.source_ids}", markup=False)
    out.print(f"  target    {', '.join(e.target_names or []) or '-'}  {e.target_ids}", markup=False)
    out.print(f"  date      {e.date or '-'} ({e.date_precision}) from {e.date_text!r}", markup=False)
    out.print(f"  place     {e.location or '-'} {e.location_country or ''}", markup=False)
    d = e.document
    out.print(f"  document  {e.doc_id[:12]} {d.outlet or '?'} {d.published or ''} {d.title or ''}",
              markup=False, highlight=False)
    for m in e.mentions:
        out.print(f"  actor     {m.text} -> {m.actor_name} ({m.rule})", markup=False, highlight=False)


@app.command()
def resolve(
    db: DbOpt = DEFAULT_DB,
    full: Annotated[bool, typer.Option("--full", help="Rebuild duplicates, merged events and stories.")] = False,
    config: ConfigOpt = None,
    settings: SetOpt = None,
) -> None:
    """Update the cross-article tables (ingest does this itself). Example: newsledger resolve --full"""
    try:
        with _open(db, config, settings, read_only=False) as ledger:
            c = ledger.resolve(full=full)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    err.print(f"{c.actors} actors; {c.duplicates} new duplicates; {c.merged_events} merged events and "
              f"{c.stories} stories updated")


@app.command()
def status(db: DbOpt = DEFAULT_DB,
           runs: Annotated[int, typer.Option(help="Latest runs to list.")] = 10, fmt: FormatOpt = None) -> None:
    """What is pending: the cross-article stage, interrupted runs; the latest runs. Example: newsledger status"""
    with _reading(db) as ledger:
        emit(ledger.status(runs), fmt, view=_print_status)


def _print_status(s: RunStatus, console: Console) -> None:
    if s.cross_article_current:
        console.print(f"Cross-article tables: current ({s.documents} documents)")
    else:
        lag = f"{s.documents_pending} of {s.documents} documents" if s.documents_pending else "new duplicates"
        console.print(f"[bold yellow]Cross-article tables: pending[/] ({lag} not yet in them): "
                      "the next ingest or load finishes them, or run `newsledger resolve`")
    for stopped in s.interrupted:
        console.print(f"[yellow]Interrupted run[/] {stopped.run_id[:12]} started {stopped.started:%Y-%m-%d %H:%M:%S} "
                      f"(during {STAGES.get(stopped.stage or '', stopped.stage)}): rerun the same command to finish it")
    table = Table("run", "started", "finished", "status", "stage", "stored", "inputs", title="Latest runs",
                  title_justify="left")
    for run in s.runs:
        table.add_row(run.run_id[:12], f"{run.started:%Y-%m-%d %H:%M:%S}",
                      f"{run.finished:%H:%M:%S}" if run.finished else "", run.status, run.stage or "",
                      str(run.counts.get("stored", "")), ", ".join(run.inputs))
    console.print(table)


@app.command()
def duplicates(db: DbOpt = DEFAULT_DB, fmt: FormatOpt = None) -> None:
    """Exact and near-duplicate articles and what they repeat. Example: newsledger duplicates"""
    with _reading(db) as ledger:
        rows = ledger.duplicates()
    emit(rows, fmt, ("kind", "similarity", "source", "original_source", "outlet", "original_outlet"))


@app.command()
def merged(
    db: DbOpt = DEFAULT_DB,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor taking part (name or alias).")] = None,
    story: Annotated[str | None, typer.Option(help="A story id (or prefix) from `newsledger stories`.")] = None,
    min_articles: Annotated[int, typer.Option(help="Only events reported by at least this many articles.")] = 1,
    limit: Annotated[int, typer.Option(help="Rows to list.")] = 50,
    fmt: FormatOpt = None,
) -> None:
    """Events merged across articles, with how many articles and outlets report them.

    Example: newsledger merged --min-articles 2
    """
    with _reading(db) as ledger:
        rows = ledger.merged_events(event_type, actor, story, min_articles, limit)
    emit(rows, fmt, ("merged_id", "event_type", "participant_names", "date", "dates", "locations", "n_articles",
                     "n_outlets", "outlets", "sentence"))


@app.command()
def stories(db: DbOpt = DEFAULT_DB, limit: Annotated[int, typer.Option(help="Rows to list.")] = 50,
            fmt: FormatOpt = None) -> None:
    """Stories: articles grouped by shared actors and events. Example: newsledger stories"""
    with _reading(db) as ledger:
        rows = ledger.stories(limit)
    emit(rows, fmt, ("story_id", "title", "first_date", "last_date", "n_documents", "n_outlets", "top_actors"))


@app.command()
def timeline(
    db: DbOpt = DEFAULT_DB,
    story: Annotated[str | None, typer.Option(help="A story id (or prefix).")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor (name or alias).")] = None,
    query: Annotated[str | None, typer.Option(help="Words in the articles' text.")] = None,
    limit: Annotated[int | None, typer.Option(help="Days to keep at most (default: as many as fit the coverage).",
                                              min=1)] = None,
    fmt: FormatOpt = None,
) -> None:
    """The days that matter, each with what happened (sentences with their source) and its events.

    --story, --actor and --query narrow it (together if combined); none gives the whole store.
    Example: newsledger timeline --actor Aliyev
    """
    with _reading(db) as ledger:
        emit(ledger.timeline(story, actor, query, limit), fmt, view=_show_timeline)


def _show_timeline(entries: list[TimelineEntry], out: Console) -> None:
    for e in entries:
        kinds = ", ".join(f"{x.event_type} ({', '.join(x.participant_names or [])}; "
                          f"{x.n_articles} art./{x.n_outlets} outlets)" for x in e.events[:4])
        out.print(f"[bold]{e.date}[/]  {e.n_articles} articles, weight {e.weight}  {kinds}", highlight=False)
        for s in e.sentences:
            out.print(f"    {s.text}  [dim]({s.outlet or '?'}, {s.doc_id[:10]} {s.start_char}-{s.end_char})[/]",
                      highlight=False)


@app.command()
def compare(
    story: Annotated[str, typer.Option(help="A story id (or prefix) from `newsledger stories`.")],
    db: DbOpt = DEFAULT_DB,
    terms: Annotated[int, typer.Option(help="Distinctive terms a table shows per outlet.")] = 8,
    fmt: FormatOpt = None,
) -> None:
    """How outlets covering a story differ: events, quotes, wording, clashing figures.

    Example: newsledger compare --story 3fa2c1
    """
    with _reading(db) as ledger:
        emit(ledger.compare(story), fmt, view=partial(_show_comparison, terms=terms))


def _show_comparison(c: Comparison, out: Console, terms: int) -> None:
    outlets = list(c.outlets)
    table = Table("event", "date", *outlets, title="Who reported which event")
    for ev in c.events:
        table.add_row(f"{ev.event_type} {', '.join(ev.participant_names or [])}"[:60], ev.date or "",
                      *("x" if o in ev.outlets else "" for o in outlets))
    out.print(table)
    quotes = Table("speaker", *outlets, title="Quotes by speaker")
    for q in c.quotes[:15]:
        quotes.add_row(q.speaker, *(str(q.outlets.get(o, "")) for o in outlets))
    out.print(quotes)
    words = Table("outlet", "distinctive terms (log-odds z, Monroe et al. 2008)", title="Wording")
    for outlet, scored in c.terms.items():
        words.add_row(outlet, ", ".join(f"{t.term} ({t.z})" for t in scored[:terms]))
    out.print(words)
    for clash in c.conflicting_claims:
        values = " vs ".join(f"{v:,.0f}" for v in clash.values)
        out.print(f"[bold]{clash.counted}[/] {clash.verb or ''}: {values}", highlight=False)
        for cl in clash.claims:
            out.print(f"    {cl.text!r} ({cl.outlet}, {cl.published or '?'}, says {cl.asserter or '?'}): "
                      f"{cl.sentence[:100]}", markup=False, highlight=False)


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 exposes the API to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    ingest_token: Annotated[str | None, typer.Option(
        envvar="NEWSLEDGER_INGEST_TOKEN", show_default=False,
        help="Enable POST /api/ingest for clients sending 'Authorization: Bearer TOKEN'.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Also answer requests for this host name (besides localhost and --host); repeatable.")
    ] = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Serve the web UI (/) and the REST API (/api, docs at /docs), read-only unless an ingest token is set.

    The server reads a snapshot of the store, refreshed when it changes: `newsledger ingest` can
    write the store meanwhile. Example: newsledger serve --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from newsledger.web.app import create_app

    if ingest_token is not None and len(ingest_token) < 16:
        raise _fail(ValueError("--ingest-token must be at least 16 characters (try: openssl rand -hex 16)"))
    try:
        cfg = load_config(config, set_)
        cfg = replace(cfg, serve=replace(cfg.serve, allowed_hosts=(*cfg.serve.allowed_hosts, *(allow_host or []))))
        api = create_app(db, cfg, ingest_token=ingest_token, host=host)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    mode = "ingest enabled with the token" if ingest_token else "read-only"
    err.print(f"newsledger on http://{host}:{port}/  (API: /api, docs: /docs; {mode}; Ctrl-C stops)")
    if host in {"0.0.0.0", "::"} and not cfg.serve.allowed_hosts:
        err.print("other machines: add the host name they use with --allow-host NAME (other names get 400)")
    uvicorn.run(api, host=host, port=port, log_level="warning")


@app.command("log")
def ingest_log(
    db: DbOpt = DEFAULT_DB,
    status: Annotated[str | None, typer.Option(help="stored, duplicate, skipped or failed.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """The ingest log: every input with its status and reason. Example: newsledger log --status failed"""
    with _reading(db) as ledger:
        rows = ledger.ingest_log(status)
    emit(rows, fmt, ("source", "status", "reason", "doc_id"))


@app.command()
def export(
    table: Annotated[str, typer.Option("--table", "-t", help=", ".join(TABLES) + ".")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)} (gdelt: events as GDELT-style TSV).")] = "jsonl",
    output: Annotated[str, typer.Option("-o", "--output", help="File, or - for stdout.")] = "-",
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export a table. Example: newsledger export --table mentions --format csv -o mentions.csv"""
    with _reading(db) as ledger:
        n = ledger.export(table, fmt, sys.stdout if output == "-" else output)
    err.print(f"{n} rows of {table} written to {'stdout' if output == '-' else output}")


@app.command()
def bench(
    corpus: Annotated[Path, typer.Option(help="Folder of .txt articles to repeat (default: the repository's "
                                              "examples/corpus).")] = EXAMPLE_CORPUS,
    mb: Annotated[float, typer.Option(help="Repeat the corpus (as distinct variants) to this size.")] = 2.0,
    workers: Annotated[int, typer.Option("--workers", "-w")] = 1,
    memory_docs: Annotated[int, typer.Option(help="Synthetic documents for the memory check; 0 skips.")] = 0,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline (default: configured).")] = None,
) -> None:
    """Throughput and memory, as ratios against raw spaCy in the same run. Example: newsledger bench -w 2"""
    from newsledger.bench import run_bench

    try:
        run_bench(corpus, mb=mb, workers=workers, memory_docs=memory_docs, model=model, console=err)
    except NewsledgerError as exc:
        raise _fail(exc) from None


@app.command()
def train(
    labels: Annotated[list[Path], typer.Argument(help="JSON Lines of labelled sentences: text, label (a PLOVER "
                                                       "type or NONE), optional mode and id.", exists=True)],
    output: Annotated[Path, typer.Option("--out", "-o", help="Model directory to write.")] = Path("events-model"),
    heldout: Annotated[float, typer.Option(help="Share of rows held out for the printed figures.")] = 0.2,
    c: Annotated[float | None, typer.Option("-C", help="Inverse regularisation strength (default: chosen by "
                                                       "5-fold cross-validation on the training rows).")] = None,
    chars: Annotated[bool, typer.Option(help="Add character 2-5-grams within words to the word 1-2-grams.")] = True,
    name: Annotated[str | None, typer.Option(help="Model name recorded in each event's rule (default: the folder's).")]
    = None,
    encoder: Annotated[bool, typer.Option(help="Add MiniLM sentence embeddings to the TF-IDF features (needs "
                                                "newsledger[encoder]; about 8 ms a sentence).")] = False,
    learner: Annotated[str, typer.Option(help="logistic (regression) or linear_svm (one class against the "
                                              "rest; the better with --encoder).")] = "logistic",
    mask_entities: Annotated[bool, typer.Option(help="Read each named entity as its label (\"GPE\"), so the model "
                                                     "learns the act, not the names in your labels.")] = False,
    lemmas: Annotated[bool, typer.Option(help="Read words as their lemmas (\"shelled\" as \"shell\").")] = False,
) -> None:
    """Train the event typer on your own labels; use it with --set events.model=DIR.

    Example: newsledger train my_labels.jsonl --out my-model
    """
    from newsledger.train import train as train_model

    try:
        reads = (("entities",) if mask_entities else ()) + (("lemmas",) if lemmas else ())
        report = train_model(list(labels), output, name=name or output.name, share=heldout, c=c, chars=chars,
                             encoder=encoder, learner=learner, reads=reads)
    except NewsledgerError as exc:
        raise _fail(exc) from None
    for line in report["rejected"][:20]:
        err.print(f"skipped {escape(line)}")
    if len(report["rejected"]) > 20:
        err.print(f"... and {len(report['rejected']) - 20} more skipped lines")
    err.print(f"{report['rows']} labelled sentences ({report['kind']} labels): trained on {report['train']}, "
              f"held out {report['heldout']}")
    chosen = report["chosen"]
    how = f", chosen by {chosen['C_by']} (macro-F1 {chosen['cv_macro_f1']:.3f})" if "C_by" in chosen else ""
    err.print(f"regularisation C = {chosen['C']:g}{how}")
    for level, figures in report.get("figures", {}).items():
        table = Table(title=f"held-out figures by {level}: macro-F1 {figures['macro_f1']:.3f}, "
                            f"accuracy {figures['accuracy']:.3f}")
        for col in ("label", "precision", "recall", "F1", "n"):
            table.add_column(col, justify="left" if col == "label" else "right")
        for label, v in figures["per_label"].items():
            table.add_row(label, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}", str(v["support"]))
        out.print(table)
    err.print(f"model written to {output}; use it with: --set events.model={output}")


@app.command()
def version() -> None:
    """Print the newsledger version."""
    out.print(__version__)


def main() -> None:
    app()
