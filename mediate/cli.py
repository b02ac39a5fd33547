"""The ``mediate`` command: the TUI by default, and commands over the same store."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.importers.problems import BadInput
from mediate.services.files import ExportError
from mediate.store import Store, open_store
from mediate.store.connection import StoreError

USER_ERRORS = (DomainError, StoreError, BadInput, ExportError)

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Database file (default: $MEDIATE_DB, else the user data folder). "
    "Goes before or after the command.",
)


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a user's mistake into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)

    return wrapper


def chosen_db(db_path: str | None) -> str | None:
    """The database named with ``--db`` before the command (``mediate --db X list``) or after it
    (``mediate list --db X``); two different files are refused rather than one silently used."""
    ctx = click.get_current_context(silent=True)
    before = ctx.find_root().params.get("db_path") if ctx is not None else None
    if before and db_path and Path(before).expanduser() != Path(db_path).expanduser():
        raise click.UsageError(
            f"--db names two databases, {before} before the command and {db_path} after it; "
            "give it once."
        )
    return db_path or before


def _store(db_path: str | None) -> Store:
    return open_store(chosen_db(db_path))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="mediate")
@click.pass_context
@user_errors
def main(ctx: click.Context, db_path: str | None) -> None:
    """Mediate a disputed invoice: with no command, open the terminal app."""
    if ctx.invoked_subcommand is None:
        from mediate.tui.app import MediateApp

        store = open_store(db_path)
        store.close()
        MediateApp(store.path).run()


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


@main.command("list")
@db_option
@user_errors
def list_cases(db_path: str | None) -> None:
    """Print the cases as a table."""
    store = _store(db_path)
    rows = [
        [
            s.reference,
            s.title,
            f"{s.provider} v {s.client}",
            label(s.status),
            format_money(s.disputed, s.currency, s.language),
            s.opened.isoformat() if s.opened else "",
        ]
        for s in store.summaries()
    ]
    if not rows:
        click.echo(f"No cases yet in {store.path}. Import one with: mediate import FOLDER")
        return
    headers = ["Reference", "Title", "Parties", "Status", "Disputed", "Opened"]
    click.echo(_table(headers, rows, right={4}))


@main.command()
@click.argument("case")
@db_option
@user_errors
def show(case: str, db_path: str | None) -> None:
    """Print one case: parties, invoices, evidence counts, session and settlement."""
    from mediate.reports.case_text import case_text

    click.echo(case_text(_store(db_path), case))


@main.command()
@click.argument("case", required=False)
@db_option
@user_errors
def verify(case: str | None, db_path: str | None) -> None:
    """Recompute the audit chain and compare it with the tables; exit 1 on any mismatch."""
    results = _store(db_path).verify(case)
    failed = False
    for result in results:
        if result.ok:
            click.echo(f"{result.reference}: {result.events} events, chain intact, tables match")
        else:
            failed = True
            click.echo(f"{result.reference}: TAMPERED: {result.problems[0]}")
    if not results:
        click.echo("No cases to verify.")
    if failed:
        sys.exit(1)


PROGRESS_BYTES = 2 * 1024 * 1024


def import_folders(store: Store, folders: list[Path], replace: bool) -> list:
    """Read all folders (a progress bar when the files are large), then write them at once."""
    from mediate.services import intake

    files = intake.folder_files(folders)
    if sum(f.stat().st_size for f in files) < PROGRESS_BYTES or not sys.stderr.isatty():
        return intake.import_folders(store, folders, replace)
    with click.progressbar(length=len(files), label="Reading", file=sys.stderr) as bar:
        reads = intake.read_folders(folders, on_file=lambda _p: bar.update(1))
    return intake.import_reads(store, reads, replace)


@main.command("import")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--replace", is_flag=True, help="Replace a case that was imported before.")
@db_option
@user_errors
def import_command(folders: tuple[str, ...], replace: bool, db_path: str | None) -> None:
    """Import one or more case folders (see sample_cases/README.md) in one transaction."""
    from mediate.reports.import_summary import import_summary

    store = _store(db_path)
    for case_id, read in import_folders(store, [Path(f) for f in folders], replace):
        click.echo(import_summary(store, case_id, read))
        click.echo()
    click.echo(f"Imported {len(folders)} case(s) into {store.path}.")


@main.command("load-samples")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--if-empty", is_flag=True, help="Only when the database has no cases yet.")
@db_option
@user_errors
def load_samples(folder: str, if_empty: bool, db_path: str | None) -> None:
    """Load every case folder inside FOLDER (the sample cases) into the database."""
    store = _store(db_path)
    if if_empty and store.summaries():
        return
    from mediate.services.intake import sample_folders

    imported = import_folders(store, sample_folders(Path(folder)), replace=False)
    click.echo(f"Loaded {len(imported)} sample case(s) into {store.path}.")


@main.command("export")
@click.argument("case")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), default=None, help="File or folder to write."
)
@click.option(
    "--lang", type=click.Choice(["en", "nl"]), default=None, help="Language (default: the case's)."
)
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@user_errors
def export_command(
    case: str, out: Path | None, lang: str | None, pdf: bool, force: bool, db_path: str | None
) -> None:
    """Export the settlement agreement of CASE as .docx (and PDF)."""
    from mediate.services.export import export_agreement

    store = _store(db_path)
    done = export_agreement(store, case, language=lang, out=out, force=force, pdf=pdf)
    click.echo(f"Wrote {done.path}")
    click.echo(f"  file SHA-256:       {done.sha256}")
    click.echo(f"  terms fingerprint:  {done.fingerprint}")
    if done.pdf is not None:
        click.echo(f"Wrote {done.pdf}")


@main.command("report")
@click.argument("case", required=False)
@click.option("--prevention", is_flag=True, help="The prevention report: findings and fixes.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx"]),
    default=None,
    help="Prevention report format (default: from the --out name, else md).",
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="File or folder to write."
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    help="Language (default: the case's; English for all cases).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@user_errors
def report_command(
    case: str | None,
    prevention: bool,
    fmt: str | None,
    out: Path | None,
    lang: str | None,
    force: bool,
    db_path: str | None,
) -> None:
    """Insights over all cases; with --prevention, the prevention report of CASE or all cases."""
    store = _store(db_path)
    if not prevention:
        if case or fmt or out:
            raise click.UsageError("CASE, --format and --out go with --prevention.")
        from mediate.domain.insights import insights
        from mediate.reports.insights_text import insights_text
        from mediate.store.archive_reads import case_outcomes

        click.echo(insights_text(insights(case_outcomes(store))))
        return
    from mediate.services.export import export_prevention_report, prevention_report_text

    fmt = fmt or ("docx" if out is not None and out.suffix.lower() == ".docx" else "md")
    if fmt == "md" and out is None:
        text = prevention_report_text(store, case, lang)
        if text is None:
            click.echo(f"No cases yet in {store.path}.")
        else:
            click.echo(text, nl=False)
        return
    done = export_prevention_report(store, case, fmt=fmt, language=lang, out=out, force=force)
    if done is None:
        click.echo(f"No cases yet in {store.path}.")
        return
    click.echo(f"Wrote {done.path}")


if __name__ == "__main__":
    main()
